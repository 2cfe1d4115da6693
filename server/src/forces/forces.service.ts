/**
 * Use cases for force generation: contributions and their pledge lines (each status change
 * dated and sourced), at most one lead nation, mandate milestones, and the summary the
 * dashboard and the sitrep read ("No lead nation designated", "UN Security Council resolution
 * pending").
 */
import {
  checkLeadNation,
  checkMilestoneTransition,
  checkPledgeTransition,
  forceTotals,
  KonbitError,
  missionDay,
  newId,
  readinessLines,
  type ClassificationLevel,
  type ContributionId,
  type CreateContributionRequest,
  type CreateMilestoneRequest,
  type ForceTotals,
  type LeadRequest,
  type MilestoneId,
  type MilestoneStatusRequest,
  type PledgeLineId,
  type PledgeLineInput,
  type PledgeStatusRequest,
  type WithdrawContributionRequest,
} from '@konbit/core';
import { logRecord } from '../changelog/log-record.js';
import type { Clock } from '../clock/clock.js';
import { actorOrg, actorRef, type Actor, type Writer } from '../policy/actor.js';
import { assertCanWrite, notFound, readThroughPolicy, writableOne } from '../policy/enforce.js';
import { canRead } from '../policy/policy.js';
import { requestedTag } from '../policy/tag.js';
import type { Db, Store, Tx } from '../store/store.js';
import {
  contributionRowToContribution,
  contributionToRow,
  historyRowToChange,
  lineRowToLine,
  lineToRow,
  milestoneRowToMilestone,
  milestoneToRow,
  sourceRef,
  type Contribution,
  type Milestone,
  type PledgeLine,
  type PledgeStatusChange,
} from './forces.js';
import {
  findContribution,
  findCurrentLead,
  findMilestone,
  findOpenContributionOf,
  findPledgeLine,
  insertContribution,
  insertMilestone,
  insertPledgeHistory,
  insertPledgeLine,
  replaceContribution,
  replaceMilestone,
  replacePledgeLine,
  selectContributions,
  selectMilestones,
  selectPledgeHistory,
  selectPledgeLines,
} from './forces.repository.js';
import type { ContributionTable } from './forces.table.js';

/** What governments have said publicly is shared with every partner unless said otherwise. */
export const DEFAULT_FORCES_CLASSIFICATION: ClassificationLevel = 'partners';

export interface ForcesDeps {
  readonly clock: Clock;
}

/** Contributions with their lines and each line's history. */
async function withLines(db: Db | Tx, rows: readonly ContributionTable[]): Promise<Contribution[]> {
  const lines = await selectPledgeLines(
    db,
    rows.map((r) => r.id),
  );
  const history = await selectPledgeHistory(
    db,
    lines.map((l) => l.id),
  );
  const historyByLine = new Map<string, PledgeStatusChange[]>();
  for (const h of history) {
    const list = historyByLine.get(h.line_id) ?? [];
    list.push(historyRowToChange(h));
    historyByLine.set(h.line_id, list);
  }
  return rows.map((row) =>
    contributionRowToContribution(
      row,
      lines
        .filter((l) => l.contribution_id === row.id)
        .map((l) => lineRowToLine(l, historyByLine.get(l.id) ?? [])),
    ),
  );
}

async function loadContribution(db: Db | Tx, actor: Actor, id: string): Promise<Contribution> {
  const row = await findContribution(db, id);
  const [contribution] = row ? await withLines(db, [row]) : [];
  if (!contribution || !canRead(actor, contribution)) {
    throw notFound('force contribution', id);
  }
  return contribution;
}

async function logContribution(
  tx: Tx,
  actor: Writer,
  id: string,
  op: 'create' | 'update',
  at: string,
): Promise<Contribution> {
  const [contribution] = await withLines(tx, [
    (await findContribution(tx, id)) as ContributionTable,
  ]);
  const c = contribution as Contribution;
  await logRecord(tx, actor, 'force-contribution', op, c, at);
  return c;
}

async function touch(
  tx: Tx,
  contribution: Contribution,
  changes: Partial<Contribution>,
  at: string,
) {
  await replaceContribution(tx, contributionToRow({ ...contribution, ...changes, updatedAt: at }));
}

