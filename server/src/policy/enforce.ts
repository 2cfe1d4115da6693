/**
 * Applying the policy on the way in and on the way out: refuse a write, filter what is read,
 * and audit the reads that must be audited.
 */
import { KonbitError } from '@konbit/core';
import { recordChange } from '../changelog/changelog.service.js';
import type { Store } from '../store/store.js';
import type { Actor, Writer } from './actor.js';
import { canRead, canWrite, readNeedsAudit, type AccessTag, type Action } from './policy.js';

/**
 * 404 for a record that does not exist or that the actor may not read: the same answer, so a
 * reader cannot tell the two apart. `field` names the request field that held the id.
 */
export function notFound(what: string, id: string, field = 'id'): KonbitError {
  return new KonbitError('NotFound', `No ${what} ${id} that you may read`, field);
}

/** Throws the policy's refusal as an API error. */
export function assertCanWrite(actor: Writer, action: Action, tag: AccessTag): void {
  const decision = canWrite(actor, action, tag);
  if (!decision.ok) throw new KonbitError(decision.code, decision.reason, decision.field);
}

/**
 * The record a stored row holds, when `actor` may read it; otherwise 404, the same answer as for
 * no row. `field` names the request field that held the id.
 */
export function readableOne<R, T extends AccessTag>(
  actor: Actor,
  row: R | undefined,
  toRecord: (row: R) => T,
  what: string,
  id: string,
  field = 'id',
): T {
  const record = row ? toRecord(row) : null;
  if (!record || !canRead(actor, record)) throw notFound(what, id, field);
  return record;
}

/** The record a change is about: 404 when the writer may not read it, 403 when not change it. */
export function writableOne<R, T extends AccessTag>(
  actor: Writer,
  action: Action,
  row: R | undefined,
  toRecord: (row: R) => T,
  what: string,
  id: string,
): T {
  const current = readableOne(actor, row, toRecord, what, id);
  assertCanWrite(actor, action, current);
  return current;
}

/**
 * Keeps the records `actor` may read (the store's query already filtered; this is the check
 * every way out shares) and writes one audit entry when an admin read beyond their own
 * organisation's reach.
 */
export async function readThroughPolicy<R extends AccessTag & { readonly id: string }>(
  store: Store,
  actor: Actor,
  entity: string,
  records: readonly R[],
): Promise<R[]> {
  const visible = records.filter((r) => canRead(actor, r));
  const audited = visible.filter((r) => readNeedsAudit(actor, r));
  if (audited.length > 0 && actor.kind === 'user') {
    await auditRead(
      store,
      actor,
      entity,
      audited.map((r) => r.id),
    );
  }
  return visible;
}

/** One audit entry for a read, visible to admins only. */
export async function auditRead(
  store: Store,
  actor: Writer,
  entity: string,
  ids: readonly string[],
): Promise<void> {
  await store.transaction((tx) =>
    recordChange(tx, actor, {
      entity: 'audit',
      entityId: `${entity}-read`,
      op: 'event',
      classification: 'restricted',
      restrictedTo: [],
      payload: { action: 'read', entity, count: ids.length, ids: ids.slice(0, 1000) },
    }),
  );
}
