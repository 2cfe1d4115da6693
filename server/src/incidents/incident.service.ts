/**
 * Use cases for incidents. Every write reads: policy check → pure rules → rows → change-log
 * entry, in the caller's transaction. Reads go through the policy in SQL and again record by
 * record; presenters decide what leaves.
 */
import {
  activeClaim,
  addDays,
  bboxToMicro,
  byTimeDistance,
  clusterCellSize,
  compartmentOf,
  defaultIncidentClassification,
  duplicateSearchWindow,
  foldForSearch,
  isPossibleDuplicate,
  isSensitive,
  KonbitError,
  locationProblem,
  lonLat,
  mergeProblem,
  missionDay,
  missionDayBounds,
  newId,
  pastInstantProblem,
  searchTerms,
  sensitiveClassificationAllowed,
  toMicro,
  verificationStepProblem,
  weekStart,
  type ClassificationLevel,
  type CreateIncidentRequest,
  type IncidentClusterQuery,
  type IncidentId,
  type IncidentListQuery,
  type IncidentStatsQuery,
  type LocalDate,
  type LocationPrecision,
  type LonLat,
  type MicroBox,
  type UpdateIncidentRequest,
  type VerificationState,
  type VerifyIncidentRequest,
} from '@konbit/core';
import type { Areas } from '../areas/areas.js';
import { recordChange, recordChanges } from '../changelog/changelog.service.js';
import type { Clock } from '../clock/clock.js';
import {
  actorOrg,
  actorRef,
  ANONYMOUS,
  systemActor,
  type Actor,
  type UserActor,
  type Writer,
} from '../policy/actor.js';
import {
  assertCanWrite,
  auditRead,
  notFound,
  readableOne,
  readThroughPolicy,
} from '../policy/enforce.js';
import { editableIncidentFields, type IncidentField } from '../policy/incidents.js';
import { can, canRead } from '../policy/policy.js';
import type { Store, Tx } from '../store/store.js';
import {
  candidateRowToCandidate,
  decodeCursor,
  duplicateFactsOf,
  encodeCursor,
  incidentRowToIncident,
  incidentRowToSummary,
  incidentToRow,
  verificationRowToStep,
  type DerivedColumns,
  type DuplicateCandidate,
  type Incident,
  type IncidentRecord,
  type ListPosition,
  type RelatedSite,
} from './incident.js';
import {
  mapViewerOf,
  selectClusters,
  selectDuplicateCandidates,
  selectIncidentPage,
  selectStats,
  type ClusterRow,
  type MapFilter,
  type StatsRow,
} from './incident.map.sqlite.js';
import { presentIncidentFeature } from './incident.presenter.js';
import {
  duplicatesOf,
  findIncident,
  findIncidentOwner,
  insertIncident,
  insertIncidents,
  insertVerification,
  organisationName,
  duplicateRowsOf,
  updateIncident as updateIncidentRow,
  verificationsOf,
} from './incident.repository.js';
import { alertNearCriticalSites, relatedSitesNear } from './incident.alerts.js';

// ---------------------------------------------------------------------------------------------
// Dependencies

/** Critical sites within `metres` of a point, nearest first. */
export type SitesNear = (tx: Tx, point: LonLat, metres: number) => Promise<RelatedSite[]>;

/** How far a critical site may be from a report to be related to it. */
export const RELATED_SITE_METRES = 1_000;

/** Points where other concepts act on what happens to incidents. */
export interface IncidentHooks {
  /**
   * A report became verified, inside the transaction that verified it (alerts for verified
   * incidents near critical sites attach here).
   */
  readonly becameVerified?: (tx: Tx, incident: Incident, actor: Writer) => Promise<void>;
}

export interface IncidentDeps {
  readonly areas: Areas;
  readonly clock: Clock;
  readonly sitesNear: SitesNear;
  readonly hooks: IncidentHooks;
}

/**
 * The dependencies of the incident use cases for an application context: the sites within 1 km
 * from the site registry, and an alert when a report near a critical site becomes verified.
 */
export function incidentDeps(
  ctx: { readonly areas: Areas; readonly clock: Clock },
  over: Partial<IncidentDeps> = {},
): IncidentDeps {
  const clock = ctx.clock;
  return {
    areas: ctx.areas,
    clock,
    sitesNear: relatedSitesNear,
    hooks: {
      becameVerified: (tx, incident, actor) =>
        alertNearCriticalSites(tx, actor, { clock }, incident),
    },
    ...over,
  };
}

// ---------------------------------------------------------------------------------------------
// Shared steps

const SUMMARY_LIMIT = 20;

function fail(code: 'ValidationFailed', message: string, field: string): never {
  throw new KonbitError(code, message, field);
}

interface Place {
  readonly position: LonLat | null;
  readonly pcode: string | null;
  readonly generalPosition: LonLat | null;
}

