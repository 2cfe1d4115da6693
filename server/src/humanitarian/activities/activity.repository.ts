/** SQL for 3W activities. */
import { sql, type SqlBool } from 'kysely';
import type { Actor } from '../../policy/actor.js';
import { readableCondition } from '../../policy/policy.sql.js';
import { inChunks } from '../../store/chunks.js';
import type { Db, Tx } from '../../store/store.js';
import type { ActivityTable } from './activity.table.js';

export function insertActivity(tx: Tx, row: ActivityTable) {
  return tx.insertInto('activities').values(row).execute();
}

export function updateActivityRow(tx: Tx, row: ActivityTable) {
  return tx.updateTable('activities').set(row).where('id', '=', row.id).execute();
}

export function findActivity(db: Db | Tx, id: string) {
  return db.selectFrom('activities').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Activities whose natural key is one of `keys`, whoever may read them. */
export function findActivitiesByKey(db: Db | Tx, keys: readonly string[]) {
  return inChunks(keys, (chunk) =>
    db.selectFrom('activities').selectAll().where('natural_key', 'in', chunk).execute(),
  );
}

export interface ActivityFilter {
  readonly sector?: string | undefined;
  /** A P-code prefix: `HT01` keeps the department and its communes. */
  readonly pcode?: string | undefined;
  readonly status?: string | undefined;
  readonly organisation?: string | undefined;
  /** Running at some time in [from, to]. */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

/** Activities `actor` may read that match `filter`, by place, cluster and organisation. */
export function selectActivities(db: Db, actor: Actor, filter: ActivityFilter) {
  let q = db.selectFrom('activities').selectAll();
  const readable = readableCondition(actor);
  if (readable) q = q.where(readable);
  if (filter.sector !== undefined) q = q.where('sector', '=', filter.sector);
  if (filter.pcode !== undefined) q = q.where('pcode', 'like', `${filter.pcode}%`);
  if (filter.status !== undefined) q = q.where('status', '=', filter.status);
  if (filter.organisation !== undefined) {
    const org = filter.organisation.toLowerCase();
    q = q.where(sql<SqlBool>`(lower(org_name) = ${org} or lower(org_acronym) = ${org})`);
  }
  if (filter.to !== undefined) {
    const to = filter.to;
    q = q.where((eb) => eb.or([eb('start_on', 'is', null), eb('start_on', '<=', to)]));
  }
  if (filter.from !== undefined) {
    const from = filter.from;
    q = q.where((eb) => eb.or([eb('end_on', 'is', null), eb('end_on', '>=', from)]));
  }
  return q.orderBy('pcode').orderBy('sector').orderBy('org_name').limit(50_000).execute();
}
