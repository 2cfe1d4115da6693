/**
 * Use cases for critical sites: the registry (partners by default), posture reports (mission by
 * default) with the transition rule, statements released across the civil–military line, and
 * the sites near a point (for alerts on incidents near critical sites).
 */
import {
  ALERTING_SITE_STATUSES,
  checkSiteTransition,
  distanceMetres,
  KonbitError,
  lonLat,
  newId,
  type ClassificationLevel,
  type CreateReleaseRequest,
  type CreateSiteRequest,
  type LonLat,
  type ReportSiteStatusRequest,
  type SiteId,
  type SitePrecision,
  type SiteQuery,
  type SiteReleaseId,
  type SiteStatusChangeId,
  type UpdateSiteRequest,
} from '@konbit/core';
import type { Alert } from '../alerts/alert.js';
import { raiseAlert } from '../alerts/alert.service.js';
import type { Areas } from '../areas/areas.js';
import { logRecord } from '../changelog/log-record.js';
import type { Clock } from '../clock/clock.js';
import { actorOrg, actorRef, type Actor, type Writer } from '../policy/actor.js';
import { assertCanWrite, notFound, readableOne, readThroughPolicy } from '../policy/enforce.js';
import { canRead } from '../policy/policy.js';
import { requestedTag } from '../policy/tag.js';
import type { Db, Store, Tx } from '../store/store.js';
import { findUnit } from '../tasking/tasking.repository.js';
import {
  changeToStatusRow,
  releaseRowToRelease,
  releaseToRow,
  siteRowToSite,
  siteToRow,
  statusRowToChange,
  type Polygon,
  type Site,
  type SiteRelease,
  type SiteStatusChange,
} from './site.js';
import {
  findSite,
  findStatusChange,
  insertRelease,
  insertSite,
  insertStatusChange,
  latestStatusChange,
  replaceSite,
  selectLatestReleases,
  selectLatestStatusChanges,
  selectReleases,
  selectSites,
  selectSitesInBox,
  selectStatusChanges,
} from './site.repository.js';

/** The registry is shared with every partner; posture and tasking stay in the mission. */
export const DEFAULT_SITE_CLASSIFICATION: ClassificationLevel = 'partners';
export const DEFAULT_STATUS_CLASSIFICATION: ClassificationLevel = 'mission';
export const DEFAULT_RELEASE_CLASSIFICATION: ClassificationLevel = 'partners';

export interface SiteDeps {
  readonly areas: Areas;
  readonly clock: Clock;
}

const timeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'America/Port-au-Prince',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** `2023-06-08 12:00` in Port-au-Prince time, for messages people read. */
export function localTimeText(iso: string): string {
  const p = Object.fromEntries(
    timeFormat.formatToParts(new Date(iso)).map((x) => [x.type, x.value]),
  );
  return `${p['year']}-${p['month']}-${p['day']} ${p['hour']}:${p['minute']} Port-au-Prince time`;
}

interface Placement {
  readonly position: LonLat;
  readonly precision: SitePrecision;
  readonly pcode: string;
  readonly positionNote: string | null;
}

/**
 * Where a site is: its commune from the point (a client P-code must agree, else 422), or, when
 * the position is not published, the commune's centroid with precision `commune`, saying so.
 */
export function placeSite(
  areas: Areas,
  input: {
    location?: { lon: number; lat: number } | undefined;
    precision?: SitePrecision | undefined;
    pcode?: string | undefined;
  },
): Placement {
  if (input.location) {
    const point = lonLat(input.location.lon, input.location.lat);
    const found = areas.locate(point);
    if (!found) {
      throw new KonbitError(
        'ValidationFailed',
        `location ${point[1]}, ${point[0]} (lat, lon) is not inside any commune of Haiti; check the order and sign of the coordinates`,
        'location',
      );
    }
    const commune = found.commune;
    if (input.pcode !== undefined && !commune.pcode.startsWith(input.pcode)) {
      const given = areas.get(input.pcode);
      throw new KonbitError(
        'PcodeMismatch',
        `The location is in ${commune.name} (${commune.pcode}), not in ${given?.name ?? 'the area'} (${input.pcode}); correct the location or the P-code, or leave the P-code out`,
        'pcode',
      );
    }
    return {
      position: point,
      precision: input.precision ?? 'exact',
      pcode: commune.pcode,
      positionNote: null,
    };
  }
  if (input.pcode === undefined) {
    throw new KonbitError(
      'ValidationFailed',
      'Give the location, or the commune P-code (pcode) when the position is not published',
      'location',
    );
  }
  const area = areas.get(input.pcode);
  if (!area) {
    throw new KonbitError(
      'UnknownPcode',
      `${input.pcode} is not a P-code in Haiti's boundaries`,
      'pcode',
    );
  }
  if (area.level !== 2) {
    throw new KonbitError(
      'ValidationFailed',
      `Without a location, pcode must be a commune (such as HT0111), not ${area.name} (${area.pcode})`,
      'pcode',
    );
  }
  if (input.precision !== undefined && input.precision !== 'commune') {
    throw new KonbitError(
      'ValidationFailed',
      `precision is ${input.precision} but no location was given; a site without a location is placed at its commune's centroid with precision commune`,
      'precision',
    );
  }
  return {
    position: area.centroid,
    precision: 'commune',
    pcode: area.pcode,
    positionNote: `Exact position not published; shown at the centroid of ${area.name} commune`,
  };
}

