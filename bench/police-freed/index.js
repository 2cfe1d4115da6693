// The police-freed figure over a month for a large picture: GET /api/v1/kpi/police-freed
// (store reads, access policy, arithmetic, presenter, HTTP) against the pure arithmetic alone
// (`policeFreed` from core) on the same sites and assignments, in the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { policeFreed } from '@konbit/core';
import {
  createAssignment,
  createOrganisation,
  createSite,
  createToken,
  createUnit,
  createUser,
  loadConfig,
  openContext,
  systemActor,
  withOverrides,
} from '@konbit/server';
import { percentile, rssOf, startServer } from '../lib/server.js';

const SITES = Number(process.env.BENCH_SITES ?? 200);
const UNITS = Number(process.env.BENCH_UNITS ?? 100);
const PER_UNIT = 10;
const DAYS = 30;
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const FROM = '2023-06-01';
const TO = '2023-06-30';
const dir = mkdtempSync(join(tmpdir(), 'konbit-bench-'));

const SHIFTS = [
  { pattern: 'round-the-clock' },
  { pattern: 'daily', ranges: [{ from: '06:00', to: '18:00' }] },
  { pattern: 'daily', ranges: [{ from: '18:00', to: '06:00' }] },
];

async function seed(db) {
  const ctx = await openContext(withOverrides(loadConfig({}), { db }));
  const actor = systemActor('bench');
  const data = await ctx.store.transaction(async (tx) => {
    const org = await createOrganisation(tx, actor, { name: 'Force HQ', kind: 'force-hq' });
    const user = await createUser(tx, actor, {
      email: 'ops@bench.example',
      name: 'Ops',
      orgId: org.id,
      role: 'mission-ops',
      password: 'benchmark passphrase',
    });
    const token = (await createToken(tx, actor, { userId: user.id, name: 'bench' })).token;
    const sites = [];
    for (let i = 0; i < SITES; i += 1) {
      // Spread over Port-au-Prince commune's land.
      const site = await createSite(tx, actor, ctx, {
        name: `Site ${i}`,
        kind: 'other',
        criticality: 1 + (i % 5),
        pcode: 'HT0111',
        policeRequired: 10 + (i % 30),
        forceRequired: 10,
      });
      sites.push(site);
    }
    const assignments = [];
    for (let u = 0; u < UNITS; u += 1) {
      const unit = await createUnit(tx, actor, ctx, {
        name: `Unit ${u}`,
        organisation: 'Bench',
        strength: 10 * PER_UNIT,
      });
      for (let k = 0; k < PER_UNIT; k += 1) {
        const a = await createAssignment(tx, actor, ctx, {
          unitId: unit.id,
          siteId: sites[(u * PER_UNIT + k) % SITES].id,
          personnel: 10,
          startsAt: `2023-06-${String(1 + ((u + k) % 10)).padStart(2, '0')}T10:00:00.000Z`,
          endsAt: null,
          shift: SHIFTS[(u + k) % SHIFTS.length],
          state: (u + k) % 2 === 0 ? 'active' : 'planned',
        });
        assignments.push(a);
      }
    }
    return { token, sites, assignments };
  });
  await ctx.store.close();
  return data;
}

function pure(sites, assignments) {
  const input = assignments.map((a) => ({ ...a, service: 'force' }));
  const times = [];
  let result;
  for (let i = 0; i < RUNS; i += 1) {
    const t0 = performance.now();
    result = policeFreed(sites, input, FROM, TO);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), total: result.total };
}

async function http(db, token) {
  const server = await startServer(db);
  const times = [];
  let body;
  try {
    for (let i = 0; i < RUNS + 2; i += 1) {
      const t0 = performance.now();
      const res = await fetch(`${server.url}/api/v1/kpi/police-freed?from=${FROM}&to=${TO}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
      body = await res.json();
      if (i >= 2) times.push(performance.now() - t0); // two warm-up requests
    }
    const rss = rssOf(server.pid);
    times.sort((a, b) => a - b);
    return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), total: body.total, rss };
  } finally {
    await server.stop();
  }
}

try {
  const db = join(dir, 'kpi.db');
  const { token, sites, assignments } = await seed(db);
  const baseline = pure(sites, assignments);
  const measured = await http(db, token);
  if (JSON.stringify(baseline.total) !== JSON.stringify(measured.total)) {
    throw new Error(
      `totals differ: ${JSON.stringify(baseline.total)} vs ${JSON.stringify(measured.total)}`,
    );
  }
  const fmt = (n) => n.toFixed(1);
  console.log(
    `${SITES} sites, ${assignments.length} assignments, ${DAYS} days (${FROM} to ${TO}), ${RUNS} runs`,
  );
  console.log('| path | p50 ms | p95 ms |');
  console.log('|---|---|---|');
  console.log(
    `| HTTP GET /api/v1/kpi/police-freed (Konbit) | ${fmt(measured.p50)} | ${fmt(measured.p95)} |`,
  );
  console.log(`| policeFreed() in process (baseline) | ${fmt(baseline.p50)} | |`);
  console.log(`ratio Konbit / baseline (p50): ${(measured.p50 / baseline.p50).toFixed(2)}`);
  console.log(
    `officer-days: actual ${measured.total.actual}, projected ${measured.total.projected}`,
  );
  console.log(`server RSS after the run: ${(measured.rss / 1024 / 1024).toFixed(0)} MB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