async function insertLine(
  tx: Tx,
  actor: Writer,
  contributionId: string,
  input: PledgeLineInput,
  at: string,
): Promise<void> {
  const id = input.id ?? newId<PledgeLineId>();
  if (await findPledgeLine(tx, id)) {
    throw new KonbitError('AlreadyExists', `A pledge line with id ${id} already exists`, 'id');
  }
  const status = input.status ?? 'considering';
  const line: PledgeLine = {
    id: id as PledgeLineId,
    contributionId,
    capability: input.capability,
    personnel: input.personnel,
    status,
    statusDate: input.date,
    note: input.note ?? null,
    history: [],
    createdAt: at,
    updatedAt: at,
  };
  await insertPledgeLine(tx, lineToRow(line));
  await insertPledgeHistory(tx, {
    id: newId(),
    line_id: line.id,
    status,
    date: input.date,
    source: input.source ? JSON.stringify(sourceRef(input.source)) : null,
    note: input.note ?? null,
    recorded_by: actorRef(actor),
    recorded_at: at,
  });
}

export async function createContribution(
  tx: Tx,
  actor: Writer,
  { clock }: ForcesDeps,
  input: CreateContributionRequest,
): Promise<Contribution> {
  const tag = requestedTag(input, DEFAULT_FORCES_CLASSIFICATION);
  assertCanWrite(actor, 'force.manage', tag);
  const id = input.id ?? newId<ContributionId>();
  if (await findContribution(tx, id)) {
    throw new KonbitError('AlreadyExists', `A contribution with id ${id} already exists`, 'id');
  }
  const open = await findOpenContributionOf(tx, input.country);
  if (open) {
    throw new KonbitError(
      'AlreadyExists',
      `${open.country_name} (${input.country}) already has a contribution (${open.id}); add pledge lines to it, or withdraw it first`,
      'country',
    );
  }
  const now = clock.now().toISOString();
  await insertContribution(
    tx,
    contributionToRow({
      id: id as ContributionId,
      country: input.country,
      countryName: input.countryName,
      conditions: input.conditions ?? null,
      notes: input.notes ?? null,
      source: sourceRef(input.source),
      lead: null,
      withdrawnOn: null,
      lines: [],
      ...tag,
      createdBy: actorRef(actor),
      createdOrg: actorOrg(actor),
      createdAt: now,
      updatedAt: now,
    }),
  );
  for (const line of input.lines ?? []) await insertLine(tx, actor, id, line, now);
  return logContribution(tx, actor, id, 'create', now);
}

async function writableContribution(tx: Tx, actor: Writer, id: string): Promise<Contribution> {
  const contribution = await loadContribution(tx, actor, id);
  assertCanWrite(actor, 'force.manage', contribution);
  return contribution;
}

export async function addPledgeLine(
  tx: Tx,
  actor: Writer,
  { clock }: ForcesDeps,
  contributionId: string,
  input: PledgeLineInput,
): Promise<Contribution> {
  const contribution = await writableContribution(tx, actor, contributionId);
  if (contribution.withdrawnOn !== null) {
    throw new KonbitError(
      'Conflict',
      `${contribution.countryName}'s contribution was withdrawn on ${contribution.withdrawnOn}; record a new contribution`,
      'id',
    );
  }
  const now = clock.now().toISOString();
  await insertLine(tx, actor, contribution.id, input, now);
  await touch(tx, contribution, {}, now);
  return logContribution(tx, actor, contribution.id, 'update', now);
}

/** Moves a pledge line along considering → pledged → authorised → deployed, or withdraws it. */
export async function setPledgeStatus(
  tx: Tx,
  actor: Writer,
  { clock }: ForcesDeps,
  lineId: string,
  input: PledgeStatusRequest,
): Promise<Contribution> {
  const row = await findPledgeLine(tx, lineId);
  if (!row) throw new KonbitError('NotFound', `No pledge line ${lineId}`, 'id');
  const contribution = await writableContribution(tx, actor, row.contribution_id);
  const line = contribution.lines.find((l) => l.id === lineId) as PledgeLine;
  const check = checkPledgeTransition(line.status, input.status);
  if (!check.ok) throw new KonbitError('InvalidStatusTransition', check.reason, 'status');
  if (input.date < line.statusDate) {
    throw new KonbitError(
      'ValidationFailed',
      `date ${input.date} is before the line's current status date (${line.statusDate}); statuses are recorded in order`,
      'date',
    );
  }
  const now = clock.now().toISOString();
  await replacePledgeLine(
    tx,
    lineToRow({ ...line, status: input.status, statusDate: input.date, updatedAt: now }),
  );
  await insertPledgeHistory(tx, {
    id: newId(),
    line_id: line.id,
    status: input.status,
    date: input.date,
    source: input.source ? JSON.stringify(sourceRef(input.source)) : null,
    note: input.note ?? null,
    recorded_by: actorRef(actor),
    recorded_at: now,
  });
  await touch(tx, contribution, {}, now);
  return logContribution(tx, actor, contribution.id, 'update', now);
}

