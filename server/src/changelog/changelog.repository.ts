/** SQL for the change log. Returns rows and entries; decides nothing. */
import { canonicalJson, type ClassificationLevel } from '@konbit/core';
import type { Db, Tx } from '../store/store.js';
import type { ChangeLogTable } from './changelog.table.js';
import { hashEntry, type ChangeEntry, type ChangeOp, type UnhashedEntry } from './changelog.js';

/** An entry before the log gives it a place: no sequence number or hashes yet. */
export type NewChange = Omit<UnhashedEntry, 'seq' | 'prevHash'>;

/**
 * Appends one entry inside `tx`. Advancing the head row first takes the write lock on
 * PostgreSQL too, so concurrent writers chain one after another.
 */
export async function appendEntry(tx: Tx, change: NewChange): Promise<ChangeEntry> {
  const head = await tx
    .updateTable('change_log_head')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  // Round-trip the payload through canonical JSON so what is hashed is exactly what is stored.
  const payloadText = canonicalJson(change.payload);
  const unhashed: UnhashedEntry = {
    ...change,
    seq: head.seq,
    payload: JSON.parse(payloadText) as unknown,
    prevHash: head.hash,
  };
  const hash = hashEntry(unhashed);
  await tx
    .insertInto('change_log')
    .values({
      seq: unhashed.seq,
      at: unhashed.at,
      actor: unhashed.actor,
      org: unhashed.org,
      entity: unhashed.entity,
      entity_id: unhashed.entityId,
      op: unhashed.op,
      classification: unhashed.classification,
      restricted_to:
        unhashed.restrictedTo.length > 0 ? JSON.stringify(unhashed.restrictedTo) : null,
      payload: payloadText,
      prev_hash: unhashed.prevHash,
      hash,
    })
    .execute();
  await tx.updateTable('change_log_head').set({ hash }).where('id', '=', 1).execute();
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
