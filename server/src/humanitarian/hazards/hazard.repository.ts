/** SQL for hazard events. */
import { sql, type SqlBool } from 'kysely';
import type { Actor } from '../../policy/actor.js';
import { readableCondition } from '../../policy/policy.sql.js';
import type { Db, Tx } from '../../store/store.js';
import type { HazardEventTable } from './hazard.table.js';

export function insertHazardEvent(tx: Tx, row: HazardEventTable) {
  return tx.insertInto('hazard_events').values(row).execute();
}

export function updateHazardEventRow(tx: Tx, row: HazardEventTable) {
  return tx.updateTable('hazard_events').set(row).where('id', '=', row.id).execute();
}

export function findHazardEvent(db: Db | Tx, id: string) {
  return db.selectFrom('hazard_events').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface HazardFilter {
  readonly type?: string | undefined;
  /** Listed as affected, or holding the epicentre. */
  readonly pcode?: string | undefined;
  /** Under way at some instant in [from, to). */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

/** Events `actor` may read that match `filter`, the latest first. */
export function selectHazardEvents(db: Db, actor: Actor, filter: HazardFilter) {
  let q = db.selectFrom('hazard_events').selectAll();
  const readable = readableCondition(actor);
  if (readable) q = q.where(readable);
  if (filter.type !== undefined) q = q.where('type', '=', filter.type);
  if (filter.pcode !== undefined) {
    // affected_pcodes is a JSON array of P-codes; the quoted form matches one code exactly.
    const quoted = `%"${filter.pcode}"%`;
    q = q.where(
      sql<SqlBool>`(affected_pcodes like ${quoted} or epicentre_pcode = ${filter.pcode})`,
    );
  }
  if (filter.to !== undefined) q = q.where('started_at', '<', filter.to);
  if (filter.from !== undefined) {
    const from = filter.from;
    q = q.where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>=', from)]));
  }
  return q.orderBy('started_at', 'desc').limit(10_000).execute();
}
