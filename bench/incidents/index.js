// Incidents at a million reports: map viewports at street, district and city zoom, statistics
// by commune over a year, and batch ingest, measured over HTTP against `konbit serve` in its own
// process, beside the same queries on raw better-sqlite3 (the engine's ceiling) and on
// PostgreSQL + PostGIS (what a user would otherwise pick), in the same run. Each answer's size is
// also fetched from a server that holds the bytes already (the transport floor), with the same
// client: what HTTP alone costs for answers of that size.
//
// BENCH_INCIDENTS (1,000,000), BENCH_QUERIES per zoom (150), BENCH_INGEST reports (50,000),
// BENCH_SEED, KONBIT_TEST_PG_URL. The store is kept in bench/results/incidents, and the PostGIS
// baseline in a database named after it; both are reused while their parameters match.
import {
  closeSync,
  copyFileSync,
  fsyncSync,
  mkdtempSync,
  openSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { addDays, newId, weekStart } from '@konbit/core';
import { percentile, rssOf, startFloorServer, startServer } from '../lib/server.js';
import { LOCAL_PG, postgis } from './postgis.js';
import { rawSqlite } from './sqlite.js';
import { benchStore, onLandFor, RESULTS } from './store.js';
import { Areas } from '@konbit/server';
import { METRO, reports, rng, TYPES, YEAR_END, YEAR_START } from './workload.js';

const N = Number(process.env.BENCH_INCIDENTS ?? 1_000_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 150);
const INGEST = Number(process.env.BENCH_INGEST ?? 50_000);
const SEED = Number(process.env.BENCH_SEED ?? 20230608);
const PG_URL = process.env.KONBIT_TEST_PG_URL ?? LOCAL_PG;
const LIMIT = 5000;
const WINDOW_DAYS = 90;
/** An analyst at mission HQ reads these levels, and restricted reports naming their organisation. */
const LEVELS = ['public', 'partners', 'mission'];
const ZOOMS = [
  { name: 'street', label: 'street (0.006°, ≈ 650 m)', side: 0.006 },
  { name: 'district', label: 'district (0.03°, ≈ 3.2 km)', side: 0.03 },
  { name: 'city', label: 'city (metropolitan area, 0.25° × 0.2°)', side: null },
];

const log = (...a) => console.log(...a);
const ms = (v) => v.toFixed(1);
const started = performance.now();

function summary(times) {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
  };
}

/** Viewports where reports are (users look where things happen), 90-day windows, half typed. */
function querySet(db, zoom, seed) {
  const r = rng(seed);
  const maxSeq = db.prepare('select max(seq) m from incidents').get().m;
  const at = db.prepare(
    'select lon, lat from incidents where seq >= ? and lon is not null limit 1',
  );
  const typeWeights = [20, 16, 10, 12, 6, 5, 3, 2, 8, 3, 1, 4, 10];
  const pickType = () => {
    let x = r() * typeWeights.reduce((a, b) => a + b, 0);
    for (let k = 0; k < TYPES.length; k += 1) if ((x -= typeWeights[k]) <= 0) return TYPES[k];
    return TYPES[0];
  };
  return Array.from({ length: QUERIES }, () => {
    let bbox;
    if (zoom.side === null) {
      const j = (r() - 0.5) * 0.02;
      bbox = [METRO[0] + j, METRO[1] + j, METRO[2] + j, METRO[3] + j];
    } else {
      const p = at.get(1 + Math.floor(r() * maxSeq));
      const h = zoom.side / 2;
      bbox = [p.lon - h, p.lat - h, p.lon + h, p.lat + h];
    }
    const end =
      YEAR_START +
      WINDOW_DAYS * 86_400_000 +
      Math.floor(r() * (YEAR_END - YEAR_START - WINDOW_DAYS * 86_400_000));
    const types =
      r() < 0.5 ? null : [...new Set(Array.from({ length: 1 + Math.floor(r() * 3) }, pickType))];
    return {
      bbox: bbox.map((v) => v.toFixed(6)).join(','),
      from: new Date(end - WINDOW_DAYS * 86_400_000).toISOString(),
      to: new Date(end).toISOString(),
      types,
      limit: LIMIT,
    };
  });
}

function listUrl(base, q) {
  const p = new URLSearchParams({ bbox: q.bbox, from: q.from, to: q.to, limit: String(q.limit) });
  if (q.types) p.set('types', q.types.join(','));
  return `${base}/api/v1/incidents?${p}`;
}

