/*
 * Konbit's service worker: keeps the app shell so the app opens with no network, and keeps the
 * map engine and reference data (boundaries, places) once fetched. Everything else, the API above
 * all, goes to the network untouched: what is not yet sent waits in the outbox, never here.
 * The build inserts VERSION and PRECACHE above this comment.
 */
/* global VERSION, PRECACHE */
const SHELL = `konbit-shell-${VERSION}`;
const RUNTIME = 'konbit-runtime';
/** Reference data the forms and the map need offline; refreshed in the background. */
const REFERENCE = ['/api/v1/areas', '/api/v1/places'];
const REFERENCE_URLS = ['/api/v1/areas?level=1', '/api/v1/areas?level=2', '/api/v1/places'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    Promise.all([
      caches.open(SHELL).then((cache) => cache.addAll(['/', ...PRECACHE])),
      caches.open(RUNTIME).then((cache) => cache.addAll(REFERENCE_URLS)),
    ]).then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((k) => k.startsWith('konbit-shell-') && k !== SHELL)
            .map((k) => caches.delete(k)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

async function networkFirstPage(request) {
  const cache = await caches.open(SHELL);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put('/', response.clone());
    return response;
  } catch {
    return (await cache.match('/')) ?? Response.error();
  }
}

async function cacheFirst(request) {
  const hit = await caches.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) await (await caches.open(RUNTIME)).put(request, response.clone());
  return response;
}

async function staleWhileRevalidate(request) {
  const cache = await caches.open(RUNTIME);
  const hit = await cache.match(request);
  const fresh = fetch(request)
    .then(async (response) => {
      if (response.ok) await cache.put(request, response.clone());
      return response;
    })
    .catch(() => null);
  return hit ?? (await fresh) ?? Response.error();
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (
    request.mode === 'navigate' &&
    !url.pathname.startsWith('/api/') &&
    url.pathname !== '/docs'
  ) {
    event.respondWith(networkFirstPage(request));
  } else if (url.pathname.startsWith('/assets/')) {
    // Hashed names: a file never changes once built.
    event.respondWith(cacheFirst(request));
  } else if (REFERENCE.includes(url.pathname)) {
    event.respondWith(staleWhileRevalidate(request));
  }
});
