/** SQL for units and assignments. */
import type { Actor } from '../policy/actor.js';
import { readableCondition } from '../policy/policy.sql.js';
import type { Db, Tx } from '../store/store.js';
import type { AssignmentTable, UnitTable } from './tasking.table.js';

export function insertUnit(tx: Tx, row: UnitTable) {
  return tx.insertInto('units').values(row).execute();
}

export function findUnit(db: Db | Tx, id: string) {
  return db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Units `actor` may read, by name. */
export function selectUnits(db: Db | Tx, actor: Actor) {
  let q = db.selectFrom('units').selectAll();
  const readable = readableCondition(actor);
  if (readable) q = q.where(readable);
  return q.orderBy('name').limit(10_000).execute();
}

export function insertAssignment(tx: Tx, row: AssignmentTable) {
  return tx.insertInto('assignments').values(row).execute();
}

export function replaceAssignment(tx: Tx, row: AssignmentTable) {
  return tx.updateTable('assignments').set(row).where('id', '=', row.id).execute();
}

export function findAssignment(db: Db | Tx, id: string) {
  return db.selectFrom('assignments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A unit's planned and active assignments, whoever may read them: the clash check needs all. */
export function bookedAssignments(db: Db | Tx, unitId: string) {
  return db
    .selectFrom('assignments')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('state', '!=', 'ended')
    .execute();
}

export interface AssignmentFilter {
  readonly siteId?: string | undefined;
  readonly unitId?: string | undefined;
  readonly state?: string | undefined;
}

/** Assignments `actor` may read, earliest start first. */
export function selectAssignments(db: Db | Tx, actor: Actor, filter: AssignmentFilter = {}) {
  let q = db.selectFrom('assignments').selectAll();
  const readable = readableCondition(actor);
  if (readable) q = q.where(readable);
  if (filter.siteId !== undefined) q = q.where('site_id', '=', filter.siteId);
  if (filter.unitId !== undefined) q = q.where('unit_id', '=', filter.unitId);
  if (filter.state !== undefined) q = q.where('state', '=', filter.state);
  return q.orderBy('starts_at').limit(10_000).execute();
}

/** Units by id, whoever may read them (their service decides whether they free police). */
export function selectUnitsByIds(db: Db | Tx, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('units').selectAll().where('id', 'in', ids).execute();
}

/** Site names by id, for messages and presenters. */
export function selectSiteNames(db: Db | Tx, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('sites').select(['id', 'name']).where('id', 'in', ids).execute();
}
