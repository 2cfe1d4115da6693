/**
 * Loads the map engine (MapLibre GL) on demand: it is the heaviest part of the app, so the
 * first screen never waits for it. MapLibre 6 has no default export, and under Vite its worker
 * must be pointed at the emitted worker file (a same-origin module worker; the CSP allows it).
 */
import type * as Maplibre from 'maplibre-gl';

export type MapLibre = typeof Maplibre;

let loading: Promise<MapLibre> | null = null;

export function loadMapEngine(): Promise<MapLibre> {
  loading ??= (async () => {
    const [maplibre, worker] = await Promise.all([
      import('maplibre-gl'),
      import('maplibre-gl/dist/maplibre-gl-worker.mjs?url'),
      import('maplibre-gl/dist/maplibre-gl.css'),
    ]);
    maplibre.setWorkerUrl(worker.default);
    return maplibre;
  })();
  loading.catch(() => (loading = null));
  return loading;
}