/** The commune from the point (or as given), and the centroid shown for a sensitive report. */
function resolvePlace(
  areas: Areas,
  input: {
    readonly location?: { readonly lon: number; readonly lat: number } | null | undefined;
    readonly locationPrecision: LocationPrecision;
    readonly pcode?: string | null | undefined;
  },
  sensitive: boolean,
): Place {
  const location = input.location ?? undefined;
  const given = input.pcode ?? undefined;
  const problem = locationProblem({
    location,
    locationPrecision: input.locationPrecision,
    pcode: given,
  });
  if (problem) fail('ValidationFailed', problem.message, problem.field);
  let position: LonLat | null = null;
  let pcode: string | null = null;
  if (location) {
    position = lonLat(location.lon, location.lat);
    const found = areas.locate(position);
    if (!found) {
      fail(
        'ValidationFailed',
        `No Haitian commune contains latitude ${location.lat}, longitude ${location.lon}; check the point (longitudes in Haiti are negative)`,
        'location',
      );
    }
    if (given !== undefined && given !== found.commune.pcode) {
      throw new KonbitError(
        'PcodeMismatch',
        `The location is in ${found.commune.name} (${found.commune.pcode}), not ${given}; send the right pcode or leave it out`,
        'pcode',
      );
    }
    pcode = found.commune.pcode;
  } else if (given !== undefined) {
    const area = areas.get(given);
    if (!area || area.level !== 2) {
      throw new KonbitError(
        'UnknownPcode',
        `${given} is not a commune P-code in Haiti's boundaries; a commune has six characters, such as HT0117 (Cité Soleil)`,
        'pcode',
      );
    }
    pcode = area.pcode;
    if (input.locationPrecision === 'commune') position = area.centroid;
  }
  const centroid = pcode === null ? null : (areas.get(pcode)?.centroid ?? null);
  return { position, pcode, generalPosition: sensitive && position ? centroid : null };
}

function checkTimes(now: Date, occurredAt: string, reportedAt: string | undefined): void {
  const occurred = pastInstantProblem(occurredAt, now, 'occurredAt');
  if (occurred) fail('ValidationFailed', occurred, 'occurredAt');
  if (reportedAt !== undefined) {
    const reported = pastInstantProblem(reportedAt, now, 'reportedAt');
    if (reported) fail('ValidationFailed', reported, 'reportedAt');
  }
}

/**
 * The classification of a report: as chosen, or the reporter's compartment. A sensitive report
 * stays within the compartment (or restricted) unless an analyst decides otherwise.
 */
function classify(
  actor: Writer,
  type: Incident['type'],
  sensitive: boolean,
  chosen: ClassificationLevel | undefined,
  restrictedTo: readonly string[],
  action: 'incident.create' | 'incident.edit',
): { classification: ClassificationLevel; restrictedTo: readonly string[] } {
  if (!can(actor, action)) {
    throw new KonbitError('Forbidden', `Your role may not do this (${action})`);
  }
  const orgKind = actor.kind === 'user' ? actor.orgKind : null;
  const classification = chosen ?? defaultIncidentClassification(orgKind);
  if (classification === null) {
    fail(
      'ValidationFailed',
      'Your organisation is in neither the mission nor the humanitarian compartment: say which classification this report has',
      'classification',
    );
  }
  const tag = { classification, restrictedTo };
  assertCanWrite(actor, action, tag);
  if (
    sensitive &&
    !sensitiveClassificationAllowed(classification, orgKind) &&
    !can(actor, 'incident.edit')
  ) {
    const compartment = orgKind === null ? null : compartmentOf(orgKind);
    throw new KonbitError(
      'Forbidden',
      `A ${type} report is shared no wider than your compartment${compartment ? ` (${compartment})` : ''} or with named organisations (restricted); an analyst may widen it`,
      'classification',
    );
  }
  return tag;
}

/** The columns a row derives from its incident: the folded text and the presented features. */
function derivedOf(areas: Areas, i: Incident): DerivedColumns {
  return {
    searchText: foldForSearch(
      i.description,
      ...i.actors.map((a) => a.name),
      i.pcode ? areas.get(i.pcode)?.name : null,
      i.source.reference,
    ),
    // As the platform sees it (the point), and as a reader who may not see it would.
    feature: JSON.stringify(presentIncidentFeature(SYSTEM_READER, i, areas)),
    featureGeneralised: i.sensitive
      ? JSON.stringify(presentIncidentFeature(ANONYMOUS, i, areas))
      : null,
  };
}

const SYSTEM_READER = systemActor('presenter');

async function relatedSitesOf(
  tx: Tx,
  deps: IncidentDeps,
  position: LonLat | null,
  precision: LocationPrecision,
): Promise<RelatedSite[]> {
  // A commune centroid says nothing about which sites are near the incident.
  if (position === null || (precision !== 'exact' && precision !== 'neighbourhood')) return [];
  return deps.sitesNear(tx, position, RELATED_SITE_METRES);
}

