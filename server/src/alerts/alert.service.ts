/**
 * Alerts. `raiseAlert` is the one way any concept raises one (a site threatened or lost now; a
 * verified incident near a critical site once incidents land), inside the caller's transaction,
 * so the alert and its change-log entry commit with the record that caused it.
 */
import {
  KonbitError,
  newId,
  type AcknowledgeAlertRequest,
  type AlertId,
  type AlertKind,
  type AlertQuery,
  type AlertSeverity,
  type ClassificationLevel,
} from '@konbit/core';
import { logRecord } from '../changelog/log-record.js';
import type { Clock } from '../clock/clock.js';
import { actorOrg, actorRef, type Actor, type Writer } from '../policy/actor.js';
import { notFound, readThroughPolicy, writableOne } from '../policy/enforce.js';
import type { Store, Tx } from '../store/store.js';
import { alertRowToAlert, alertToRow, type Alert } from './alert.js';
import {
  findAlert,
  findOpenAlertFor,
  insertAlert,
  markAcknowledged,
  selectAlerts,
} from './alert.repository.js';

export interface RaiseAlert {
  readonly kind: AlertKind;
  readonly severity: AlertSeverity;
  readonly site: { readonly id: string; readonly name: string } | null;
  /** One line for the duty officer: what happened, where, when. */
  readonly message: string;
  /** The record that raised it. */
  readonly subject: { readonly entity: string; readonly id: string };
  /** Who may read the alert: at most as wide as the record that raised it. */
  readonly classification: ClassificationLevel;
  readonly restrictedTo?: readonly string[];
  /** When it happened; the server's now when absent. */
  readonly at?: string;
}

/**
 * Raises an alert in the caller's transaction and records it on the change log (so the live
 * feed carries it). A record that already has an open alert of the same kind gets that one back.
 */
export async function raiseAlert(
  tx: Tx,
  actor: Writer,
  deps: { readonly clock: Clock },
  input: RaiseAlert,
): Promise<Alert> {
  const open = await findOpenAlertFor(tx, input.kind, input.subject.entity, input.subject.id);
  if (open) return alertRowToAlert(open);
  const now = deps.clock.now().toISOString();
  const alert: Alert = {
    id: newId<AlertId>(),
    kind: input.kind,
    severity: input.severity,
    site: input.site,
    message: input.message,
    subject: input.subject,
    raisedAt: input.at ?? now,
    acknowledged: null,
    classification: input.classification,
    restrictedTo: input.restrictedTo ?? [],
    createdBy: actorRef(actor),
    createdOrg: actorOrg(actor),
  };
  await insertAlert(tx, alertToRow(alert));
  await logRecord(tx, actor, 'alert', 'create', alert, now);
  return alert;
}

export async function listAlerts(store: Store, actor: Actor, query: AlertQuery): Promise<Alert[]> {
  const rows = await selectAlerts(store.db, actor, {
    state: query.state ?? 'open',
    siteId: query.siteId,
  });
  return readThroughPolicy(store, actor, 'alert', rows.map(alertRowToAlert));
}

export async function getAlert(store: Store, actor: Actor, id: string): Promise<Alert> {
  const row = await findAlert(store.db, id);
  const [alert] = row ? await readThroughPolicy(store, actor, 'alert', [alertRowToAlert(row)]) : [];
  if (!alert) throw notFound('alert', id);
  return alert;
}

/** Acknowledges an open alert; a second acknowledgement is refused with 409, naming the first. */
export async function acknowledgeAlert(
  tx: Tx,
  actor: Writer,
  deps: { readonly clock: Clock },
  id: string,
  input: AcknowledgeAlertRequest,
): Promise<Alert> {
  const alert = writableOne(
    actor,
    'alert.acknowledge',
    await findAlert(tx, id),
    alertRowToAlert,
    'alert',
    id,
  );
  if (alert.acknowledged) {
    throw new KonbitError(
      'Conflict',
      `The alert was already acknowledged at ${alert.acknowledged.at}; nothing to do`,
      'id',
    );
  }
  const at = deps.clock.now().toISOString();
  const ack = { at, by: actorRef(actor), note: input.note ?? null };
  await markAcknowledged(tx, id, ack);
  const updated: Alert = { ...alert, acknowledged: ack };
  await logRecord(tx, actor, 'alert', 'update', updated, at);
  return updated;
}
