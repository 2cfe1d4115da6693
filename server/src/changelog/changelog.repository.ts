/** SQL for the change log. Returns rows and entries; decides nothing. */
import { canonicalJson, type ClassificationLevel } from '@konbit/core';
import { placeholders, prepared, preparedInsert } from '../store/prepared.js';
import type { Db, Tx } from '../store/store.js';
import type { ChangeLogTable } from './changelog.table.js';
import {
  hashEntryWithPayload,
  type ChangeEntry,
  type ChangeOp,
  type UnhashedEntry,
} from './changelog.js';

// Every write appends an entry: these run so often that they are compiled once. The head is
// advanced, then read, rather than read back with RETURNING, which costs SQLite ten times as
// much inside a large transaction (a batch of reports).
const advanceHead = prepared((db) =>
  db
    .updateTable('change_log_head')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('id', '=', 1),
);
const readHead = prepared((db) =>
  db.selectFrom('change_log_head').select(['seq', 'hash']).where('id', '=', 1),
);
const LOG_COLUMNS = [
  'seq',
  'at',
  'actor',
  'org',
  'entity',
  'entity_id',
  'op',
  'classification',
  'restricted_to',
  'payload',
  'prev_hash',
  'hash',
] as const;
const insertLogRow = prepared(
  (db, row: ChangeLogTable) => db.insertInto('change_log').values(row),
  () => placeholders<ChangeLogTable>(LOG_COLUMNS),
);
const setHeadHash = prepared((db, p: { hash: string }) =>
  db.updateTable('change_log_head').set({ hash: p.hash }).where('id', '=', 1),
);
const advanceHeadBy = prepared((db, p: { n: number }) =>
  db
    .updateTable('change_log_head')
    .set((eb) => ({ seq: eb('seq', '+', p.n) }))
    .where('id', '=', 1),
);
const insertLogRows = preparedInsert<ChangeLogTable>('change_log', LOG_COLUMNS, 200);

/**
 * Appends entries, in order, inside `tx`, advancing the head once for all of them: for writes
 * of many records at once (a batch of reports). The chain is the same as entry by entry.
 */
export async function appendEntries(tx: Tx, changes: readonly NewChange[]): Promise<void> {
  if (changes.length === 0) return;
  await advanceHeadBy(tx, { n: changes.length });
  const [head] = await readHead(tx, {});
  if (!head) throw new Error('The change log has no head row; the store was not migrated');
  let seq = head.seq - changes.length;
  let prevHash = head.hash;
  const rows: ChangeLogTable[] = [];
  for (const change of changes) {
    seq += 1;
    const payloadText = canonicalJson(change.payload);
    const hash = hashEntryWithPayload({ ...change, seq, prevHash }, payloadText);
    rows.push({
      seq,
      at: change.at,
      actor: change.actor,
      org: change.org,
      entity: change.entity,
      entity_id: change.entityId,
      op: change.op,
      classification: change.classification,
      restricted_to: change.restrictedTo.length > 0 ? JSON.stringify(change.restrictedTo) : null,
      payload: payloadText,
      prev_hash: prevHash,
      hash,
    });
    prevHash = hash;
  }
  await insertLogRows(tx, rows);
  await setHeadHash(tx, { hash: prevHash });
}

/** An entry before the log gives it a place: no sequence number or hashes yet. */
export type NewChange = Omit<UnhashedEntry, 'seq' | 'prevHash'>;

/**
 * Appends one entry inside `tx`. Advancing the head row first takes the write lock on
 * PostgreSQL too, so concurrent writers chain one after another; the head is read after.
 */
export async function appendEntry(tx: Tx, change: NewChange): Promise<ChangeEntry> {
  await advanceHead(tx, {});
  const [head] = await readHead(tx, {});
  if (!head) throw new Error('The change log has no head row; the store was not migrated');
  // Round-trip the payload through canonical JSON so what is hashed is exactly what is stored.
  const payloadText = canonicalJson(change.payload);
  const unhashed: UnhashedEntry = {
    ...change,
    seq: head.seq,
    payload: JSON.parse(payloadText) as unknown,
    prevHash: head.hash,
  };
  const hash = hashEntryWithPayload(unhashed, payloadText);
  await insertLogRow(tx, {
    seq: unhashed.seq,
    at: unhashed.at,
    actor: unhashed.actor,
    org: unhashed.org,
    entity: unhashed.entity,
    entity_id: unhashed.entityId,
    op: unhashed.op,
    classification: unhashed.classification,
    restricted_to: unhashed.restrictedTo.length > 0 ? JSON.stringify(unhashed.restrictedTo) : null,
    payload: payloadText,
    prev_hash: unhashed.prevHash,
    hash,
  });
  await setHeadHash(tx, { hash });
  return { ...unhashed, hash };
}

export function rowToEntry(row: ChangeLogTable): ChangeEntry {
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    org: row.org,
    entity: row.entity,
    entityId: row.entity_id,
    op: row.op as ChangeOp,
    classification: row.classification as ClassificationLevel,
    restrictedTo: row.restricted_to === null ? [] : (JSON.parse(row.restricted_to) as string[]),
    payload: JSON.parse(row.payload) as unknown,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** Entries with `seq` greater than `after`, oldest first. */
export async function entriesAfter(db: Db, after: number, limit: number): Promise<ChangeEntry[]> {
  const rows = await db
    .selectFrom('change_log')
    .selectAll()
    .where('seq', '>', after)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map(rowToEntry);
}

/** Entries with `seq` less than `before`, newest first. */
export async function entriesBefore(db: Db, before: number, limit: number): Promise<ChangeEntry[]> {
  const rows = await db
    .selectFrom('change_log')
    .selectAll()
    .where('seq', '<', before)
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
  return rows.map(rowToEntry);
}

export async function headOf(db: Db): Promise<{ seq: number; hash: string }> {
  return db
    .selectFrom('change_log_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
}