function recordIncident(tx: Tx, actor: Writer, incident: Incident, op: 'create' | 'update') {
  return recordChange(tx, actor, {
    entity: 'incident',
    entityId: incident.id,
    op,
    classification: incident.classification,
    restrictedTo: incident.restrictedTo,
    payload: incident,
    at: new Date(incident.updatedAt),
  });
}

async function saveChanges(
  tx: Tx,
  actor: Writer,
  deps: IncidentDeps,
  before: Incident,
  after: Incident,
): Promise<Incident> {
  const next: Incident = {
    ...after,
    version: before.version + 1,
    updatedAt: deps.clock.now().toISOString(),
  };
  const row = incidentToRow(next, derivedOf(deps.areas, next));
  const oldRow = incidentToRow(before, derivedOf(deps.areas, before));
  // Only changed columns are written, so the store's triggers rebuild only what changed.
  const changes = Object.fromEntries(
    Object.entries(row).filter(([k, v]) => oldRow[k as keyof typeof oldRow] !== v),
  );
  await updateIncidentRow(tx, next.id, changes);
  await recordIncident(tx, actor, next, 'update');
  return next;
}

/** An incident `actor` may read and work as an analyst (claim, verify, merge); 404 or 403 otherwise. */
async function workable(tx: Tx, actor: Writer, id: string): Promise<Incident> {
  const incident = await readable(tx, actor, id);
  assertCanWrite(actor, 'incident.verify', incident);
  return incident;
}

/** The incident if `actor` may read it; otherwise 404, the same answer as for no incident. */
async function readable(tx: Tx | Store['db'], actor: Actor, id: string): Promise<Incident> {
  return readableOne(actor, await findIncident(tx, id), incidentRowToIncident, 'incident', id);
}

// ---------------------------------------------------------------------------------------------
// Creating

export interface CreatedIncident {
  readonly incident: Incident;
  /** Possible duplicates `actor` may read, nearest in time first. */
  readonly possibleDuplicates: readonly DuplicateCandidate[];
  readonly reportingOrganisation: string | null;
}

/**
 * Files a report and answers with it and its possible duplicates: what POST /api/v1/incidents
 * does.
 */
export async function createIncident(
  tx: Tx,
  actor: Writer,
  deps: IncidentDeps,
  input: CreateIncidentRequest,
): Promise<CreatedIncident> {
  return answerFor(tx, actor, await fileIncident(tx, actor, deps, input));
}

/**
 * A report already filed, answered as POST /api/v1/incidents answers its creation, with its
 * possible duplicates as they are now: the answer to a retry of a report filed from a batch.
 */
export async function createdFromRecord(
  db: Tx | Store['db'],
  actor: Actor,
  id: string,
): Promise<CreatedIncident> {
  return answerFor(db, actor, await readable(db, actor, id));
}

/** What a filed report is answered with: itself, its possible duplicates, its organisation. */
async function answerFor(
  db: Tx | Store['db'],
  actor: Actor,
  incident: Incident,
): Promise<CreatedIncident> {
  return {
    incident,
    possibleDuplicates: await possibleDuplicates(db, actor, incident),
    reportingOrganisation: await organisationName(db, incident.createdOrg),
  };
}

/** Files a report: checks it, stores it and records the change. */
export async function fileIncident(
  tx: Tx,
  actor: Writer,
  deps: IncidentDeps,
  input: CreateIncidentRequest,
): Promise<Incident> {
  return storeIncident(tx, actor, deps, await checkIncident(tx, actor, deps, input));
}

/**
 * Checks a report and makes the incident it becomes, writing nothing: times against the
 * server's clock, the commune from the point, classification and sensitivity, a free id. Every
 * refusal happens here, so a batch refuses a report without undoing anything.
 */
export async function checkIncident(
  tx: Tx,
  actor: Writer,
  deps: IncidentDeps,
  input: CreateIncidentRequest,
): Promise<Incident> {
  if (input.id !== undefined && (await findIncidentOwner(tx, input.id))) {
    throw new KonbitError('AlreadyExists', `An incident with id ${input.id} already exists`, 'id');
  }
  return withRelatedSites(tx, deps, draftIncident(actor, deps, input));
}

/** The report with the sites within 1 km of it, as the registry holds them now. */
export async function withRelatedSites(
  tx: Tx,
  deps: IncidentDeps,
  draft: Incident,
): Promise<Incident> {
  return {
    ...draft,
    relatedSites: await relatedSitesOf(tx, deps, draft.position, draft.locationPrecision),
  };
}

/**
 * The checks of `checkIncident` but whether the id is free, which the caller has settled (a
 * batch looks all its ids up at once). Reads nothing from the store. Related sites are left
 * empty: they refuse nothing, and `withRelatedSites` finds them when the report is stored.
 */