/**
 * Designates a country lead nation, or withdraws the designation. At most one current lead:
 * a second is refused with 409 LeadNationTaken until the first is withdrawn.
 */
export async function setLeadNation(
  tx: Tx,
  actor: Writer,
  { clock }: ForcesDeps,
  contributionId: string,
  input: LeadRequest,
): Promise<Contribution> {
  const contribution = await writableContribution(tx, actor, contributionId);
  const now = clock.now().toISOString();
  if (!input.lead) {
    if (!contribution.lead) {
      throw new KonbitError(
        'Conflict',
        `${contribution.countryName} is not the lead nation; nothing to withdraw`,
        'lead',
      );
    }
    await touch(tx, contribution, { lead: null }, now);
    return logContribution(tx, actor, contribution.id, 'update', now);
  }
  if (contribution.withdrawnOn !== null) {
    throw new KonbitError(
      'Conflict',
      `${contribution.countryName}'s contribution was withdrawn on ${contribution.withdrawnOn}; it cannot lead`,
      'lead',
    );
  }
  const current = await findCurrentLead(tx);
  const check = checkLeadNation(
    current ? { contributionId: current.id, country: current.country_name } : null,
    { contributionId: contribution.id, country: contribution.countryName },
  );
  if (!check.ok) throw new KonbitError('LeadNationTaken', check.reason, 'lead');
  if (contribution.lead) return contribution;
  await touch(
    tx,
    contribution,
    {
      lead: {
        since: input.date,
        source: input.source ? sourceRef(input.source) : null,
        note: input.note ?? null,
      },
    },
    now,
  );
  return logContribution(tx, actor, contribution.id, 'update', now);
}

/** Withdraws a whole contribution: every line not yet withdrawn, and any lead designation. */
export async function withdrawContribution(
  tx: Tx,
  actor: Writer,
  { clock }: ForcesDeps,
  contributionId: string,
  input: WithdrawContributionRequest,
): Promise<Contribution> {
  const contribution = await writableContribution(tx, actor, contributionId);
  if (contribution.withdrawnOn !== null) {
    throw new KonbitError(
      'Conflict',
      `${contribution.countryName}'s contribution was already withdrawn on ${contribution.withdrawnOn}`,
      'id',
    );
  }
  const now = clock.now().toISOString();
  for (const line of contribution.lines) {
    if (line.status === 'withdrawn') continue;
    await replacePledgeLine(
      tx,
      lineToRow({ ...line, status: 'withdrawn', statusDate: input.date, updatedAt: now }),
    );
    await insertPledgeHistory(tx, {
      id: newId(),
      line_id: line.id,
      status: 'withdrawn',
      date: input.date,
      source: input.source ? JSON.stringify(sourceRef(input.source)) : null,
      note: input.note ?? 'Contribution withdrawn',
      recorded_by: actorRef(actor),
      recorded_at: now,
    });
  }
  await touch(tx, contribution, { lead: null, withdrawnOn: input.date }, now);
  return logContribution(tx, actor, contribution.id, 'update', now);
}

export async function listContributions(store: Store, actor: Actor): Promise<Contribution[]> {
  const rows = await selectContributions(store.db, actor);
  return readThroughPolicy(store, actor, 'force-contribution', await withLines(store.db, rows));
}

export async function getContribution(
  store: Store,
  actor: Actor,
  id: string,
): Promise<Contribution> {
  const [c] = await readThroughPolicy(store, actor, 'force-contribution', [
    await loadContribution(store.db, actor, id),
  ]);
  if (!c) throw notFound('force contribution', id);
  return c;
}