async function readableSite(db: Db | Tx, actor: Actor, id: string): Promise<Site> {
  return readableOne(actor, await findSite(db, id), siteRowToSite, 'site', id);
}

export async function createSite(
  tx: Tx,
  actor: Writer,
  { areas, clock }: SiteDeps,
  input: CreateSiteRequest,
): Promise<Site> {
  const tag = requestedTag(input, DEFAULT_SITE_CLASSIFICATION);
  assertCanWrite(actor, 'site.manage', tag);
  const id = input.id ?? newId<SiteId>();
  if (await findSite(tx, id)) {
    throw new KonbitError('AlreadyExists', `A site with id ${id} already exists`, 'id');
  }
  const place = placeSite(areas, input);
  const now = clock.now().toISOString();
  const site: Site = {
    id: id as SiteId,
    name: input.name,
    nameFr: input.nameFr ?? null,
    nameHt: input.nameHt ?? null,
    kind: input.kind,
    criticality: input.criticality,
    ...place,
    footprint: (input.footprint as Polygon | undefined) ?? null,
    policeRequired: input.policeRequired ?? null,
    policeRequiredSource: input.policeRequiredSource ?? null,
    forceRequired: input.forceRequired ?? 1,
    notes: input.notes ?? null,
    ...tag,
    createdBy: actorRef(actor),
    createdOrg: actorOrg(actor),
    createdAt: now,
    updatedAt: now,
  };
  await insertSite(tx, siteToRow(site));
  await logRecord(tx, actor, 'site', 'create', site, now);
  return site;
}

/** Changes the registry fields of a site; a new location or P-code is placed as on create. */
export async function updateSite(
  tx: Tx,
  actor: Writer,
  { areas, clock }: SiteDeps,
  id: string,
  input: UpdateSiteRequest,
): Promise<Site> {
  const site = await readableSite(tx, actor, id);
  assertCanWrite(actor, 'site.manage', site);
  const moved =
    input.location !== undefined || input.pcode !== undefined || input.precision !== undefined;
  // A site placed at its commune centroid has no point of its own to keep.
  const keepPoint = site.precision !== 'commune';
  const place: Placement = moved
    ? placeSite(areas, {
        location:
          input.location ??
          (keepPoint ? { lon: site.position[0], lat: site.position[1] } : undefined),
        precision: input.precision ?? (input.location ? undefined : site.precision),
        pcode: input.pcode ?? (input.location || keepPoint ? undefined : site.pcode),
      })
    : site;
  const updated: Site = {
    ...site,
    name: input.name ?? site.name,
    nameFr: input.nameFr === undefined ? site.nameFr : input.nameFr,
    nameHt: input.nameHt === undefined ? site.nameHt : input.nameHt,
    kind: input.kind ?? site.kind,
    criticality: input.criticality ?? site.criticality,
    position: place.position,
    precision: place.precision,
    pcode: place.pcode,
    positionNote: place.positionNote,
    footprint:
      input.footprint === undefined
        ? site.footprint
        : ((input.footprint as Polygon | null) ?? null),
    policeRequired: input.policeRequired === undefined ? site.policeRequired : input.policeRequired,
    policeRequiredSource:
      input.policeRequiredSource === undefined
        ? site.policeRequiredSource
        : input.policeRequiredSource,
    forceRequired: input.forceRequired ?? site.forceRequired,
    notes: input.notes === undefined ? site.notes : input.notes,
    updatedAt: clock.now().toISOString(),
  };
  await replaceSite(tx, siteToRow(updated));
  await logRecord(tx, actor, 'site', 'update', updated, updated.updatedAt);
  return updated;
}

export interface StatusReport {
  readonly change: SiteStatusChange;
  readonly release: SiteRelease | null;
  readonly alert: Alert | null;
}

/**
 * Records a posture report: the transition rule against the site's real latest status (whoever
 * may read it), the holder, source and note; an alert when the site becomes threatened or lost;
 * and, if asked, a released statement for partners.
 */