async function timeHttp(url, token) {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const body = await res.arrayBuffer();
  const t = performance.now() - t0;
  if (res.status !== 200)
    throw new Error(`HTTP ${res.status}: ${Buffer.from(body).toString().slice(0, 300)}`);
  return { t, body };
}

async function ingest(storeFile, manifest, areas) {
  const dir = mkdtempSync(join(tmpdir(), 'konbit-bench-ingest-'));
  const copy = join(dir, 'ingest.db');
  copyFileSync(storeFile, copy);
  // On disk before the server starts: the operating system writing back 3 GB of copy during the
  // ingest would compete with the commits measured (a store in service has no such copy).
  const fd = openSync(copy, 'r+');
  fsyncSync(fd);
  closeSync(fd);
  const before = new Database(copy, { readonly: true });
  const beforeCount = before.prepare('select count(*) from incidents').pluck().get();
  before.close();
  const server = await startServer(copy);
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, rssOf(server.pid))), 100);
  try {
    const onLand = onLandFor(areas);
    const items = [...reports(INGEST, SEED + 1, onLand)].map((x) => ({
      reporter: x.reporter,
      report: { ...x.report, id: newId() },
    }));
    // Each reporting account sends its own reports, 1,000 per batch, two devices at a time.
    const batches = [];
    for (const key of Object.keys(manifest.tokens)) {
      const mine = items.filter((x) => x.reporter === key).map((x) => x.report);
      for (let i = 0; i < mine.length; i += 1000) {
        batches.push({
          token: manifest.tokens[key],
          body: JSON.stringify({ items: mine.slice(i, i + 1000) }),
        });
      }
    }
    let next = 0;
    let created = 0;
    const latencies = [];
    const t0 = performance.now();
    await Promise.all(
      [0, 1].map(async () => {
        while (next < batches.length) {
          const b = batches[next++];
          const s = performance.now();
          const res = await fetch(`${server.url}/api/v1/incidents/batch`, {
            method: 'POST',
            headers: { authorization: `Bearer ${b.token}`, 'content-type': 'application/json' },
            body: b.body,
          });
          const out = await res.json();
          if (res.status !== 200)
            throw new Error(`batch: HTTP ${res.status} ${JSON.stringify(out).slice(0, 300)}`);
          if (out.rejected > 0)
            throw new Error(
              `batch rejected ${out.rejected}: ${JSON.stringify(out.results.find((x) => x.error))}`,
            );
          created += out.created;
          latencies.push(performance.now() - s);
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    // Acknowledged reports are filed onto the map, statistics and search in the background:
    // how long until the last is, and how many wait at most.
    const token = batches[0].token;
    let status;
    for (;;) {
      const res = await fetch(`${server.url}/api/v1/incidents/intake`, {
        headers: { authorization: `Bearer ${token}` },
      });
      status = await res.json();
      if (res.status !== 200) throw new Error(`intake: HTTP ${res.status}`);
      if (status.fault) throw new Error(`filing failed: ${status.fault}`);
      if (status.waiting === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const filedSeconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    await server.stop();
    const check = new Database(copy, { readonly: true });
    const stored = check.prepare('select count(*) from incidents').pluck().get();
    check.close();
    if (stored !== beforeCount + created)
      throw new Error(`ingest: ${beforeCount} + ${created} acknowledged, but ${stored} stored`);
    return {
      created,
      seconds,
      rate: created / seconds,
      filedSeconds,
      filedRate: created / filedSeconds,
      batch: summary(latencies),
      rss: peak,
      batches: batches.length,
    };
  } finally {
    clearInterval(sampler);
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const store = await benchStore(N, SEED, log);
const areas = Areas.load();
const meta = new Database(store.db, { readonly: true });
const org = meta
  .prepare("select org_id from users where email = 'ops@bench.konbit.example'")
  .pluck()
  .get();
const token = store.tokens.ops;
const sets = Object.fromEntries(ZOOMS.map((z, k) => [z.name, querySet(meta, z, SEED + 10 + k)]));
meta.close();

log('Loading the PostGIS baseline…');
const pgis = await postgis(PG_URL, store.db, log);
const raw = rawSqlite(store.db, { org, levels: LEVELS });
const server = await startServer(store.db);
const floor = await startFloorServer();
let rssPeak = 0;
const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssOf(server.pid))), 100);
const results = { n: N, reused: store.reused, generatedSeconds: store.seconds, zooms: {} };
try {
  // Warm the caches of all three the same way before timing.
  for (const z of ZOOMS) {
    for (const q of sets[z.name].slice(0, 15)) {
      const h = await timeHttp(listUrl(server.url, q), token);
      await timeHttp(`${floor.url}/bytes/${h.body.byteLength}`, token);
      raw.list(q);
      await pgis.list(q, LEVELS, org);
    }
  }
  for (const z of ZOOMS) {
    const http = [];
    const transport = [];
    const sqlite = [];
    const pgt = [];
    let features = 0;
    let mismatched = 0;
    for (const q of sets[z.name]) {
      // Interleaved, so the three share the machine's state query by query.
      const h = await timeHttp(listUrl(server.url, q), token);
      http.push(h.t);
      // The same number of bytes, already in memory, through the same client: HTTP alone.
      transport.push((await timeHttp(`${floor.url}/bytes/${h.body.byteLength}`, token)).t);
      const n = JSON.parse(Buffer.from(h.body).toString()).features.length;
      features += n;
      let t0 = performance.now();
      const rows = raw.list(q);
      sqlite.push(performance.now() - t0);
      t0 = performance.now();
      const prow = await pgis.list(q, LEVELS, org);
      pgt.push(performance.now() - t0);
      // The engines agree on what the page holds (edges aside: PostGIS boxes include their edges).
      if (
        Math.abs(Math.min(rows.length, LIMIT) - n) > 2 ||
        Math.abs(Math.min(prow.length, LIMIT) - n) > 5
      )
        mismatched += 1;
    }
    results.zooms[z.name] = {
      label: z.label,
      features: features / QUERIES,
      http: summary(http),
      floor: summary(transport),
      sqlite: summary(sqlite),
      postgis: summary(pgt),
      mismatched,
    };
    log(
      `  ${z.name}: Konbit p95 ${ms(results.zooms[z.name].http.p95)} ms, PostGIS p95 ${ms(results.zooms[z.name].postgis.p95)} ms`,
    );
  }

  // Statistics by commune over the whole year.
  const lastDay = '2023-06-08';
  const firstDay = addDays(lastDay, -364);
  const statsUrl = `${server.url}/api/v1/incidents/stats?groupBy=pcode&from=${firstDay}&to=${lastDay}`;
  const firstMonday = weekStart(addDays(firstDay, 6));
  const lastMonday = addDays(weekStart(addDays(lastDay, 1)), -7);
  const days = [];
  if (firstDay < firstMonday) days.push([firstDay, addDays(firstMonday, -1)]);
  if (addDays(lastMonday, 7) <= lastDay) days.push([addDays(lastMonday, 7), lastDay]);
  const fromIso = new Date(YEAR_START).toISOString();
  const toIso = new Date(YEAR_END + 8 * 3_600_000).toISOString();
  const st = { http: [], counts: [], scan: [], postgis: [] };
  let httpTotal = 0;
  let pgTotal = 0;
  for (let i = 0; i < 30; i += 1) {
    const h = await timeHttp(statsUrl, token);
    st.http.push(h.t);
    httpTotal = JSON.parse(Buffer.from(h.body).toString()).total.count;
    let t0 = performance.now();
    raw.statsFromCounts([firstMonday, lastMonday], days);
    st.counts.push(performance.now() - t0);
    if (i < 5) {
      t0 = performance.now();
      raw.statsByScan(fromIso, toIso);
      st.scan.push(performance.now() - t0);
    }
    t0 = performance.now();
    pgTotal = (await pgis.stats(fromIso, toIso, LEVELS, org)).reduce((a, r) => a + Number(r.n), 0);
    st.postgis.push(performance.now() - t0);
  }
  results.stats = {
    http: summary(st.http),
    counts: summary(st.counts),
    scan: summary(st.scan),
    postgis: summary(st.postgis),
    httpTotal,
    pgTotal,
  };

  // Clusters for a city-wide map (no target; shown for reference).
  const clusterTimes = [];
  for (const q of sets.city.slice(0, 30)) {
    const p = new URLSearchParams({ bbox: q.bbox, zoom: '12', from: q.from, to: q.to });
    clusterTimes.push((await timeHttp(`${server.url}/api/v1/incidents/clusters?${p}`, token)).t);
  }
  results.clusters = summary(clusterTimes);
} finally {
  clearInterval(sampler);
  await server.stop();
  await floor.stop();
  raw.close();
  await pgis.close();
}
results.rss = rssPeak;

log(`Batch ingest: ${INGEST} new reports into a copy of the store…`);
results.ingest = await ingest(store.db, store, areas);

// ---------------------------------------------------------------------------------------------
const mb = (b) => (b / 1024 / 1024).toFixed(0);
const pct = (s) => `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.p99)}`;
const ok = (b) => (b ? 'met' : '**not met**');
const lines = [];
lines.push(
  `${N.toLocaleString('en')} reports over a year (${store.reused ? `reused store, written earlier in ${store.seconds.toFixed(0)} s` : `store written in this run in ${store.seconds.toFixed(0)} s`}); ` +
    `${QUERIES} viewports per zoom, ${WINDOW_DAYS}-day windows, half with a type filter, limit ${LIMIT}; reader: a mission-HQ analyst (policy applied).`,
);
lines.push('');
lines.push(
  '| query | features (avg) | Konbit over HTTP p50 / p95 / p99 ms | same bytes from memory over HTTP (floor) p50 / p95 / p99 ms | raw better-sqlite3 p50 / p95 / p99 ms | PostGIS p50 / p95 / p99 ms | p95 ratio Konbit / PostGIS |',
);
lines.push('|---|---|---|---|---|---|---|');
for (const z of ZOOMS) {
  const r = results.zooms[z.name];
  lines.push(
    `| ${r.label} | ${r.features.toFixed(0)} | ${pct(r.http)} | ${pct(r.floor)} | ${pct(r.sqlite)} | ${pct(r.postgis)} | ${(r.http.p95 / r.postgis.p95).toFixed(2)} |`,
  );
}
const s = results.stats;
lines.push(
  `| stats by commune, whole year (${s.httpTotal.toLocaleString('en')} reports) | | ${pct(s.http)} | | ${pct(s.counts)} (maintained counts); ${pct(s.scan)} (scan, no counts) | ${pct(s.postgis)} | ${(s.http.p95 / s.postgis.p95).toFixed(2)} |`,
);
lines.push(`| clusters, city at zoom 12, 90 days | | ${pct(results.clusters)} | | | | |`);
lines.push('');
const g = results.ingest;
lines.push(
  `Batch ingest (synchronous=FULL, 1,000 reports per batch, 2 clients, into a copy of the ${N.toLocaleString('en')}-report store): ` +
    `${g.created.toLocaleString('en')} reports in ${g.seconds.toFixed(1)} s = **${g.rate.toFixed(0)} reports/s** acknowledged; batch p50 ${ms(g.batch.p50)} ms, p95 ${ms(g.batch.p95)} ms. ` +
    `All filed onto the map, statistics and search ${g.filedSeconds.toFixed(1)} s after the first batch (${g.filedRate.toFixed(0)} reports/s end to end); the store then held every acknowledged report.`,
);
lines.push(
  `Server RSS peak: ${mb(results.rss)} MB during the queries, ${mb(g.rss)} MB during ingest.`,
);
lines.push('');
const d = results.zooms.district;
lines.push('Targets:');
lines.push(
  `- district viewport p95 ≤ 25 ms over HTTP: ${ms(d.http.p95)} ms, ${ok(d.http.p95 <= 25)} (the same bytes from memory: ${ms(d.floor.p95)} ms)`,
);
lines.push(
  `- p95 no higher than PostGIS at every zoom: ${ZOOMS.map((z) => `${z.name} ${(results.zooms[z.name].http.p95 / results.zooms[z.name].postgis.p95).toFixed(2)}`).join(', ')}, ${ok(ZOOMS.every((z) => results.zooms[z.name].http.p95 <= results.zooms[z.name].postgis.p95))}`,
);
lines.push(`- batch ingest ≥ 10,000 reports/s: ${g.rate.toFixed(0)}/s, ${ok(g.rate >= 10_000)}`);
lines.push(
  `- stats by commune over the year ≤ 50 ms: p95 ${ms(s.http.p95)} ms, ${ok(s.http.p95 <= 50)}`,
);
lines.push(
  `- server RSS ≤ 400 MB: ${mb(Math.max(results.rss, g.rss))} MB, ${ok(Math.max(results.rss, g.rss) <= 400 * 1024 * 1024)}`,
);
const mismatched = ZOOMS.map((z) => results.zooms[z.name].mismatched).reduce((a, b) => a + b, 0);
if (mismatched > 0)
  lines.push(
    `(${mismatched} queries where the engines' page sizes differed by more than box edges explain)`,
  );
lines.push('');
lines.push(`Whole run: ${((performance.now() - started) / 1000).toFixed(0)} s.`);
console.log(`\n${lines.join('\n')}`);
writeFileSync(join(RESULTS, 'last.json'), JSON.stringify(results, null, 2));
writeFileSync(join(RESULTS, 'last.md'), `${lines.join('\n')}\n`);