async function logMilestone(tx: Tx, actor: Writer, m: Milestone, op: 'create' | 'update') {
  await logRecord(tx, actor, 'mandate-milestone', op, m, m.updatedAt);
}

export async function createMilestone(
  tx: Tx,
  actor: Writer,
  { clock }: ForcesDeps,
  input: CreateMilestoneRequest,
): Promise<Milestone> {
  const tag = requestedTag(input, DEFAULT_FORCES_CLASSIFICATION);
  assertCanWrite(actor, 'force.manage', tag);
  const id = input.id ?? newId<MilestoneId>();
  if (await findMilestone(tx, id)) {
    throw new KonbitError('AlreadyExists', `A milestone with id ${id} already exists`, 'id');
  }
  const now = clock.now().toISOString();
  const milestone: Milestone = {
    id: id as MilestoneId,
    kind: input.kind,
    country: input.country ?? null,
    title: input.title,
    status: input.status ?? 'pending',
    date: input.date ?? null,
    reference: input.reference ?? null,
    source: sourceRef(input.source),
    note: input.note ?? null,
    ...tag,
    createdBy: actorRef(actor),
    createdOrg: actorOrg(actor),
    createdAt: now,
    updatedAt: now,
  };
  await insertMilestone(tx, milestoneToRow(milestone));
  await logMilestone(tx, actor, milestone, 'create');
  return milestone;
}

/** Decides a pending milestone (adopted, rejected, vetoed); a decision is final. */
export async function setMilestoneStatus(
  tx: Tx,
  actor: Writer,
  { clock }: ForcesDeps,
  id: string,
  input: MilestoneStatusRequest,
): Promise<Milestone> {
  const milestone = writableOne(
    actor,
    'force.manage',
    await findMilestone(tx, id),
    milestoneRowToMilestone,
    'milestone',
    id,
  );
  const check = checkMilestoneTransition(milestone.status, input.status);
  if (!check.ok) throw new KonbitError('InvalidStatusTransition', check.reason, 'status');
  const updated: Milestone = {
    ...milestone,
    status: input.status,
    date: input.date,
    reference: input.reference ?? milestone.reference,
    source: input.source ? sourceRef(input.source) : milestone.source,
    note: input.note ?? milestone.note,
    updatedAt: clock.now().toISOString(),
  };
  await replaceMilestone(tx, milestoneToRow(updated));
  await logMilestone(tx, actor, updated, 'update');
  return updated;
}

export async function listMilestones(store: Store, actor: Actor): Promise<Milestone[]> {
  const rows = await selectMilestones(store.db, actor);
  const milestones = await readThroughPolicy(
    store,
    actor,
    'mandate-milestone',
    rows.map(milestoneRowToMilestone),
  );
  // Dated first in date order, then the undated (pending decisions) in the order recorded.
  return milestones.sort((a, b) =>
    a.date === b.date
      ? a.createdAt.localeCompare(b.createdAt)
      : a.date === null
        ? 1
        : b.date === null
          ? -1
          : a.date.localeCompare(b.date),
  );
}

export interface ForceSummaryResult {
  readonly asOf: string;
  readonly lead: Contribution | null;
  readonly totals: ForceTotals;
  readonly milestones: readonly Milestone[];
  readonly readiness: readonly string[];
}

/**
 * The force-generation picture from the contributions and milestones the reader may read. The
 * lead nation is the one designation the reader may read; the rule that there is at most one
 * is kept on writes.
 */
export async function forceSummary(
  store: Store,
  actor: Actor,
  { clock }: ForcesDeps,
): Promise<ForceSummaryResult> {
  const contributions = await listContributions(store, actor);
  const milestones = await listMilestones(store, actor);
  const summaryInput = contributions.map((c) => ({
    country: c.country,
    countryName: c.countryName,
    leadSince: c.lead?.since ?? null,
    withdrawnOn: c.withdrawnOn,
    lines: c.lines,
  }));
  return {
    asOf: missionDay(clock.now()),
    lead: contributions.find((c) => c.lead !== null && c.withdrawnOn === null) ?? null,
    totals: forceTotals(summaryInput),
    milestones,
    readiness: readinessLines(summaryInput, milestones),
  };
}
