/** Use cases for 3W activities. */
import {
  checkReached,
  KonbitError,
  newId,
  totalReached,
  type ActivityId,
  type ActivityQuery,
  type CreateActivityRequest,
  type Reached,
  type ReachedTotals,
  type UpdateActivityRequest,
} from '@konbit/core';
import type { Areas } from '../../areas/areas.js';
import type { Clock } from '../../clock/clock.js';
import type { Actor, Writer } from '../../policy/actor.js';
import { readThroughPolicy, writableOne } from '../../policy/enforce.js';
import type { Store, Tx } from '../../store/store.js';
import { assertNewId, newRecordMeta, readOne, recordWrite } from '../record.js';
import {
  activityNaturalKey,
  activityRowToActivity,
  activityToRow,
  DEFAULT_ACTIVITY_CLASSIFICATION,
  type Activity,
} from './activity.js';
import {
  findActivitiesByKey,
  findActivity,
  insertActivity,
  selectActivities,
  updateActivityRow,
} from './activity.repository.js';

export interface ActivityDeps {
  readonly areas: Areas;
  readonly clock: Clock;
}

function reachedOf(input: CreateActivityRequest['reached']): Reached {
  return {
    total: input?.total ?? null,
    women: input?.women ?? null,
    men: input?.men ?? null,
    girls: input?.girls ?? null,
    boys: input?.boys ?? null,
  };
}

function check(areas: Areas, a: Activity): void {
  if (!areas.has(a.pcode)) {
    throw new KonbitError(
      'UnknownPcode',
      `${a.pcode} is not a P-code in Haiti's boundaries`,
      'pcode',
    );
  }
  const problem = checkReached(a.reached);
  if (problem) throw new KonbitError('ValidationFailed', `reached: ${problem}`, 'reached');
  if (a.start !== null && a.end !== null && a.end < a.start) {
    throw new KonbitError('ValidationFailed', 'end must not be before start', 'end');
  }
}

async function assertKeyFree(tx: Tx, a: Activity): Promise<void> {
  const clash = (await findActivitiesByKey(tx, [a.naturalKey])).find((r) => r.id !== a.id);
  if (clash) {
    throw new KonbitError(
      'AlreadyExists',
      `${a.organisation.name} already reports this ${a.sector} activity in ${a.pcode} from the same start (${clash.id}); change that one instead`,
      'activity',
    );
  }
}

/** Records a 3W activity (for partners unless the writer says otherwise). */
export async function createActivity(
  tx: Tx,
  actor: Writer,
  { areas, clock }: ActivityDeps,
  input: CreateActivityRequest,
): Promise<Activity> {
  const now = clock.now();
  const meta = newRecordMeta(actor, 'activity.report', input, DEFAULT_ACTIVITY_CLASSIFICATION, now);
  const id = (input.id ?? newId()) as ActivityId;
  assertNewId(await findActivity(tx, id), 'An activity', id);
  const base = {
    organisation: {
      name: input.organisation.name,
      acronym: input.organisation.acronym ?? null,
      type: input.organisation.type,
    },
    sector: input.sector,
    activity: input.activity,
    pcode: input.pcode,
    start: input.start ?? null,
  };
  const activity: Activity = {
    id,
    ...base,
    naturalKey: activityNaturalKey(base),
    status: input.status,
    end: input.end ?? null,
    reached: reachedOf(input.reached),
    ...meta,
  };
  check(areas, activity);
  await assertKeyFree(tx, activity);
  await insertActivity(tx, activityToRow(activity));
  await recordWrite(tx, actor, 'activity', 'create', activity, now);
  return activity;
}

/** Changes an activity: its status, dates, description or people reached. */
export async function updateActivity(
  tx: Tx,
  actor: Writer,
  { areas, clock }: ActivityDeps,
  id: string,
  input: UpdateActivityRequest,
): Promise<Activity> {
  const row = await findActivity(tx, id);
  const current = writableOne(actor, 'activity.report', row, activityRowToActivity, 'activity', id);
  const now = clock.now();
  const next = {
    ...current,
    activity: input.activity ?? current.activity,
    status: input.status ?? current.status,
    start: input.start === undefined ? current.start : input.start,
    end: input.end === undefined ? current.end : input.end,
    reached: input.reached ? reachedOf(input.reached) : current.reached,
    updatedAt: now.toISOString(),
  };
  const activity: Activity = { ...next, naturalKey: activityNaturalKey(next) };
  check(areas, activity);
  await assertKeyFree(tx, activity);
  await updateActivityRow(tx, activityToRow(activity));
  await recordWrite(tx, actor, 'activity', 'update', activity, now);
  return activity;
}

/** Activities `actor` may read, filtered by cluster, area, status, organisation and window. */
export async function listActivities(
  store: Store,
  actor: Actor,
  query: ActivityQuery,
): Promise<{ activities: Activity[]; totals: ReachedTotals }> {
  const rows = await selectActivities(store.db, actor, query);
  const activities = await readThroughPolicy(
    store,
    actor,
    'activity',
    rows.map(activityRowToActivity),
  );
  return { activities, totals: totalReached(activities) };
}

/** One activity, or 404 when it does not exist or may not be read. */
export async function getActivity(store: Store, actor: Actor, id: string): Promise<Activity> {
  const row = await findActivity(store.db, id);
  return readOne(store, actor, 'activity', row, activityRowToActivity, 'activity', id);
}
