/** Use cases for access constraints. */
import {
  KonbitError,
  missionDay,
  newId,
  type AccessConstraintId,
  type AccessConstraintQuery,
  type CreateAccessConstraintRequest,
  type UpdateAccessConstraintRequest,
} from '@konbit/core';
import type { Areas } from '../../areas/areas.js';
import type { Clock } from '../../clock/clock.js';
import type { Actor, Writer } from '../../policy/actor.js';
import { readThroughPolicy, writableOne } from '../../policy/enforce.js';
import type { Store, Tx } from '../../store/store.js';
import { sourceRecord } from '../hazards/hazard.js';
import { assertNewId, newRecordMeta, readOne, recordWrite } from '../record.js';
import {
  accessConstraintToRow,
  accessNaturalKey,
  accessRowToAccessConstraint,
  communesOfGeometry,
  DEFAULT_ACCESS_CLASSIFICATION,
  type AccessConstraint,
} from './access.js';
import {
  findAccessConstraint,
  findAccessConstraintsByKey,
  insertAccessConstraint,
  selectAccessConstraints,
  updateAccessConstraintRow,
} from './access.repository.js';

export interface AccessDeps {
  readonly areas: Areas;
  readonly clock: Clock;
}

/** The communes a constraint lies on: those given (checked) and those its geometry crosses. */
function communesOf(areas: Areas, input: CreateAccessConstraintRequest): string[] {
  const given = input.pcodes ?? [];
  given.forEach((pcode, i) => {
    if (areas.get(pcode)?.level !== 2) {
      throw new KonbitError(
        'UnknownPcode',
        `${pcode} is not a commune P-code in Haiti's boundaries`,
        `pcodes.${i}`,
      );
    }
  });
  const crossed = input.geometry ? communesOfGeometry(areas, input.geometry) : [];
  if (input.geometry && crossed.length === 0 && given.length === 0) {
    throw new KonbitError(
      'ValidationFailed',
      'No point of the geometry lies in a Haitian commune; check it is [longitude, latitude], or give the communes in pcodes',
      'geometry',
    );
  }
  return [...new Set([...given, ...crossed])].sort();
}

async function assertKeyFree(tx: Tx, c: AccessConstraint): Promise<void> {
  const clash = (await findAccessConstraintsByKey(tx, [c.naturalKey])).find((r) => r.id !== c.id);
  if (clash) {
    throw new KonbitError(
      'AlreadyExists',
      `The same ${c.category} constraint on ${c.pcodes.join(', ')} from ${c.start} is already recorded (${clash.id}); change that one instead`,
      'start',
    );
  }
}

/** Records an access constraint (for partners unless the writer says otherwise). */
export async function createAccessConstraint(
  tx: Tx,
  actor: Writer,
  { areas, clock }: AccessDeps,
  input: CreateAccessConstraintRequest,
): Promise<AccessConstraint> {
  const now = clock.now();
  const meta = newRecordMeta(
    actor,
    'humanitarian.manage',
    input,
    DEFAULT_ACCESS_CLASSIFICATION,
    now,
  );
  const id = (input.id ?? newId()) as AccessConstraintId;
  assertNewId(await findAccessConstraint(tx, id), 'An access constraint', id);
  const base = {
    category: input.category,
    scope: input.scope,
    pcodes: communesOf(areas, input),
    start: input.start,
    place: input.place ?? null,
  };
  const constraint: AccessConstraint = {
    id,
    ...base,
    naturalKey: accessNaturalKey(base),
    severity: input.severity,
    geometry: input.geometry ?? null,
    description: input.description,
    end: input.end ?? null,
    source: sourceRecord(input.source),
    ...meta,
  };
  await assertKeyFree(tx, constraint);
  await insertAccessConstraint(tx, accessConstraintToRow(constraint));
  await recordWrite(tx, actor, 'access-constraint', 'create', constraint, now);
  return constraint;
}

/** Changes a constraint: lift it (set its end), reopen it, change its severity or wording. */
export async function updateAccessConstraint(
  tx: Tx,
  actor: Writer,
  { clock }: AccessDeps,
  id: string,
  input: UpdateAccessConstraintRequest,
): Promise<AccessConstraint> {
  const row = await findAccessConstraint(tx, id);
  const current = writableOne(
    actor,
    'humanitarian.manage',
    row,
    accessRowToAccessConstraint,
    'access constraint',
    id,
  );
  const now = clock.now();
  const end = input.end === undefined ? current.end : input.end;
  if (end !== null && end < current.start) {
    throw new KonbitError(
      'ValidationFailed',
      `end must not be before start (${current.start})`,
      'end',
    );
  }
  const next = {
    ...current,
    severity: input.severity ?? current.severity,
    end,
    description: input.description ?? current.description,
    place: input.place === undefined ? current.place : input.place,
    updatedAt: now.toISOString(),
  };
  const constraint: AccessConstraint = { ...next, naturalKey: accessNaturalKey(next) };
  await assertKeyFree(tx, constraint);
  await updateAccessConstraintRow(tx, accessConstraintToRow(constraint));
  await recordWrite(tx, actor, 'access-constraint', 'update', constraint, now);
  return constraint;
}

/**
 * Constraints `actor` may read: by default those in force today (the server's), or at some day
 * in [from, to]; `all` drops the period.
 */
export async function listAccessConstraints(
  store: Store,
  actor: Actor,
  clock: Clock,
  query: AccessConstraintQuery,
): Promise<AccessConstraint[]> {
  const today = missionDay(clock.now());
  const from = query.all ? undefined : (query.from ?? query.to ?? today);
  const to = query.all ? undefined : (query.to ?? query.from ?? today);
  if (from !== undefined && to !== undefined && to < from) {
    throw new KonbitError('ValidationFailed', 'query: to must not be before from', 'to');
  }
  const rows = await selectAccessConstraints(store.db, actor, {
    from,
    to,
    category: query.category,
    severity: query.severity,
    scope: query.scope,
    pcode: query.pcode,
  });
  return readThroughPolicy(
    store,
    actor,
    'access-constraint',
    rows.map(accessRowToAccessConstraint),
  );
}

/** One constraint, or 404 when it does not exist or may not be read. */
export async function getAccessConstraint(
  store: Store,
  actor: Actor,
  id: string,
): Promise<AccessConstraint> {
  const row = await findAccessConstraint(store.db, id);
  return readOne(
    store,
    actor,
    'access-constraint',
    row,
    accessRowToAccessConstraint,
    'access constraint',
    id,
  );
}
