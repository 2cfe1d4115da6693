import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testContext, type TestContext } from '../test-support/context.js';
import { placeholders, prepared, preparedInsert } from './prepared.js';

interface Row {
  key: string;
  value: string;
}

describe('statements compiled once', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await testContext();
  });
  afterEach(() => ctx.cleanup());

  const insert = prepared(
    (db, row: Row) => db.insertInto('meta').values(row),
    () => placeholders<Row>(['key', 'value']),
  );
  const byKey = prepared((db, p: { key: string }) =>
    db.selectFrom('meta').select(['key', 'value']).where('key', '=', p.key),
  );
  const many = preparedInsert<Row>('meta', ['key', 'value'], 3);

  it('binds each call’s values by name, whatever order they are given in', async () => {
    await ctx.store.transaction(async (tx) => {
      await insert(tx, { value: 'one', key: 'a' });
      await insert(tx, { key: 'b', value: 'two' });
    });
    expect(await byKey(ctx.store.db, { key: 'b' })).toEqual([{ key: 'b', value: 'two' }]);
    expect(await byKey(ctx.store.db, { key: 'a' })).toEqual([{ key: 'a', value: 'one' }]);
    expect(await byKey(ctx.store.db, { key: 'c' })).toEqual([]);
  });

  it('writes many rows in statements of a fixed size, the last one shorter', async () => {
    const rows = Array.from({ length: 8 }, (_, i) => ({ key: `k${i}`, value: `v${i}` }));
    await ctx.store.transaction((tx) => many(tx, rows));
    const stored = await ctx.store.db
      .selectFrom('meta')
      .select(['key', 'value'])
      .where('key', 'like', 'k%')
      .orderBy('key')
      .execute();
    expect(stored).toEqual(rows);
  });

  it('keeps a value that looks like a placeholder as a value', async () => {
    await ctx.store.transaction((tx) =>
      insert(tx, { key: 'odd', value: '\u0000konbit-param:key' }),
    );
    expect(await byKey(ctx.store.db, { key: 'odd' })).toEqual([
      { key: 'odd', value: '\u0000konbit-param:key' },
    ]);
  });
});
