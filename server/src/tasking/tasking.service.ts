/**
 * Use cases for tasking: units, their assignments to sites (never more personnel than a unit
 * has, at any moment), and the police-freed figure computed from them.
 */
import {
  addDays,
  describeShift,
  findUnitClash,
  KonbitError,
  missionDay,
  newId,
  policeFreed,
  type AssignmentId,
  type AssignmentQuery,
  type AssignmentStateRequest,
  type ClassificationLevel,
  type CreateAssignmentRequest,
  type CreateUnitRequest,
  type LocalDate,
  type PoliceFreed,
  type PoliceFreedQuery,
  type UnitId,
} from '@konbit/core';
import { logRecord } from '../changelog/log-record.js';
import type { Clock } from '../clock/clock.js';
import { findContribution } from '../forces/forces.repository.js';
import { actorOrg, actorRef, type Actor, type Writer } from '../policy/actor.js';
import {
  assertCanWrite,
  notFound,
  readableOne,
  readThroughPolicy,
  writableOne,
} from '../policy/enforce.js';
import { requestedTag } from '../policy/tag.js';
import type { Site } from '../sites/site.js';
import { findSite } from '../sites/site.repository.js';
import { localTimeText, readableSites } from '../sites/site.service.js';
import { siteRowToSite } from '../sites/site.js';
import type { Db, Store, Tx } from '../store/store.js';
import {
  assignmentRowToAssignment,
  assignmentToRow,
  unitRowToUnit,
  unitToRow,
  type Assignment,
  type AssignmentRecord,
  type Unit,
} from './tasking.js';
import {
  bookedAssignments,
  findAssignment,
  findUnit,
  insertAssignment,
  insertUnit,
  replaceAssignment,
  selectAssignments,
  selectSiteNames,
  selectUnits,
  selectUnitsByIds,
} from './tasking.repository.js';

/** Tasking stays inside the mission unless the writer says otherwise. */
export const DEFAULT_TASKING_CLASSIFICATION: ClassificationLevel = 'mission';

/** The longest window the police-freed figure is computed over. */
export const MAX_KPI_DAYS = 366;

export interface TaskingDeps {
  readonly clock: Clock;
}

export async function createUnit(
  tx: Tx,
  actor: Writer,
  { clock }: TaskingDeps,
  input: CreateUnitRequest,
): Promise<Unit> {
  const tag = requestedTag(input, DEFAULT_TASKING_CLASSIFICATION);
  assertCanWrite(actor, 'tasking.manage', tag);
  const id = input.id ?? newId<UnitId>();
  if (await findUnit(tx, id)) {
    throw new KonbitError('AlreadyExists', `A unit with id ${id} already exists`, 'id');
  }
  if (input.contributionId !== undefined && !(await findContribution(tx, input.contributionId))) {
    throw new KonbitError(
      'NotFound',
      `No force contribution ${input.contributionId}; record the contribution first or leave contributionId out`,
      'contributionId',
    );
  }
  const now = clock.now().toISOString();
  const unit: Unit = {
    id: id as UnitId,
    name: input.name,
    organisation: input.organisation,
    country: input.country ?? null,
    service: input.service ?? 'force',
    strength: input.strength,
    capabilities: [...new Set(input.capabilities ?? [])],
    contributionId: input.contributionId ?? null,
    notes: input.notes ?? null,
    ...tag,
    createdBy: actorRef(actor),
    createdOrg: actorOrg(actor),
    createdAt: now,
    updatedAt: now,
  };
  await insertUnit(tx, unitToRow(unit));
  await logRecord(tx, actor, 'unit', 'create', unit, now);
  return unit;
}

export async function listUnits(store: Store, actor: Actor): Promise<Unit[]> {
  const rows = await selectUnits(store.db, actor);
  return readThroughPolicy(store, actor, 'unit', rows.map(unitRowToUnit));
}

async function readableUnit(db: Db | Tx, actor: Actor, id: string, field = 'id'): Promise<Unit> {
  return readableOne(actor, await findUnit(db, id), unitRowToUnit, 'unit', id, field);
}

export async function getUnit(store: Store, actor: Actor, id: string): Promise<Unit> {
  const [unit] = await readThroughPolicy(store, actor, 'unit', [
    await readableUnit(store.db, actor, id),
  ]);
  if (!unit) throw notFound('unit', id);
  return unit;
}

