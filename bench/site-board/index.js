// The site board over a year of reporting: GET /api/v1/sites/board (for each readable site, the
// readable incidents within 1 km in the last 7 days and the personnel on duty now) against what
// a client would otherwise do for the same answer: GET /api/v1/sites, then one
// GET /api/v1/incidents per site for a box around it, counting within 1 km itself. Both must give
// the same counts. The incidents come from the incident benchmark's store (bench/incidents,
// reused while its parameters match); the sites are spread over the metropolitan area.
//
// BENCH_INCIDENTS (200,000), BENCH_SITES (40), BENCH_RUNS (20), BENCH_SEED.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { distanceMetres, lonLat } from '@konbit/core';
import { createSite, loadConfig, openContext, systemActor, withOverrides } from '@konbit/server';
import { benchStore, onLandFor } from '../incidents/store.js';
import { METRO, rng, YEAR_END } from '../incidents/workload.js';
import { percentile, rssOf, startServer } from '../lib/server.js';

const N = Number(process.env.BENCH_INCIDENTS ?? 200_000);
const SITES = Number(process.env.BENCH_SITES ?? 40);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const SEED = Number(process.env.BENCH_SEED ?? 20230608);
const RADIUS = 1_000;
const NOW = new Date(YEAR_END).toISOString();
const FROM = new Date(YEAR_END - 7 * 86_400_000).toISOString();
const log = (line) => console.log(line);

/** Adds `SITES` partners sites on land across the metropolitan area; returns their positions. */
async function addSites(db) {
  const ctx = await openContext(withOverrides(loadConfig({}), { db, logLevel: 'silent' }));
  const onLand = onLandFor(ctx.areas);
  const r = rng(SEED + 99);
  const actor = systemActor('bench');
  const sites = [];
  await ctx.store.transaction(async (tx) => {
    while (sites.length < SITES) {
      const lon = METRO[0] + r() * (METRO[2] - METRO[0]);
      const lat = METRO[1] + r() * (METRO[3] - METRO[1]);
      if (!onLand(lon, lat)) continue;
      const site = await createSite(tx, actor, ctx, {
        name: `Bench site ${sites.length}`,
        kind: 'other',
        criticality: 1 + (sites.length % 5),
        location: { lon, lat },
      });
      sites.push({ id: site.id, position: [lon, lat] });
    }
  });
  await ctx.store.close();
  return sites;
}

async function get(url, token) {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** What a client without the board does: the sites, then each site's box of incidents. */
async function perSite(base, token) {
  const { features } = await get(`${base}/api/v1/sites`, token);
  const counts = {};
  for (const f of features) {
    const [lon, lat] = f.geometry.coordinates;
    const dLat = RADIUS / 111_320;
    const dLon = RADIUS / (111_320 * Math.cos((lat * Math.PI) / 180));
    const bbox = [lon - dLon, lat - dLat, lon + dLon, lat + dLat].map((v) => v.toFixed(6));
    let n = 0;
    let cursor = null;
    do {
      const q = new URLSearchParams({ bbox: bbox.join(','), from: FROM, to: NOW, limit: '5000' });
      if (cursor) q.set('cursor', cursor);
      const page = await get(`${base}/api/v1/incidents?${q}`, token);
      for (const i of page.features) {
        const c = i.geometry?.coordinates;
        if (c && distanceMetres(lonLat(c[0], c[1]), lonLat(lon, lat)) <= RADIUS) n += 1;
      }
      cursor = page.nextCursor ?? null;
    } while (cursor);
    counts[f.id] = n;
  }
  return counts;
}

async function board(base, token) {
  const body = await get(`${base}/api/v1/sites/board`, token);
  return Object.fromEntries(body.sites.map((s) => [s.siteId, s.incidentsNearby]));
}

async function timed(fn) {
  const times = [];
  let last;
  for (let i = 0; i < RUNS + 2; i += 1) {
    const t0 = performance.now();
    last = await fn();
    if (i >= 2) times.push(performance.now() - t0); // two warm-up rounds
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), last };
}

const store = await benchStore(N, SEED, log);
const dir = mkdtempSync(join(tmpdir(), 'konbit-bench-board-'));
try {
  const db = join(dir, 'board.db');
  copyFileSync(store.db, db);
  await addSites(db);
  const server = await startServer(db, { KONBIT_NOW: NOW });
  try {
    const token = store.tokens.ops;
    const measured = await timed(() => board(server.url, token));
    const baseline = await timed(() => perSite(server.url, token));
    const ids = Object.keys(baseline.last).sort();
    const differ = ids.filter((id) => baseline.last[id] !== measured.last[id]);
    if (differ.length > 0 || ids.length !== Object.keys(measured.last).length) {
      throw new Error(`counts differ for ${differ.length} sites`);
    }
    const total = ids.reduce((n, id) => n + measured.last[id], 0);
    const fmt = (n) => n.toFixed(1);
    console.log(
      `${N} reports over a year, ${ids.length} sites, 7 days to ${NOW}, ${RUNS} runs, mission-ops reader`,
    );
    console.log('| path | p50 ms | p95 ms |');
    console.log('|---|---|---|');
    console.log(
      `| HTTP GET /api/v1/sites/board (Konbit) | ${fmt(measured.p50)} | ${fmt(measured.p95)} |`,
    );
    console.log(
      `| GET /api/v1/sites + one GET /api/v1/incidents per site (baseline) | ${fmt(baseline.p50)} | ${fmt(baseline.p95)} |`,
    );
    console.log(`ratio board / baseline (p50): ${(measured.p50 / baseline.p50).toFixed(2)}`);
    console.log(`incidents within 1 km counted over all sites: ${total} (same in both)`);
    console.log(`server RSS after the run: ${(rssOf(server.pid) / 1024 / 1024).toFixed(0)} MB`);
  } finally {
    await server.stop();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
