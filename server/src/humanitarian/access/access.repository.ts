/** SQL for access constraints. */
import { sql, type SqlBool } from 'kysely';
import type { Actor } from '../../policy/actor.js';
import { readableCondition } from '../../policy/policy.sql.js';
import { inChunks } from '../../store/chunks.js';
import type { Db, Tx } from '../../store/store.js';
import type { AccessConstraintTable } from './access.table.js';

export function insertAccessConstraint(tx: Tx, row: AccessConstraintTable) {
  return tx.insertInto('access_constraints').values(row).execute();
}

export function updateAccessConstraintRow(tx: Tx, row: AccessConstraintTable) {
  return tx.updateTable('access_constraints').set(row).where('id', '=', row.id).execute();
}

export function findAccessConstraint(db: Db | Tx, id: string) {
  return db.selectFrom('access_constraints').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Constraints whose natural key is one of `keys`, whoever may read them. */
export function findAccessConstraintsByKey(db: Db | Tx, keys: readonly string[]) {
  return inChunks(keys, (chunk) =>
    db.selectFrom('access_constraints').selectAll().where('natural_key', 'in', chunk).execute(),
  );
}

export interface AccessFilter {
  /** In force at some day in [from, to]; both or neither. */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly category?: string | undefined;
  readonly severity?: string | undefined;
  readonly scope?: string | undefined;
  /** A P-code prefix: `HT01` keeps constraints on any commune of the department. */
  readonly pcode?: string | undefined;
}

/** Constraints `actor` may read that match `filter`, the most recent first. */
export function selectAccessConstraints(db: Db, actor: Actor, filter: AccessFilter) {
  let q = db.selectFrom('access_constraints').selectAll();
  const readable = readableCondition(actor);
  if (readable) q = q.where(readable);
  if (filter.to !== undefined) q = q.where('start_on', '<=', filter.to);
  if (filter.from !== undefined) {
    const from = filter.from;
    q = q.where((eb) => eb.or([eb('end_on', 'is', null), eb('end_on', '>=', from)]));
  }
  if (filter.category !== undefined) q = q.where('category', '=', filter.category);
  if (filter.severity !== undefined) q = q.where('severity', '=', filter.severity);
  if (filter.scope !== undefined) q = q.where('scope', '=', filter.scope);
  if (filter.pcode !== undefined) {
    // pcodes is a JSON array of quoted P-codes: a quote then the prefix matches one of them.
    q = q.where(sql<SqlBool>`pcodes like ${`%"${filter.pcode}%`}`);
  }
  return q.orderBy('start_on', 'desc').orderBy('created_at', 'desc').limit(50_000).execute();
}
