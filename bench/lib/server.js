// Helpers for benchmarks: a Konbit server in its own process (so the load generator does not
// share its CPU time), the transport floor beside it, and their memory.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const KONBIT = fileURLToPath(new URL('../../cli/bin/konbit.js', import.meta.url));
const FLOOR = fileURLToPath(new URL('./floor-server.js', import.meta.url));

/** Starts `konbit serve --db FILE --port 0`; resolves with its URL, pid and a stop function. */
export function startServer(db, env = {}) {
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  return startProcess([...nodeArgs, KONBIT, 'serve', '--db', db, '--port', '0'], env);
}

/**
 * Starts the transport floor (`floor-server.js`) in its own process: `GET /bytes/N` answers N
 * bytes held in memory, so the same client and sizes time HTTP alone.
 */
export function startFloorServer() {
  return startProcess([FLOOR]);
}

async function startProcess(args, env = {}) {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, KONBIT_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const url = await new Promise((resolve, reject) => {
    child.stdout.on('data', (c) => {
      out += c;
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  return {
    url,
    pid: child.pid,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}

/** Resident memory of a process, in bytes (Linux). */
export function rssOf(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

export function percentile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