async function siteNames(db: Db | Tx, ids: readonly string[]): Promise<Map<string, string>> {
  const rows = await selectSiteNames(db, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Adds the unit and site names an assignment is shown with. */
async function withNames(
  db: Db | Tx,
  assignments: readonly Assignment[],
): Promise<AssignmentRecord[]> {
  const units = new Map(
    (await selectUnitsByIds(db, [...new Set(assignments.map((a) => a.unitId))])).map((r) => [
      r.id,
      r,
    ]),
  );
  const names = await siteNames(
    db,
    assignments.map((a) => a.siteId),
  );
  return assignments.map((a) => {
    const unit = units.get(a.unitId);
    return {
      ...a,
      unit: {
        id: a.unitId,
        name: unit?.name ?? a.unitId,
        service: unit?.service === 'police' ? 'police' : 'force',
      },
      site: { id: a.siteId, name: names.get(a.siteId) ?? a.siteId },
    };
  });
}

/**
 * Refuses, with 409 AssignmentClash, a set of assignments that would need more of `unit`'s
 * personnel than it has at some moment; the message names the moment and each assignment.
 */
async function assertNoClash(
  db: Db | Tx,
  unit: Unit,
  booked: readonly Assignment[],
  candidate: Assignment,
): Promise<void> {
  const all = [...booked.filter((a) => a.id !== candidate.id), candidate];
  const clash = findUnitClash(unit.strength, all);
  if (!clash) return;
  const names = await siteNames(
    db,
    clash.involved.map((a) => (all.find((x) => x.id === a.id) as Assignment).siteId),
  );
  const parts = clash.involved.map((c) => {
    const a = all.find((x) => x.id === c.id) as Assignment;
    const which = a.id === candidate.id ? 'this assignment' : `assignment ${a.id} (${a.state})`;
    return `${a.personnel} at ${names.get(a.siteId) ?? a.siteId}, ${describeShift(a.shift)} (${which})`;
  });
  throw new KonbitError(
    'AssignmentClash',
    `${unit.name} has ${unit.strength} personnel but would have ${clash.assigned} assigned at ${localTimeText(new Date(clash.at).toISOString())}: ${parts.join('; ')}. Assign fewer personnel, change the period or shift, or end the other assignment first`,
    'personnel',
  );
}

export async function createAssignment(
  tx: Tx,
  actor: Writer,
  { clock }: TaskingDeps,
  input: CreateAssignmentRequest,
): Promise<AssignmentRecord> {
  const tag = requestedTag(input, DEFAULT_TASKING_CLASSIFICATION);
  assertCanWrite(actor, 'tasking.manage', tag);
  const id = input.id ?? newId<AssignmentId>();
  if (await findAssignment(tx, id)) {
    throw new KonbitError('AlreadyExists', `An assignment with id ${id} already exists`, 'id');
  }
  const unit = await readableUnit(tx, actor, input.unitId, 'unitId');
  const site = readableOne(
    actor,
    await findSite(tx, input.siteId),
    siteRowToSite,
    'site',
    input.siteId,
    'siteId',
  );
  const now = clock.now().toISOString();
  const assignment: Assignment = {
    id: id as AssignmentId,
    unitId: unit.id,
    siteId: site.id,
    personnel: input.personnel,
    startsAt: input.startsAt,
    endsAt: input.endsAt ?? null,
    shift: input.shift,
    state: input.state ?? 'planned',
    note: input.note ?? null,
    ...tag,
    createdBy: actorRef(actor),
    createdOrg: actorOrg(actor),
    createdAt: now,
    updatedAt: now,
  };
  const booked = (await bookedAssignments(tx, unit.id)).map(assignmentRowToAssignment);
  await assertNoClash(tx, unit, booked, assignment);
  await insertAssignment(tx, assignmentToRow(assignment));
  const [record] = await withNames(tx, [assignment]);
  await logRecord(tx, actor, 'assignment', 'create', assignment, now, record);
  return record as AssignmentRecord;
}

/**
 * Moves an assignment planned → active → ended (or planned → ended when a plan is dropped).
 * Ending cuts the period at `at` (now by default), so the unit is free from then on and the
 * police-freed figure counts only the time it ran; a dropped plan's period becomes empty.
 */
export async function setAssignmentState(
  tx: Tx,
  actor: Writer,
  { clock }: TaskingDeps,
  id: string,
  input: AssignmentStateRequest,
): Promise<AssignmentRecord> {
  const current = writableOne(
    actor,
    'tasking.manage',
    await findAssignment(tx, id),
    assignmentRowToAssignment,
    'assignment',
    id,
  );
  const allowed =
    current.state === 'planned' || (current.state === 'active' && input.state === 'ended');
  if (!allowed) {
    throw new KonbitError(
      'InvalidStatusTransition',
      `An assignment moves planned → active → ended; it is ${current.state} and cannot become ${input.state}`,
      'state',
    );
  }
  const now = clock.now().toISOString();
  let endsAt = current.endsAt;
  if (input.state === 'ended') {
    // A dropped plan never ran: its period becomes empty. A finished one is cut where it ended.
    const at = current.state === 'planned' ? current.startsAt : (input.at ?? now);
    const cut = at < current.startsAt ? current.startsAt : at;
    endsAt = endsAt === null || cut < endsAt ? cut : endsAt;
  }
  const updated: Assignment = { ...current, state: input.state, endsAt, updatedAt: now };
  await replaceAssignment(tx, assignmentToRow(updated));
  const [record] = await withNames(tx, [updated]);
  await logRecord(tx, actor, 'assignment', 'update', updated, now, record);
  return record as AssignmentRecord;
}

export async function listAssignments(
  store: Store,
  actor: Actor,
  query: AssignmentQuery,
): Promise<AssignmentRecord[]> {
  const rows = await selectAssignments(store.db, actor, query);
  const visible = await readThroughPolicy(
    store,
    actor,
    'assignment',
    rows.map(assignmentRowToAssignment),
  );
  return withNames(store.db, visible);
}

export async function getAssignment(
  store: Store,
  actor: Actor,
  id: string,
): Promise<AssignmentRecord> {
  const row = await findAssignment(store.db, id);
  const [assignment] = row
    ? await readThroughPolicy(store, actor, 'assignment', [assignmentRowToAssignment(row)])
    : [];
  if (!assignment) throw notFound('assignment', id);
  const [record] = await withNames(store.db, [assignment]);
  return record as AssignmentRecord;
}

export interface PoliceFreedReport {
  readonly result: PoliceFreed;
  readonly sites: ReadonlyMap<string, Site>;
  readonly basis: { readonly sites: number; readonly assignments: number };
  readonly summary: string;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Plain-language reading of the figure for the dashboard and the sitrep. */
export function summarisePoliceFreed(r: PoliceFreed, assignments: number): string {
  const lines = [
    `Actual: ${r.averagePerDay.actual} HNP officers freed per day on average from ${r.from} to ${r.to}.`,
    `Projected with planned assignments: ${r.averagePerDay.projected} per day.`,
  ];
  if (assignments === 0) lines.push('No assignments you may read.');
  if (r.sitesWithoutBaseline.length > 0) {
    lines.push(
      `${plural(r.sitesWithoutBaseline.length, 'site has', 'sites have')} no HNP baseline and ${r.sitesWithoutBaseline.length === 1 ? 'is' : 'are'} not counted.`,
    );
  }
  return lines.join(' ');
}

/**
 * Police freed per site and per Port-au-Prince day, actual and projected, computed from the
 * sites and assignments `actor` may read (the answer says how many).
 */
export async function policeFreedReport(
  store: Store,
  actor: Actor,
  { clock }: TaskingDeps,
  query: PoliceFreedQuery,
): Promise<PoliceFreedReport> {
  const from = (query.from ?? missionDay(clock.now())) as LocalDate;
  const to = (query.to ?? addDays(from, 6)) as LocalDate;
  if (to < from) {
    throw new KonbitError('ValidationFailed', `to (${to}) is before from (${from})`, 'to');
  }
  if (addDays(from, MAX_KPI_DAYS - 1) < to) {
    throw new KonbitError(
      'ValidationFailed',
      `The window ${from} to ${to} is longer than ${MAX_KPI_DAYS} days; ask for a shorter one`,
      'to',
    );
  }
  const sites = await readableSites(store, actor);
  const rows = await selectAssignments(store.db, actor);
  const assignments = await readThroughPolicy(
    store,
    actor,
    'assignment',
    rows.map(assignmentRowToAssignment),
  );
  const units = new Map(
    (await selectUnitsByIds(store.db, [...new Set(assignments.map((a) => a.unitId))])).map((u) => [
      u.id,
      u.service,
    ]),
  );
  const result = policeFreed(
    sites,
    assignments.map((a) => ({
      siteId: a.siteId,
      personnel: a.personnel,
      service: units.get(a.unitId) === 'police' ? 'police' : 'force',
      state: a.state,
      startsAt: a.startsAt,
      endsAt: a.endsAt,
      shift: a.shift,
    })),
    from,
    to,
  );
  return {
    result,
    sites: new Map(sites.map((s) => [s.id, s])),
    basis: { sites: sites.length, assignments: assignments.length },
    summary: summarisePoliceFreed(result, assignments.length),
  };
}
