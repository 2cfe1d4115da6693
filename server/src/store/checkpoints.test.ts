import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from './store.js';

const until = async (what: string, done: () => boolean, timeoutMs = 10_000) => {
  const started = Date.now();
  while (!done()) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('checkpoints off the request path', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'konbit-checkpoints-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('leaves commits to the log and copies the log into the file from a worker', async () => {
    const file = join(dir, 'store.db');
    const store = Store.open(file, { checkpointEveryMs: 25 });
    expect(store.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(16_384);
    store.sqlite.exec('create table t (k integer primary key, v text)');
    const insert = store.sqlite.prepare('insert into t (v) values (?)');
    // About 2,500 pages: more than SQLite's default of 1,000 before it checkpoints in the commit.
    store.sqlite.transaction(() => {
      for (let k = 0; k < 5_000; k += 1) insert.run('x'.repeat(2_000));
    })();
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(4 * 1024 * 1024);
    await until(
      'a complete checkpoint',
      () =>
        (store.lastCheckpoint?.log ?? 0) > 2_000 &&
        store.lastCheckpoint?.checkpointed === store.lastCheckpoint?.log,
    );
    await store.close();

    const reopened = Store.open(file, { readonly: true });
    expect(reopened.sqlite.prepare('select count(*) from t').pluck().get()).toBe(5_000);
    await reopened.close();
  });

  it('lets SQLite checkpoint as usual when not asked to', async () => {
    const store = Store.open(join(dir, 'plain.db'));
    expect(store.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(store.lastCheckpoint).toBeNull();
    await store.close();
  });
});