export async function reportSiteStatus(
  tx: Tx,
  actor: Writer,
  deps: SiteDeps,
  siteId: string,
  input: ReportSiteStatusRequest,
): Promise<StatusReport> {
  const site = await readableSite(tx, actor, siteId);
  const tag = requestedTag(input, DEFAULT_STATUS_CLASSIFICATION);
  assertCanWrite(actor, 'site.status', tag);
  if (input.release) {
    assertCanWrite(actor, 'site.release', {
      classification: input.release.classification ?? DEFAULT_RELEASE_CLASSIFICATION,
      restrictedTo: [],
    });
  }
  const id = input.id ?? newId<SiteStatusChangeId>();
  if (await findStatusChange(tx, id)) {
    throw new KonbitError('AlreadyExists', `A status report with id ${id} already exists`, 'id');
  }
  const now = deps.clock.now().toISOString();
  const at = input.at ?? now;
  if (at > now) {
    throw new KonbitError(
      'ValidationFailed',
      `at (${at}) is in the future; report a posture when it is observed`,
      'at',
    );
  }
  const unitId = input.holder?.unitId;
  if (unitId !== undefined && !(await findUnit(tx, unitId))) {
    throw new KonbitError(
      'NotFound',
      `No unit ${unitId}; register the unit first`,
      'holder.unitId',
    );
  }
  const latestRow = await latestStatusChange(tx, site.id);
  const latest = latestRow ? statusRowToChange(latestRow) : null;
  if (latest && at < latest.at) {
    throw new KonbitError(
      'Conflict',
      `The site's latest report was observed at ${latest.at}; a report observed earlier (${at}) cannot follow it`,
      'at',
    );
  }
  const check = checkSiteTransition(latest?.status ?? null, input.status);
  if (!check.ok) throw new KonbitError('InvalidStatusTransition', check.reason, 'status');
  const change: SiteStatusChange = {
    id: id as SiteStatusChangeId,
    siteId: site.id,
    status: input.status,
    previous: latest?.status ?? null,
    at,
    holder:
      input.holder && (input.holder.organisation || input.holder.unitId)
        ? { organisation: input.holder.organisation ?? null, unitId: input.holder.unitId ?? null }
        : null,
    source: {
      organisation: input.source.organisation,
      title: input.source.title,
      url: input.source.url ?? null,
      published: input.source.published ?? null,
    },
    note: input.note ?? null,
    ...tag,
    createdBy: actorRef(actor),
    createdOrg: actorOrg(actor),
    recordedAt: now,
  };
  await insertStatusChange(tx, changeToStatusRow(change));
  await logRecord(tx, actor, 'site-status', 'create', change, now);
  let alert: Alert | null = null;
  if (ALERTING_SITE_STATUSES.includes(change.status)) {
    const holder = change.holder?.organisation ? `; held by ${change.holder.organisation}` : '';
    alert = await raiseAlert(tx, actor, deps, {
      kind: 'site-status',
      severity: change.status === 'lost' ? 'critical' : 'warning',
      site: { id: site.id, name: site.name },
      message: `${site.name} (criticality ${site.criticality}) reported ${change.status} at ${localTimeText(change.at)}, was ${change.previous ?? 'not reported'}${holder}`,
      subject: { entity: 'site-status', id: change.id },
      classification: change.classification,
      restrictedTo: change.restrictedTo,
      at: change.at,
    });
  }
  const release = input.release
    ? await releaseSiteStatement(tx, actor, deps, site.id, {
        ...input.release,
        statusChangeId: change.id,
      })
    : null;
  return { change, release, alert };
}

/**
 * Releases a plain statement about a site: a record of its own with its own classification
 * (`partners` by default), linked to the status report it summarises, without its detail.
 */
export async function releaseSiteStatement(
  tx: Tx,
  actor: Writer,
  { clock }: SiteDeps,
  siteId: string,
  input: CreateReleaseRequest,
): Promise<SiteRelease> {
  const site = await readableSite(tx, actor, siteId);
  const tag = {
    classification: input.classification ?? DEFAULT_RELEASE_CLASSIFICATION,
    restrictedTo: [],
  };
  assertCanWrite(actor, 'site.release', tag);
  const id = input.id ?? newId<SiteReleaseId>();
  if (input.statusChangeId !== undefined) {
    const row = await findStatusChange(tx, input.statusChangeId);
    const change = row ? statusRowToChange(row) : null;
    if (!change || change.siteId !== site.id || !canRead(actor, change)) {
      throw new KonbitError(
        'NotFound',
        `No status report ${input.statusChangeId} of this site that you may read`,
        'statusChangeId',
      );
    }
  }
  const now = clock.now().toISOString();
  const release: SiteRelease = {
    id: id as SiteReleaseId,
    siteId: site.id,
    statusChangeId: input.statusChangeId ?? null,
    statement: input.statement,
    ...tag,
    createdBy: actorRef(actor),
    createdOrg: actorOrg(actor),
    releasedAt: now,
  };
  await insertRelease(tx, releaseToRow(release));
  await logRecord(tx, actor, 'site-release', 'create', release, now);
  return release;
}

