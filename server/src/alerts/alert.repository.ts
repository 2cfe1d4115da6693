/** SQL for alerts. */
import type { Actor } from '../policy/actor.js';
import { readableCondition } from '../policy/policy.sql.js';
import type { Db, Tx } from '../store/store.js';
import type { AlertTable } from './alert.table.js';

export function insertAlert(tx: Tx, row: AlertTable) {
  return tx.insertInto('alerts').values(row).execute();
}

export function findAlert(db: Db | Tx, id: string) {
  return db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The open alert already raised for a record, if any. */
export function findOpenAlertFor(db: Db | Tx, kind: string, entity: string, id: string) {
  return db
    .selectFrom('alerts')
    .selectAll()
    .where('kind', '=', kind)
    .where('subject_entity', '=', entity)
    .where('subject_id', '=', id)
    .where('acknowledged_at', 'is', null)
    .executeTakeFirst();
}

export function markAcknowledged(
  tx: Tx,
  id: string,
  ack: { at: string; by: string; note: string | null },
) {
  return tx
    .updateTable('alerts')
    .set({ acknowledged_at: ack.at, acknowledged_by: ack.by, acknowledged_note: ack.note })
    .where('id', '=', id)
    .where('acknowledged_at', 'is', null)
    .executeTakeFirst();
}

export interface AlertFilter {
  readonly state: 'open' | 'acknowledged' | 'all';
  readonly siteId?: string | undefined;
}

/** Alerts `actor` may read, newest first. */
export function selectAlerts(db: Db, actor: Actor, filter: AlertFilter) {
  let q = db.selectFrom('alerts').selectAll();
  const readable = readableCondition(actor);
  if (readable) q = q.where(readable);
  if (filter.state === 'open') q = q.where('acknowledged_at', 'is', null);
  if (filter.state === 'acknowledged') q = q.where('acknowledged_at', 'is not', null);
  if (filter.siteId !== undefined) q = q.where('site_id', '=', filter.siteId);
  return q.orderBy('raised_at', 'desc').limit(1000).execute();
}
