// The benchmark's store: a year of reports written through the incident service (validation,
// commune from the point, classification, change log, the SQLite map index, text index and
// counts), by five reporting accounts of both compartments. Kept under bench/results and reused
// while its parameters match, since writing a million reports takes minutes.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateIncidentRequest, lonLat } from '@konbit/core';
import {
  Areas,
  checkIncident,
  createOrganisation,
  createToken,
  createUser,
  fixedClock,
  incidentDeps,
  loadConfig,
  openContext,
  storeIncidents,
  systemActor,
  withOverrides,
} from '@konbit/server';
import { REPORTERS, reports, WORKLOAD_VERSION, YEAR_END } from './workload.js';

export const RESULTS = fileURLToPath(new URL('../results/incidents/', import.meta.url));
const PASSWORD = 'benchmark passphrase';

export function onLandFor(areas) {
  return (lon, lat) => {
    try {
      return areas.locate(lonLat(lon, lat)) !== null;
    } catch {
      return false;
    }
  };
}

/** The store for `n` reports from `seed`: reused when complete, written otherwise. */
export async function benchStore(n, seed, log) {
  mkdirSync(RESULTS, { recursive: true });
  const name = `store-v${WORKLOAD_VERSION}-${n}-${seed}`;
  const db = join(RESULTS, `${name}.db`);
  const manifest = join(RESULTS, `${name}.json`);
  if (existsSync(db) && existsSync(manifest)) {
    const m = JSON.parse(readFileSync(manifest, 'utf8'));
    if (m.complete && m.version === WORKLOAD_VERSION && m.n === n && m.seed === seed) {
      log(
        `Reusing the generated store ${db} (v${m.version}, ${n} reports, seed ${seed}; written in ${m.seconds.toFixed(0)} s on ${m.writtenAt})`,
      );
      return { db, ...m, reused: true };
    }
  }
  for (const f of [db, `${db}-wal`, `${db}-shm`, manifest]) rmSync(f, { force: true });
  log(
    `Writing ${n} reports to ${db} through the incident service (a few minutes; reused next time)…`,
  );
  const started = performance.now();
  const config = withOverrides(loadConfig({}), { db, synchronous: 'NORMAL', logLevel: 'silent' });
  const ctx = await openContext(config, fixedClock(new Date(YEAR_END)));
  const system = systemActor('bench');
  const accounts = {};
  const tokens = {};
  await ctx.store.transaction(async (tx) => {
    const orgs = {};
    for (const r of REPORTERS) {
      orgs[r.kind] ??= await createOrganisation(tx, system, {
        name: `Bench ${r.kind}`,
        kind: r.kind,
      });
      const user = await createUser(tx, system, {
        email: `${r.key}@bench.konbit.example`,
        name: `Bench ${r.key}`,
        orgId: orgs[r.kind].id,
        role: r.role,
        password: PASSWORD,
      });
      accounts[r.key] = {
        kind: 'user',
        userId: user.id,
        email: user.email,
        name: user.name,
        orgId: orgs[r.kind].id,
        orgKind: r.kind,
        role: r.role,
        credential: { type: 'session', id: 'bench' },
      };
      tokens[r.key] = (
        await createToken(tx, system, { userId: user.id, name: 'bench', expiresInDays: 3650 })
      ).token;
    }
  });
  const deps = incidentDeps(ctx);
  const onLand = onLandFor(ctx.areas);
  const source = reports(n, seed, onLand);
  const BATCH = 5000;
  let written = 0;
  let lastLog = performance.now();
  while (written < n) {
    await ctx.store.transaction(async (tx) => {
      // Checked one by one as any report is, stored together by reporter as a batch is.
      const drafts = new Map(REPORTERS.map((r) => [r.key, []]));
      for (let k = 0; k < BATCH && written < n; k += 1) {
        const { value } = source.next();
        const input = CreateIncidentRequest.parse(value.report);
        drafts
          .get(value.reporter)
          .push(await checkIncident(tx, accounts[value.reporter], deps, input));
        written += 1;
      }
      for (const [key, list] of drafts) await storeIncidents(tx, accounts[key], deps, list);
    });
    if (performance.now() - lastLog > 15_000) {
      lastLog = performance.now();
      const rate = written / ((lastLog - started) / 1000);
      log(`  ${written} written (${rate.toFixed(0)}/s)`);
    }
  }
  ctx.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  ctx.store.sqlite.exec('analyze');
  await ctx.store.close();
  const seconds = (performance.now() - started) / 1000;
  const m = {
    complete: true,
    version: WORKLOAD_VERSION,
    n,
    seed,
    seconds,
    writtenAt: new Date().toISOString(),
    tokens,
  };
  writeFileSync(manifest, JSON.stringify(m, null, 2));
  log(`Wrote ${n} reports in ${seconds.toFixed(0)} s (${(n / seconds).toFixed(0)}/s)`);
  return { db, ...m, reused: false };
}

export { Areas };
