/**
 * Checkpoints off the request path. In WAL mode a commit is durable once its pages are in the
 * write-ahead log and the log is synced; copying them back into the database file (a
 * checkpoint) can wait. SQLite otherwise checkpoints inside the commit that crosses 1,000
 * pages: for a batch of reports scattered over a large map index that is thousands of random
 * writes and a sync of the database file, paid by whichever request committed. A running
 * server hands that work to a worker thread with its own connection, which checkpoints
 * without blocking the writer (PASSIVE) every `everyMs`.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** The worker: its own connection, a passive checkpoint on each tick, a last one on stop. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 1000');
db.pragma('synchronous = FULL');
const checkpoint = () => {
  try {
    const [row] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ kind: 'checkpointed', ...row });
  } catch (err) {
    parentPort.postMessage({ kind: 'failed', message: String(err && err.message || err) });
  }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

export interface CheckpointResult {
  /** Frames in the log, and how many of them are now in the database file. */
  readonly log: number;
  readonly checkpointed: number;
}

export interface Checkpointer {
  /** Checkpoints once more and closes the worker's connection. */
  stop(): Promise<void>;
}

export function startCheckpointer(
  path: string,
  options: {
    readonly everyMs: number;
    readonly onCheckpoint?: (result: CheckpointResult) => void;
    readonly onError?: (message: string) => void;
  },
): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { path, driver, everyMs: options.everyMs },
  });
  // The worker never keeps the process alive on its own.
  worker.unref();
  worker.on('message', (m: { kind: string; message?: string } & CheckpointResult) => {
    if (m.kind === 'checkpointed') options.onCheckpoint?.(m);
    else options.onError?.(m.message ?? 'checkpoint failed');
  });
  worker.on('error', (err) => options.onError?.(err.message));
  let stopped: Promise<void> | null = null;
  return {
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        // Keep the process alive until the last checkpoint is done and the worker is gone.
        worker.ref();
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
      });
      return stopped;
    },
  };
}
