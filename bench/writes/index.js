// Acknowledged writes per second: creating figures through HTTP (validation, policy,
// idempotency key, change-log hash chain, synchronous=FULL) against the same rows written
// straight into better-sqlite3 with the same durability, in the same run.
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  createOrganisation,
  createToken,
  createUser,
  loadConfig,
  openContext,
  systemActor,
  withOverrides,
} from '@konbit/server';
import { percentile, rssOf, startServer } from '../lib/server.js';

const N = Number(process.env.BENCH_WRITES ?? 3000);
const CONCURRENCY = 8;
const dir = mkdtempSync(join(tmpdir(), 'konbit-bench-'));

function body(i) {
  return {
    metric: 'people-reached',
    value: i,
    pcode: 'HT0111',
    asOf: '2023-06-08',
    source: { organisation: 'Benchmark', title: 'writes' },
    context: `bench ${i}`,
  };
}

async function http() {
  const db = join(dir, 'http.db');
  const ctx = await openContext(withOverrides(loadConfig({}), { db }));
  const actor = systemActor('bench');
  const token = await ctx.store.transaction(async (tx) => {
    const org = await createOrganisation(tx, actor, { name: 'OCHA', kind: 'un-agency' });
    const user = await createUser(tx, actor, {
      email: 'im@bench.example',
      name: 'IM',
      orgId: org.id,
      role: 'humanitarian-im',
      password: 'benchmark passphrase',
    });
    return (await createToken(tx, actor, { userId: user.id, name: 'bench' })).token;
  });
  await ctx.store.close();
  const server = await startServer(db);
  let next = 0;
  const latencies = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < N) {
        const i = next++;
        const t0 = performance.now();
        const res = await fetch(`${server.url}/api/v1/figures`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'idempotency-key': `bench-${i}`,
          },
          body: JSON.stringify(body(i)),
        });
        if (res.status !== 201) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
        await res.arrayBuffer();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const rss = rssOf(server.pid);
  await server.stop();
  latencies.sort((a, b) => a - b);
  const p = (q) => percentile(latencies, q);
  return { rate: N / seconds, p50: p(0.5), p95: p(0.95), p99: p(0.99), rss };
}

function raw() {
  const db = new Database(join(dir, 'raw.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`create table figures (id text primary key, body text not null);
    create table change_log (seq integer primary key, payload text not null, prev_hash text not null, hash text not null);`);
  const insertFigure = db.prepare('insert into figures (id, body) values (?, ?)');
  const insertLog = db.prepare(
    'insert into change_log (seq, payload, prev_hash, hash) values (?, ?, ?, ?)',
  );
  let prev = '0'.repeat(64);
  const write = db.transaction((seq) => {
    const id = randomUUID();
    const payload = JSON.stringify({ id, ...body(seq) });
    insertFigure.run(id, payload);
    const hash = createHash('sha256').update(prev).update(payload).digest('hex');
    insertLog.run(seq, payload, prev, hash);
    prev = hash;
  });
  const started = performance.now();
  // One transaction per record, as each acknowledged HTTP create is.
  for (let i = 1; i <= N; i += 1) write.immediate(i);
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return { rate: N / seconds };
}

try {
  const baseline = raw();
  const measured = await http();
  const fmt = (n) => n.toFixed(1);
  console.log(
    `${N} figure creates, ${CONCURRENCY} concurrent clients, synchronous=FULL, one transaction per record`,
  );
  console.log('| path | creates/s | p50 ms | p95 ms | p99 ms |');
  console.log('|---|---|---|---|---|');
  console.log(
    `| HTTP POST /api/v1/figures (Konbit) | ${fmt(measured.rate)} | ${fmt(measured.p50)} | ${fmt(measured.p95)} | ${fmt(measured.p99)} |`,
  );
  console.log(`| raw better-sqlite3 insert + hash (baseline) | ${fmt(baseline.rate)} | | | |`);
  console.log(`ratio Konbit / baseline: ${(measured.rate / baseline.rate).toFixed(2)}`);
  console.log(`server RSS after the run: ${(measured.rss / 1024 / 1024).toFixed(0)} MB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
