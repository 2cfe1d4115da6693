import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemActor } from '../policy/actor.js';
import { testContext, type TestContext } from '../test-support/context.js';
import { GENESIS_HASH, hashEntry, hashEntryWithPayload } from './changelog.js';
import { canonicalJson } from '@konbit/core';
import { entriesAfter } from './changelog.repository.js';
import { recordChange, recordChanges, verifyChain } from './changelog.service.js';

const actor = systemActor('test');

describe('change log', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await testContext();
  });
  afterEach(() => ctx.cleanup());

  async function write(n: number) {
    for (let i = 0; i < n; i += 1) {
      await ctx.store.transaction((tx) =>
        recordChange(tx, actor, {
          entity: 'note',
          entityId: `n${i}`,
          op: 'create',
          classification: 'public',
          payload: { i, text: `note ${i}` },
        }),
      );
    }
  }

  it('chains each entry to the one before with sha256 over every other field', async () => {
    await write(3);
    const entries = await entriesAfter(ctx.store.db, 0, 10);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(entries[0]?.prevHash).toBe(GENESIS_HASH);
    expect(entries[1]?.prevHash).toBe(entries[0]?.hash);
    for (const e of entries) expect(hashEntry(e)).toBe(e.hash);
  });

  it('hashes a payload given in canonical form exactly as the payload itself', () => {
    const entry = {
      seq: 7,
      at: '2023-06-08T16:00:00.000Z',
      actor: 'system:test',
      org: null,
      entity: 'note',
      entityId: 'n7',
      op: 'create' as const,
      classification: 'public' as const,
      restrictedTo: [],
      prevHash: GENESIS_HASH,
    };
    for (const payload of [
      { b: 1, a: [2, { d: null, c: '"payload":$&' }], text: 'x\u0000payload' },
      'just a string',
      null,
    ]) {
      expect(hashEntryWithPayload(entry, canonicalJson(payload))).toBe(
        hashEntry({ ...entry, payload }),
      );
    }
  });

  it('verifies an untouched log', async () => {
    await write(5);
    const result = await verifyChain(ctx.store.db);
    expect(result).toMatchObject({ ok: true, entries: 5, headSeq: 5 });
  });

  it('names the seq of a row edited by hand', async () => {
    await write(6);
    ctx.store.sqlite
      .prepare(`update change_log set payload = '{"i":3,"text":"edited"}' where seq = 4`)
      .run();
    const result = await verifyChain(ctx.store.db);
    expect(result.ok).toBe(false);
    expect(result.ok ? null : result.brokenAt).toBe(4);
  });

  it('notices an edited time, since seq and at are hashed too', async () => {
    await write(3);
    ctx.store.sqlite
      .prepare(`update change_log set at = '2020-01-01T00:00:00.000Z' where seq = 2`)
      .run();
    const result = await verifyChain(ctx.store.db);
    expect(result.ok ? null : result.brokenAt).toBe(2);
  });

  it('notices deleted entries at the end of the log', async () => {
    await write(4);
    ctx.store.sqlite.prepare('delete from change_log where seq >= 3').run();
    const result = await verifyChain(ctx.store.db);
    expect(result.ok ? null : result.brokenAt).toBe(3);
  });

  it('chains many changes recorded at once exactly as one by one', async () => {
    await write(2);
    await ctx.store.transaction((tx) =>
      recordChanges(
        tx,
        actor,
        Array.from({ length: 5 }, (_, i) => ({
          entity: 'note',
          entityId: `m${i}`,
          op: 'create' as const,
          classification: 'public' as const,
          payload: { i, text: `many ${i}` },
        })),
      ),
    );
    await write(1);
    const entries = await entriesAfter(ctx.store.db, 0, 20);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(entries.map((e) => e.entityId)).toEqual([
      'n0',
      'n1',
      'm0',
      'm1',
      'm2',
      'm3',
      'm4',
      'n0',
    ]);
    expect(await verifyChain(ctx.store.db)).toMatchObject({ ok: true, entries: 8, headSeq: 8 });
  });

  it('writes nothing when the transaction fails', async () => {
    await write(1);
    await expect(
      ctx.store.transaction(async (tx) => {
        await recordChange(tx, actor, {
          entity: 'note',
          entityId: 'x',
          op: 'create',
          classification: 'public',
          payload: {},
        });
        throw new Error('rule refused');
      }),
    ).rejects.toThrow('rule refused');
    const entries = await entriesAfter(ctx.store.db, 0, 10);
    expect(entries).toHaveLength(1);
    expect((await verifyChain(ctx.store.db)).ok).toBe(true);
  });
});