export interface SiteWithPosture {
  readonly site: Site;
  /** The latest status report the reader may read, if any. */
  readonly status: SiteStatusChange | null;
  /** Released statements the reader may read, newest first. */
  readonly releases: readonly SiteRelease[];
}

function groupBySite<T extends { readonly siteId: string }>(items: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const list = out.get(item.siteId) ?? [];
    list.push(item);
    out.set(item.siteId, list);
  }
  return out;
}

/**
 * Sites the reader may read, each with the latest status report and the latest statement the
 * reader may read (`releases` holds that one statement; a single read gives them all).
 */
export async function listSites(
  store: Store,
  actor: Actor,
  query: SiteQuery,
): Promise<SiteWithPosture[]> {
  const sites = await readThroughPolicy(
    store,
    actor,
    'site',
    (await selectSites(store.db, actor, query)).map(siteRowToSite),
  );
  const changes = groupBySite(
    await readThroughPolicy(
      store,
      actor,
      'site-status',
      (await selectLatestStatusChanges(store.db, actor)).map(statusRowToChange),
    ),
  );
  const releases = groupBySite(
    await readThroughPolicy(
      store,
      actor,
      'site-release',
      (await selectLatestReleases(store.db, actor)).map(releaseRowToRelease),
    ),
  );
  const out = sites.map((site) => ({
    site,
    status: changes.get(site.id)?.[0] ?? null,
    releases: releases.get(site.id) ?? [],
  }));
  if (query.status === undefined) return out;
  return out.filter((s) => (s.status?.status ?? 'unknown') === query.status);
}

/** Status reports and released statements the reader may read (of one site, or all), newest first. */
async function readablePosture(
  store: Store,
  actor: Actor,
  siteId?: string,
): Promise<{ changes: SiteStatusChange[]; releases: SiteRelease[] }> {
  const changes = (await selectStatusChanges(store.db, actor, siteId)).map(statusRowToChange);
  const releases = (await selectReleases(store.db, actor, siteId)).map(releaseRowToRelease);
  return {
    changes: await readThroughPolicy(store, actor, 'site-status', changes),
    releases: await readThroughPolicy(store, actor, 'site-release', releases),
  };
}

export async function getSite(store: Store, actor: Actor, id: string): Promise<SiteWithPosture> {
  const history = await siteHistory(store, actor, id);
  return { site: history.site, status: history.changes[0] ?? null, releases: history.releases };
}

export interface SiteHistoryResult {
  readonly site: Site;
  readonly changes: readonly SiteStatusChange[];
  readonly releases: readonly SiteRelease[];
}

/**
 * A site's status reports and released statements that the reader may read, newest first.
 * Reports the reader may not read are left out, as in every list (a humanitarian user gets the
 * released statements and no operational history).
 */
export async function siteHistory(
  store: Store,
  actor: Actor,
  id: string,
): Promise<SiteHistoryResult> {
  const [site] = await readThroughPolicy(store, actor, 'site', [
    await readableSite(store.db, actor, id),
  ]);
  if (!site) throw notFound('site', id);
  return { site, ...(await readablePosture(store, actor, id)) };
}

export interface NearSite {
  readonly id: SiteId;
  readonly name: string;
  readonly criticality: number;
  readonly classification: ClassificationLevel;
  readonly restrictedTo: readonly string[];
  readonly position: LonLat;
  readonly distanceMetres: number;
}

/**
 * Sites within `metres` of `point`, nearest first, whoever may read them: for rules the server
 * applies (an incident near a critical site raises an alert). Callers that show the result to
 * someone filter it with the policy first.
 */
export async function sitesNear(db: Db | Tx, point: LonLat, metres: number): Promise<NearSite[]> {
  const dLat = metres / 111_320;
  const dLon = metres / (111_320 * Math.max(0.01, Math.cos((point[1] * Math.PI) / 180)));
  const rows = await selectSitesInBox(db, {
    w: point[0] - dLon,
    e: point[0] + dLon,
    s: point[1] - dLat,
    n: point[1] + dLat,
  });
  return rows
    .map(siteRowToSite)
    .map((s) => ({
      id: s.id,
      name: s.name,
      criticality: s.criticality,
      classification: s.classification,
      restrictedTo: s.restrictedTo,
      position: s.position,
      distanceMetres: distanceMetres(point, s.position),
    }))
    .filter((s) => s.distanceMetres <= metres)
    .sort((a, b) => a.distanceMetres - b.distanceMetres);
}

/** The sites `actor` may read, for figures computed from them (police freed). */
export async function readableSites(store: Store, actor: Actor): Promise<Site[]> {
  return readThroughPolicy(
    store,
    actor,
    'site',
    (await selectSites(store.db, actor)).map(siteRowToSite),
  );
}
