/**
 * What every humanitarian record carries besides its own fields: its classification (with the
 * organisations of a `restricted` one), who made it and when. Shared by IDP sites, hazard
 * events, 3W activities and access constraints.
 */
import { KonbitError, type ClassificationLevel } from '@konbit/core';
import { recordChange } from '../changelog/changelog.service.js';
import { actorOrg, actorRef, type Actor, type Writer } from '../policy/actor.js';
import { assertCanWrite, notFound, readThroughPolicy } from '../policy/enforce.js';
import type { AccessTag, Action } from '../policy/policy.js';
import type { Store, Tx } from '../store/store.js';

export interface RecordMeta {
  readonly classification: ClassificationLevel;
  readonly restrictedTo: readonly string[];
  readonly createdBy: string;
  readonly createdOrg: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The columns of RecordMeta, as every humanitarian table has them. */
export interface RecordMetaColumns {
  classification: string;
  restricted_to: string | null;
  created_by: string;
  created_org: string | null;
  created_at: string;
  updated_at: string;
}

/** The access columns of any row: enough for the policy to decide who may read it. */
export interface TaggedRow {
  readonly id: string;
  readonly classification: string;
  readonly restricted_to: string | null;
  readonly created_by: string;
}

export function tagOfRow(row: TaggedRow) {
  return {
    id: row.id,
    classification: row.classification as ClassificationLevel,
    restrictedTo: row.restricted_to === null ? [] : (JSON.parse(row.restricted_to) as string[]),
    createdBy: row.created_by,
  };
}

export function metaFromRow(row: RecordMetaColumns): RecordMeta {
  return {
    classification: row.classification as ClassificationLevel,
    restrictedTo: row.restricted_to === null ? [] : (JSON.parse(row.restricted_to) as string[]),
    createdBy: row.created_by,
    createdOrg: row.created_org,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function metaToRow(meta: RecordMeta): RecordMetaColumns {
  return {
    classification: meta.classification,
    restricted_to: meta.restrictedTo.length > 0 ? JSON.stringify(meta.restrictedTo) : null,
    created_by: meta.createdBy,
    created_org: meta.createdOrg,
    created_at: meta.createdAt,
    updated_at: meta.updatedAt,
  };
}

/**
 * The metadata of a new record: checks that `actor` may do `action` with the classification
 * asked for (or the default), and stamps the writer and the server's time.
 */
export function newRecordMeta(
  actor: Writer,
  action: Action,
  input: { classification?: ClassificationLevel; restrictedTo?: readonly string[] },
  defaultClassification: ClassificationLevel,
  now: Date,
): RecordMeta {
  const tag = {
    classification: input.classification ?? defaultClassification,
    restrictedTo: input.restrictedTo ?? [],
  };
  assertCanWrite(actor, action, tag);
  const at = now.toISOString();
  return {
    ...tag,
    createdBy: actorRef(actor),
    createdOrg: actorOrg(actor),
    createdAt: at,
    updatedAt: at,
  };
}

/** Throws 409 AlreadyExists for a client-made id already taken. */
export function assertNewId(existing: unknown, what: string, id: string): void {
  if (existing)
    throw new KonbitError('AlreadyExists', `${what} with id ${id} already exists`, 'id');
}

/** Appends the change-log entry of a create or an update, tagged like the record itself. */
export function recordWrite(
  tx: Tx,
  actor: Writer,
  entity: string,
  op: 'create' | 'update',
  record: RecordMeta & { readonly id: string },
  at: Date,
) {
  return recordChange(tx, actor, {
    entity,
    entityId: record.id,
    op,
    classification: record.classification,
    restrictedTo: record.restrictedTo,
    payload: record,
    at,
  });
}

/** One record read through the policy (with its audit), or 404 when absent or unreadable. */
export async function readOne<R, T extends AccessTag & { readonly id: string }>(
  store: Store,
  actor: Actor,
  entity: string,
  row: R | undefined,
  toRecord: (row: R) => T,
  what: string,
  id: string,
): Promise<T> {
  const [record] = row ? await readThroughPolicy(store, actor, entity, [toRecord(row)]) : [];
  if (!record) throw notFound(what, id);
  return record;
}