export function draftIncident(
  actor: Writer,
  deps: Pick<IncidentDeps, 'areas' | 'clock'>,
  input: CreateIncidentRequest,
): Incident {
  const now = deps.clock.now();
  const sensitive = isSensitive(input.type, input.actors);
  const tag = classify(
    actor,
    input.type,
    sensitive,
    input.classification,
    input.restrictedTo ?? [],
    'incident.create',
  );
  checkTimes(now, input.occurredAt, input.reportedAt);
  const place = resolvePlace(deps.areas, input, sensitive);
  const id = (input.id ?? newId<IncidentId>(now.getTime())) as IncidentId;
  const day = missionDay(new Date(input.occurredAt));
  const at = now.toISOString();
  const draft: Incident = {
    seq: 0,
    id,
    type: input.type,
    occurredAt: input.occurredAt,
    occurredPrecision: input.occurredPrecision,
    occurredDay: day,
    occurredWeek: weekStart(day),
    reportedAt: input.reportedAt ?? at,
    position: place.position,
    locationPrecision: input.locationPrecision,
    pcode: place.pcode,
    generalPosition: place.generalPosition,
    sensitive,
    description: input.description,
    casualties: { ...input.casualties },
    actors: input.actors.map((a) => ({ type: a.type, name: a.name ?? null })),
    source: {
      kind: input.source.kind,
      reliability: input.source.reliability,
      credibility: input.source.credibility,
      reference: input.source.reference ?? null,
    },
    classification: tag.classification,
    restrictedTo: tag.restrictedTo,
    verification: 'unverified',
    claim: null,
    mergedInto: null,
    mergedAt: null,
    mergedBy: null,
    corroborations: 0,
    relatedSites: [],
    createdBy: actorRef(actor),
    createdOrg: actorOrg(actor),
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  return draft;
}

/** Stores a checked report and records the change; refuses nothing. */
export async function storeIncident(
  tx: Tx,
  actor: Writer,
  deps: IncidentDeps,
  draft: Incident,
): Promise<Incident> {
  const seq = await insertIncident(tx, incidentToRow(draft, derivedOf(deps.areas, draft)));
  const incident = { ...draft, seq };
  await recordIncident(tx, actor, incident, 'create');
  return incident;
}

/**
 * Stores many checked reports and records their changes, in order, with multi-row statements:
 * the way a batch (and the benchmark's year of reports) is written.
 */
export async function storeIncidents(
  tx: Tx,
  actor: Writer,
  deps: IncidentDeps,
  drafts: readonly Incident[],
): Promise<Incident[]> {
  const seqs = await insertIncidents(
    tx,
    drafts.map((d) => incidentToRow(d, derivedOf(deps.areas, d))),
  );
  const incidents = drafts.map((d) => ({ ...d, seq: seqs.get(d.id) ?? 0 }));
  await recordChanges(
    tx,
    actor,
    incidents.map((incident) => ({
      entity: 'incident',
      entityId: incident.id,
      op: 'create' as const,
      classification: incident.classification,
      restrictedTo: incident.restrictedTo,
      payload: incident,
      at: new Date(incident.updatedAt),
    })),
  );
  return incidents;
}

/** A box of `metres` around a point, in micro-degrees (a little generous; the rule decides). */
function boxAround(point: LonLat, metres: number): MicroBox {
  const dLat = metres / 111_195;
  const dLon = metres / (111_195 * Math.cos((point[1] * Math.PI) / 180));
  return {
    w: toMicro(point[0] - dLon) - 1,
    s: toMicro(point[1] - dLat) - 1,
    e: toMicro(point[0] + dLon) + 2,
    n: toMicro(point[1] + dLat) + 2,
  };
}

/** Reports that may describe the same event as `incident`, that `actor` may read. */
export async function possibleDuplicates(
  tx: Tx | Store['db'],
  actor: Actor,
  incident: Incident,
): Promise<DuplicateCandidate[]> {
  const facts = duplicateFactsOf(incident);
  const window = duplicateSearchWindow(facts);
  const precise =
    incident.locationPrecision === 'exact' || incident.locationPrecision === 'neighbourhood';
  const lastInstant = new Date(new Date(window.to).getTime() - 1);
  const weeks = [
    ...new Set([
      weekStart(missionDay(new Date(window.from))),
      incident.occurredWeek,
      weekStart(missionDay(lastInstant)),
    ]),
  ];
  const rows = await selectDuplicateCandidates(tx, {
    type: incident.type,
    from: window.from,
    to: window.to,
    timePrecision: incident.occurredPrecision,
    day: incident.occurredDay,
    week: incident.occurredWeek,
    weeks,
    place:
      precise && incident.position
        ? {
            kind: 'point',
            box: boxAround(incident.position, window.radiusMetres),
            pcode: incident.pcode,
          }
        : incident.locationPrecision === 'commune' && incident.pcode !== null
          ? { kind: 'commune', pcode: incident.pcode }
          : { kind: 'unknown' },
    excludeSeq: incident.seq,
  });
  const near = byTimeDistance(facts);
  return rows
    .map(candidateRowToCandidate)
    .filter((c) => isPossibleDuplicate(facts, duplicateFactsOf(c)) && canRead(actor, c))
    .sort((a, b) => near(duplicateFactsOf(a), duplicateFactsOf(b)))
    .slice(0, SUMMARY_LIMIT);
}

// ---------------------------------------------------------------------------------------------
// Reading one

/** One incident with its verification history and the duplicates merged into it that `actor` may read. */
export async function getIncident(store: Store, actor: Actor, id: string): Promise<IncidentRecord> {
  const row = await findIncident(store.db, id);
  const [incident] = row
    ? await readThroughPolicy(store, actor, 'incident', [incidentRowToIncident(row)])
    : [];
  if (!incident) throw notFound('incident', id);
  return recordOf(store.db, actor, incident);
}

/**
 * The possible duplicates of a filed report that `actor` may read: the same search as when it
 * was filed, run again now (so reports filed since are found, and merged ones are not).
 */
export async function findPossibleDuplicates(
  store: Store,
  actor: Actor,
  id: string,
): Promise<DuplicateCandidate[]> {
  const row = await findIncident(store.db, id);
  const [incident] = row
    ? await readThroughPolicy(store, actor, 'incident', [incidentRowToIncident(row)])
    : [];
  if (!incident) throw notFound('incident', id);
  return possibleDuplicates(store.db, actor, incident);
}

async function recordOf(
  db: Tx | Store['db'],
  actor: Actor,
  incident: Incident,
): Promise<IncidentRecord> {
  const [history, duplicates, reportingOrganisation] = [
    (await verificationsOf(db, incident.id)).map(verificationRowToStep),
    (await duplicatesOf(db, incident.id))
      .map(incidentRowToSummary)
      .filter((d) => canRead(actor, d)),
    await organisationName(db, incident.createdOrg),
  ];
  return { incident, history, duplicates, reportingOrganisation };
}

// ---------------------------------------------------------------------------------------------
// Correcting, verifying, claiming, merging

function checkVersion(incident: Incident, ifMatch: number | null): void {
  if (ifMatch !== null && ifMatch !== incident.version) {
    throw new KonbitError(
      'Conflict',
      `The incident changed since you read it (version ${incident.version}, you sent ${ifMatch}); read it again and reapply your change`,
      'If-Match',
    );
  }
}

/** The fields a correction touches, named as the policy names them. */
function fieldsOf(patch: UpdateIncidentRequest): IncidentField[] {
  const fields: IncidentField[] = [];
  for (const key of Object.keys(patch) as (keyof UpdateIncidentRequest)[]) {
    if (key === 'source') {
      for (const sub of Object.keys(patch.source ?? {}))
        fields.push(`source.${sub}` as IncidentField);
    } else {
      fields.push(key);
    }
  }
  return fields;
}

/**
 * Corrects a report. The policy decides which fields `actor` may change; the result is checked
 * as a new report would be (place, times, sensitivity and classification).
 */
export async function updateIncident(
  tx: Tx,
  actor: Writer,
  deps: IncidentDeps,
  id: string,
  patch: UpdateIncidentRequest,
  ifMatch: number | null,
): Promise<IncidentRecord> {
  const before = await readable(tx, actor, id);
  checkVersion(before, ifMatch);
  const allowed = editableIncidentFields(actor, before);
  for (const field of fieldsOf(patch)) {
    if (!allowed.has(field)) {
      throw new KonbitError(
        'Forbidden',
        allowed.size === 0
          ? 'You may not correct this report: analysts may, and its reporter while it is unverified'
          : `You may not change ${field} of this report; an analyst may`,
        field,
      );
    }
  }
  const type = patch.type ?? before.type;
  const actors =
    patch.actors?.map((a) => ({ type: a.type, name: a.name ?? null })) ?? before.actors;
  const sensitive = isSensitive(type, actors);
  const occurredAt = patch.occurredAt ?? before.occurredAt;
  const locationPrecision = patch.locationPrecision ?? before.locationPrecision;
  const movesPlace =
    patch.location !== undefined ||
    patch.pcode !== undefined ||
    patch.locationPrecision !== undefined;
  // A commune report's stored point is the commune centroid, not a reported location.
  const keptLocation =
    before.position &&
    (before.locationPrecision === 'exact' || before.locationPrecision === 'neighbourhood')
      ? { lon: before.position[0], lat: before.position[1] }
      : null;
  const location = patch.location !== undefined ? patch.location : keptLocation;
  const pcode =
    patch.pcode !== undefined ? patch.pcode : location ? undefined : (before.pcode ?? undefined);
  const place = resolvePlace(deps.areas, { location, locationPrecision, pcode }, sensitive);
  checkTimes(deps.clock.now(), occurredAt, undefined);
  const tag = classify(
    actor,
    type,
    sensitive,
    patch.classification ?? before.classification,
    patch.restrictedTo ??
      (patch.classification && patch.classification !== 'restricted' ? [] : before.restrictedTo),
    can(actor, 'incident.edit') ? 'incident.edit' : 'incident.create',
  );
  const day = missionDay(new Date(occurredAt));
  const after: Incident = {
    ...before,
    type,
    occurredAt,
    occurredPrecision: patch.occurredPrecision ?? before.occurredPrecision,
    occurredDay: day,
    occurredWeek: weekStart(day),
    position: place.position,
    locationPrecision,
    pcode: place.pcode,
    generalPosition: place.generalPosition,
    sensitive,
    description: patch.description ?? before.description,
    casualties: { ...before.casualties, ...patch.casualties },
    actors,
    source: {
      kind: patch.source?.kind ?? before.source.kind,
      reliability: patch.source?.reliability ?? before.source.reliability,
      credibility: patch.source?.credibility ?? before.source.credibility,
      reference:
        patch.source?.reference !== undefined ? patch.source.reference : before.source.reference,
    },
    classification: tag.classification,
    restrictedTo: tag.restrictedTo,
    relatedSites: movesPlace
      ? await relatedSitesOf(tx, deps, place.position, locationPrecision)
      : before.relatedSites,
  };
  return recordOf(tx, actor, await saveChanges(tx, actor, deps, before, after));
}

/** Refuses when another analyst holds a claim on the report. */
function assertNotClaimedByOther(incident: Incident, actor: Writer, now: Date): void {
  const claim = activeClaim(incident.claim, now);
  if (claim && claim.by !== actorRef(actor)) {
    const held = incident.claim;
    throw new KonbitError(
      'AlreadyClaimed',
      `${held?.name ?? 'Another analyst'}${held?.organisation ? ` (${held.organisation})` : ''} is working on this report since ${claim.at}; wait for them or ask them to release it`,
      'id',
    );
  }
}

/**
 * Moves a report's verification (`unverified → verified | disputed | false`, and back on new
 * evidence), recording who, when and why. Ends the actor's claim: the work is done.
 */
export async function verifyIncident(
  tx: Tx,
  actor: Writer,
  deps: IncidentDeps,
  id: string,
  input: VerifyIncidentRequest,
  ifMatch: number | null = null,
): Promise<IncidentRecord> {
  const before = await workable(tx, actor, id);
  checkVersion(before, ifMatch);
  const now = deps.clock.now();
  assertNotClaimedByOther(before, actor, now);
  const problem = verificationStepProblem(before.verification, input.state);
  if (problem) throw new KonbitError('InvalidStatusTransition', problem, 'state');
  await insertVerification(tx, {
    id: newId(now.getTime()),
    incident_id: before.id,
    version: before.version + 1,
    from_state: before.verification,
    to_state: input.state,
    reason: input.reason,
    actor: actorRef(actor),
    actor_name: actor.name,
    org: actorOrg(actor),
    org_name: await organisationName(tx, actorOrg(actor)),
    at: now.toISOString(),
  });
  const after = await saveChanges(tx, actor, deps, before, {
    ...before,
    verification: input.state,
    claim: null,
  });
  if (input.state === 'verified') await deps.hooks.becameVerified?.(tx, after, actor);
  return recordOf(tx, actor, after);
}

/** Claims a report for `actor` (or renews their claim) so no one else works it meanwhile. */
export async function claimIncident(
  tx: Tx,
  actor: UserActor,
  deps: IncidentDeps,
  id: string,
): Promise<IncidentRecord> {
  const before = await workable(tx, actor, id);
  const now = deps.clock.now();
  assertNotClaimedByOther(before, actor, now);
  const after = await saveChanges(tx, actor, deps, before, {
    ...before,
    claim: {
      by: actor.userId,
      name: actor.name,
      organisation: await organisationName(tx, actor.orgId),
      at: now.toISOString(),
    },
  });
  return recordOf(tx, actor, after);
}

/** Releases a claim: the analyst who holds it, or an admin. Releasing no claim changes nothing. */
export async function releaseClaim(
  tx: Tx,
  actor: UserActor,
  deps: IncidentDeps,
  id: string,
): Promise<IncidentRecord> {
  const before = await workable(tx, actor, id);
  const now = deps.clock.now();
  if (
    activeClaim(before.claim, now) &&
    before.claim?.by !== actor.userId &&
    actor.role !== 'admin'
  ) {
    assertNotClaimedByOther(before, actor, now);
  }
  const after =
    before.claim === null
      ? before
      : await saveChanges(tx, actor, deps, before, { ...before, claim: null });
  return recordOf(tx, actor, after);
}

/**
 * Links a report to the one that stays as its duplicate: both are kept, the duplicate is
 * counted once (as the survivor) in statistics, and the survivor's corroboration count grows.
 * Duplicates of the merged report move to the survivor.
 */
export async function mergeIncident(
  tx: Tx,
  actor: Writer,
  deps: IncidentDeps,
  id: string,
  into: string,
): Promise<{ duplicate: IncidentRecord; survivor: IncidentRecord }> {
  const duplicate = await readable(tx, actor, id);
  const target = await readable(tx, actor, into).catch((err: unknown) => {
    if (err instanceof KonbitError && err.code === 'NotFound') {
      throw notFound('incident', into, 'into');
    }
    throw err;
  });
  assertCanWrite(actor, 'incident.verify', duplicate);
  assertCanWrite(actor, 'incident.verify', target);
  const problem = mergeProblem(duplicate, target);
  if (problem) {
    throw new KonbitError(
      duplicate.id === target.id ? 'ValidationFailed' : 'Conflict',
      problem,
      'into',
    );
  }
  const now = deps.clock.now().toISOString();
  // Reports merged into the duplicate move to the survivor.
  for (const row of await duplicateRowsOf(tx, duplicate.id)) {
    const moved = incidentRowToIncident(row);
    await saveChanges(tx, actor, deps, moved, { ...moved, mergedInto: target.id });
  }
  const merged = await saveChanges(tx, actor, deps, duplicate, {
    ...duplicate,
    mergedInto: target.id,
    mergedAt: now,
    mergedBy: actorRef(actor),
    corroborations: 0,
  });
  const survivor = await saveChanges(tx, actor, deps, target, {
    ...target,
    corroborations: target.corroborations + 1 + duplicate.corroborations,
  });
  return {
    duplicate: await recordOf(tx, actor, merged),
    survivor: await recordOf(tx, actor, survivor),
  };
}

/** Undoes a merge: the report counts on its own again. */
export async function unmergeIncident(
  tx: Tx,
  actor: Writer,
  deps: IncidentDeps,
  id: string,
): Promise<{ duplicate: IncidentRecord; survivor: IncidentRecord | null }> {
  const duplicate = await workable(tx, actor, id);
  if (duplicate.mergedInto === null) {
    throw new KonbitError('Conflict', 'This report is not merged into another', 'id');
  }
  const survivorRow = await findIncident(tx, duplicate.mergedInto);
  const unmerged = await saveChanges(tx, actor, deps, duplicate, {
    ...duplicate,
    mergedInto: null,
    mergedAt: null,
    mergedBy: null,
  });
  let survivor: Incident | null = null;
  if (survivorRow) {
    const target = incidentRowToIncident(survivorRow);
    survivor = await saveChanges(tx, actor, deps, target, {
      ...target,
      corroborations: Math.max(0, target.corroborations - 1),
    });
  }
  return {
    duplicate: await recordOf(tx, actor, unmerged),
    survivor: survivor && canRead(actor, survivor) ? await recordOf(tx, actor, survivor) : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Lists, clusters and statistics

/** How far back a list or cluster query reaches when it gives no `from`. */
export const DEFAULT_WINDOW_DAYS = 90;
/** The longest window clusters count over. */
export const MAX_CLUSTER_WINDOW_DAYS = 400;

function timeWindow(clock: Clock, from: string | undefined, to: string | undefined) {
  const end = to ?? clock.now().toISOString();
  const start =
    from ?? new Date(new Date(end).getTime() - DEFAULT_WINDOW_DAYS * 86_400_000).toISOString();
  if (start >= end) fail('ValidationFailed', 'from must be before to', 'from');
  return { from: start, to: end };
}

function mapFilter(
  query: Pick<
    IncidentListQuery,
    'types' | 'verification' | 'reliability' | 'credibility' | 'includeMerged'
  > & {
    readonly bbox?: IncidentListQuery['bbox'];
    readonly pcode?: string | undefined;
    readonly q?: string | undefined;
  },
  window: { from: string; to: string },
): MapFilter {
  const terms = query.q === undefined ? null : searchTerms(query.q);
  if (terms !== null && terms.length === 0) {
    fail('ValidationFailed', 'q has no words to search for', 'q');
  }
  return {
    box: query.bbox ? bboxToMicro(query.bbox) : null,
    pcode: query.pcode ?? null,
    from: window.from,
    to: window.to,
    types: query.types ?? null,
    verification: query.verification ?? null,
    reliability: query.reliability ?? null,
    credibility: query.credibility ?? null,
    includeMerged: query.includeMerged ?? false,
    terms,
  };
}

/** A listed incident: what the policy checks, and its feature as presented to the reader. */
export interface ListedIncident {
  readonly id: string;
  readonly classification: ClassificationLevel;
  readonly restrictedTo: readonly string[];
  readonly createdBy: string | null;
  /** The point this reader is shown (generalised where the feature is); null without a place. */
  readonly position: LonLat | null;
  /** The GeoJSON Feature as UTF-8 JSON, made by the presenter when the report was written. */
  readonly feature: Buffer;
}

/** The id of a presented feature (`{"type":"Feature","id":"…"`). */
function idOfFeature(feature: Buffer): string {
  const start = feature.indexOf('"id":"');
  if (start < 0) return '';
  const from = start + '"id":"'.length;
  return feature.toString('utf8', from, feature.indexOf('"', from));
}

export interface IncidentPage {
  readonly items: readonly ListedIncident[];
  readonly nextCursor: string | null;
  readonly from: string;
  readonly to: string;
}

/** A page of incidents `actor` may read in an area, newest first. */
export async function listIncidents(
  store: Store,
  actor: Actor,
  clock: Clock,
  query: IncidentListQuery,
): Promise<IncidentPage> {
  const window = timeWindow(clock, query.from, query.to);
  const after: ListPosition | null = query.cursor ? decodeCursor(query.cursor) : null;
  const rows = await selectIncidentPage(
    store.db,
    mapViewerOf(actor),
    mapFilter(query, window),
    after,
    query.limit + 1,
  );
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const listed: ListedIncident[] = page.map((r) => ({
    // Only an admin's read is audited by id: read from the feature only then.
    get id() {
      return idOfFeature(r.feature);
    },
    classification: r.classification as ClassificationLevel,
    restrictedTo: r.restricted_to === null ? [] : (JSON.parse(r.restricted_to) as string[]),
    createdBy: r.created_by,
    position: r.x === null || r.y === null ? null : lonLat(r.x / 1e6, r.y / 1e6),
    feature: r.feature,
  }));
  const items = await readThroughPolicy(store, actor, 'incident', listed);
  const last = page[page.length - 1];
  return {
    items,
    nextCursor: more && last ? encodeCursor({ t: last.t, seq: last.seq }) : null,
    ...window,
  };
}

export interface ClusterResult {
  readonly cellSize: number;
  readonly from: string;
  readonly to: string;
  readonly rows: readonly ClusterRow[];
}

/** Counts by map cell and type, for a city-wide map that never receives every point. */
export async function clusterIncidents(
  store: Store,
  actor: Actor,
  clock: Clock,
  query: IncidentClusterQuery,
): Promise<ClusterResult> {
  const window = timeWindow(clock, query.from, query.to);
  const days = (new Date(window.to).getTime() - new Date(window.from).getTime()) / 86_400_000;
  if (days > MAX_CLUSTER_WINDOW_DAYS) {
    fail(
      'ValidationFailed',
      `Clusters count at most ${MAX_CLUSTER_WINDOW_DAYS} days at a time; narrow from and to`,
      'from',
    );
  }
  const filter = mapFilter(query, window);
  const cellSize = clusterCellSize(query.zoom);
  const rows = await selectClusters(
    store.db,
    mapViewerOf(actor),
    { ...filter, box: bboxToMicro(query.bbox) },
    cellSize,
  );
  await auditAggregate(store, actor, 'incident-clusters', `${window.from}..${window.to}`);
  return { cellSize, ...window, rows };
}

/** An admin's aggregate read reaches every compartment: audit it once, as the feed does. */
async function auditAggregate(store: Store, actor: Actor, entity: string, what: string) {
  if (actor.kind === 'user' && actor.role === 'admin')
    await auditRead(store, actor, entity, [what]);
}

export interface StatsResult {
  readonly from: string;
  readonly to: string;
  readonly rows: readonly StatsRow[];
}

/** The longest period statistics cover at once. */
export const MAX_STATS_DAYS = 5 * 366;

/**
 * Counts and casualties by commune, type or week over Port-au-Prince days (both included),
 * from the counts maintained as reports are written. Merged duplicates are counted once (as
 * their survivor); reports judged false are left out unless asked for.
 */
export async function incidentStats(
  store: Store,
  actor: Actor,
  clock: Clock,
  query: IncidentStatsQuery,
): Promise<StatsResult> {
  const to = (query.to ?? missionDay(clock.now())) as LocalDate;
  const from = (query.from ?? addDays(to, -364)) as LocalDate;
  if (from > to) fail('ValidationFailed', 'from must be on or before to', 'from');
  if (daysBetween(from, to) >= MAX_STATS_DAYS) {
    fail(
      'ValidationFailed',
      'Statistics cover at most five years at a time; narrow from and to',
      'from',
    );
  }
  const firstMonday = weekStart(addDays(from, 6));
  const lastMonday = addDays(weekStart(addDays(to, 1)), -7);
  const days: [string, string][] = [];
  let weeks: [string, string] | null = null;
  if (firstMonday <= lastMonday) {
    weeks = [firstMonday, lastMonday];
    if (from < firstMonday) days.push([from, addDays(firstMonday, -1)]);
    if (addDays(lastMonday, 7) <= to) days.push([addDays(lastMonday, 7), to]);
  } else {
    days.push([from, to]);
  }
  const verification: VerificationState[] = query.verification ?? [
    'unverified',
    'verified',
    'disputed',
  ];
  const rows = await selectStats(
    store.db,
    actor,
    query.groupBy,
    { from, to, types: query.types ?? null, pcode: query.pcode ?? null, verification },
    { weeks, days },
  );
  await auditAggregate(store, actor, 'incident-stats', `${from}..${to}`);
  return { from, to, rows };
}

function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round(
    (missionDayBounds(b).start.getTime() - missionDayBounds(a).start.getTime()) / 86_400_000,
  );
}
