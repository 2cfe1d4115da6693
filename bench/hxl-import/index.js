// HXL import throughput and memory: `konbit import hxl` on a generated displacement file
// (one figure per row, each checked, written through the figure service with its change-log
// entry, in one transaction), against the same rows parsed with csv-parse and written straight
// into better-sqlite3 with a sha256 chain, in one transaction, in the same run.
import { createHash, randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import {
  createReadStream,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 20000);
const KONBIT = fileURLToPath(new URL('../../cli/bin/konbit.js', import.meta.url));
const INDEX = fileURLToPath(new URL('../../data/boundaries/hti-adm2-index.csv', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'konbit-bench-import-'));

/** A displacement file: every commune, one row per commune and day, until ROWS rows. */
function generate() {
  const communes = readFileSync(INDEX, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',')[0]);
  const lines = [
    'Commune,Date,IDPs,Source,Document',
    '#adm2+code,#date+reported,#affected+idps,#meta+source,#meta+title',
  ];
  const start = Date.UTC(2015, 0, 1);
  for (let i = 0; i < ROWS; i += 1) {
    const day = new Date(start + Math.floor(i / communes.length) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    lines.push(
      `${communes[i % communes.length]},${day},${(i * 37) % 5000},Benchmark,Generated file`,
    );
  }
  const file = join(dir, 'displacement.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** Runs a command, sampling its peak resident memory (VmHWM) until it exits. */
function run(args) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [KONBIT, ...args], {
      env: { ...process.env, KONBIT_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let peak = 0;
    const sample = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peak = Math.max(peak, Number(m[1]) * 1024);
      } catch {
        // the process has just exited
      }
    }, 50);
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.once('exit', (code) => {
      clearInterval(sample);
      if (code !== 0) reject(new Error(`konbit ${args.join(' ')} exited with ${code}:\n${out}`));
      else resolve({ seconds: (performance.now() - started) / 1000, peak, out });
    });
  });
}

async function baseline(file) {
  const started = performance.now();
  const db = new Database(join(dir, 'raw.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`create table figures (id text primary key, body text not null);
    create table change_log (seq integer primary key, payload text not null, prev_hash text not null, hash text not null);`);
  const insertFigure = db.prepare('insert into figures (id, body) values (?, ?)');
  const insertLog = db.prepare(
    'insert into change_log (seq, payload, prev_hash, hash) values (?, ?, ?, ?)',
  );
  const rows = [];
  for await (const r of createReadStream(file).pipe(parse({ from_line: 3 }))) rows.push(r);
  let prev = '0'.repeat(64);
  db.transaction(() => {
    rows.forEach(([pcode, asOf, value, organisation, title], i) => {
      const id = randomUUID();
      const payload = JSON.stringify({
        id,
        pcode,
        asOf,
        value: Number(value),
        organisation,
        title,
      });
      insertFigure.run(id, payload);
      const hash = createHash('sha256').update(prev).update(payload).digest('hex');
      insertLog.run(i + 1, payload, prev, hash);
      prev = hash;
    });
  }).immediate();
  db.close();
  return { seconds: (performance.now() - started) / 1000 };
}

try {
  const file = generate();
  const db = join(dir, 'konbit.db');
  await run(['db', 'migrate', '--db', db]);
  const base = await baseline(file);
  const first = await run(['import', 'hxl', file, '--kind', 'displacement', '--db', db]);
  if (!new RegExp(`added: ${ROWS} figures`).test(first.out)) throw new Error(first.out);
  const again = await run(['import', 'hxl', file, '--kind', 'displacement', '--db', db]);
  if (!/added: nothing new/.test(again.out)) throw new Error(again.out);
  const mb = (n) => (n / 1024 / 1024).toFixed(0);
  const rate = (s) => (ROWS / s).toFixed(0);
  const size = (statSync(file).size / 1024 / 1024).toFixed(1);
  console.log(`${ROWS} rows (${size} MB file), one figure per row, one transaction`);
  console.log('| path | seconds | rows/s | peak RSS MB |');
  console.log('|---|---|---|---|');
  console.log(
    `| konbit import hxl (first import) | ${first.seconds.toFixed(1)} | ${rate(first.seconds)} | ${mb(first.peak)} |`,
  );
  console.log(
    `| konbit import hxl (same file again: adds nothing) | ${again.seconds.toFixed(1)} | ${rate(again.seconds)} | ${mb(again.peak)} |`,
  );
  console.log(
    `| csv-parse + raw better-sqlite3 insert + hash (baseline) | ${base.seconds.toFixed(1)} | ${rate(base.seconds)} | |`,
  );
  console.log(`ratio Konbit / baseline (rows/s): ${(base.seconds / first.seconds).toFixed(2)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
