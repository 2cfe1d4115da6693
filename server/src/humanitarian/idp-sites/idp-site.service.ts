/** Use cases for IDP sites. */
import {
  KonbitError,
  lonLat,
  missionDay,
  newId,
  type CreateIdpSiteRequest,
  type IdpSiteId,
  type IdpSiteQuery,
  type LonLat,
  type UpdateIdpSiteRequest,
} from '@konbit/core';
import type { Areas } from '../../areas/areas.js';
import type { Clock } from '../../clock/clock.js';
import type { Figure } from '../../figures/figure.js';
import { latestSiteFigures } from '../../figures/figure.service.js';
import type { Actor, Writer } from '../../policy/actor.js';
import { readThroughPolicy, writableOne } from '../../policy/enforce.js';
import { inChunks } from '../../store/chunks.js';
import type { Store, Tx } from '../../store/store.js';
import { assertNewId, newRecordMeta, readOne, recordWrite } from '../record.js';
import {
  DEFAULT_IDP_SITE_CLASSIFICATION,
  idpSiteNaturalKey,
  idpSiteRowToIdpSite,
  idpSiteToRow,
  type IdpSite,
} from './idp-site.js';
import {
  findIdpSite,
  findIdpSitesByKey,
  insertIdpSite,
  selectIdpSites,
  updateIdpSiteRow,
} from './idp-site.repository.js';

export interface IdpSiteDeps {
  readonly areas: Areas;
  readonly clock: Clock;
}

/** The latest population figures of a site that the reader may see. */
export interface SitePopulation {
  readonly idps: Figure | null;
  readonly households: Figure | null;
}

/**
 * Where a site is: its point (if any) and its commune. The commune is found from the point and
 * must agree with a P-code given beside it; without a point the P-code must be a commune.
 */
export function placeSite(
  areas: Areas,
  location: { lon: number; lat: number } | null | undefined,
  pcode: string | undefined,
): { location: LonLat | null; pcode: string } {
  if (pcode !== undefined && areas.get(pcode)?.level !== 2) {
    throw new KonbitError(
      'UnknownPcode',
      `${pcode} is not a commune P-code in Haiti's boundaries`,
      'pcode',
    );
  }
  if (location === null || location === undefined) {
    if (pcode === undefined) {
      throw new KonbitError(
        'ValidationFailed',
        'Give the site a location or its commune P-code',
        'pcode',
      );
    }
    return { location: null, pcode };
  }
  const point = lonLat(location.lon, location.lat);
  const found = areas.locate(point);
  if (found === null) {
    if (pcode !== undefined) return { location: point, pcode };
    throw new KonbitError(
      'ValidationFailed',
      `No Haitian commune contains ${location.lat}, ${location.lon} (latitude, longitude); check the point or give the commune's pcode`,
      'location',
    );
  }
  if (pcode !== undefined && pcode !== found.commune.pcode) {
    throw new KonbitError(
      'PcodeMismatch',
      `The location lies in ${found.commune.name} (${found.commune.pcode}), not ${pcode}`,
      'pcode',
    );
  }
  return { location: point, pcode: found.commune.pcode };
}

async function assertKeyFree(tx: Tx, site: IdpSite): Promise<void> {
  const clash = (await findIdpSitesByKey(tx, [site.naturalKey])).find((r) => r.id !== site.id);
  if (clash) {
    throw new KonbitError(
      'AlreadyExists',
      site.code !== null
        ? `Another IDP site already has code ${site.code} (${clash.id})`
        : `Another IDP site in ${site.pcode} is already named "${site.name}" (${clash.id}); give a code to tell them apart`,
      site.code !== null ? 'code' : 'name',
    );
  }
}

function checkDates(site: IdpSite): void {
  if (site.status === 'open' && site.closedOn !== null) {
    throw new KonbitError('ValidationFailed', 'An open site has no closedOn date', 'closedOn');
  }
  if (site.openedOn !== null && site.closedOn !== null && site.closedOn < site.openedOn) {
    throw new KonbitError('ValidationFailed', 'closedOn must not be before openedOn', 'closedOn');
  }
}

/** Records a new IDP site (classified `partners` unless the writer says otherwise). */
export async function createIdpSite(
  tx: Tx,
  actor: Writer,
  { areas, clock }: IdpSiteDeps,
  input: CreateIdpSiteRequest,
): Promise<IdpSite> {
  const now = clock.now();
  const meta = newRecordMeta(
    actor,
    'humanitarian.manage',
    input,
    DEFAULT_IDP_SITE_CLASSIFICATION,
    now,
  );
  const place = placeSite(areas, input.location, input.pcode);
  const id = (input.id ?? newId()) as IdpSiteId;
  assertNewId(await findIdpSite(tx, id), 'An IDP site', id);
  const status = input.status ?? 'open';
  const code = input.code ?? null;
  const site: IdpSite = {
    id,
    code,
    name: input.name,
    type: input.type,
    location: place.location,
    pcode: place.pcode,
    status,
    openedOn: input.openedOn ?? null,
    closedOn: input.closedOn ?? (status === 'closed' ? missionDay(now) : null),
    naturalKey: idpSiteNaturalKey({ code, name: input.name, pcode: place.pcode }),
    ...meta,
  };
  checkDates(site);
  await assertKeyFree(tx, site);
  await insertIdpSite(tx, idpSiteToRow(site));
  await recordWrite(tx, actor, 'idp-site', 'create', site, now);
  return site;
}

/** Changes a site: its name, type, place, or status (closing dates it today unless told). */
export async function updateIdpSite(
  tx: Tx,
  actor: Writer,
  { areas, clock }: IdpSiteDeps,
  id: string,
  input: UpdateIdpSiteRequest,
): Promise<IdpSite> {
  const row = await findIdpSite(tx, id);
  const current = writableOne(
    actor,
    'humanitarian.manage',
    row,
    idpSiteRowToIdpSite,
    'IDP site',
    id,
  );
  const now = clock.now();
  if (input.status !== undefined && input.status === current.status) {
    throw new KonbitError(
      'InvalidStatusTransition',
      `The site is already ${current.status}`,
      'status',
    );
  }
  const moved = input.location !== undefined || input.pcode !== undefined;
  const location =
    input.location === undefined
      ? current.location && { lon: current.location[0], lat: current.location[1] }
      : input.location;
  // A new point finds its own commune; a new commune must agree with the point kept.
  const pcode = input.pcode ?? (input.location === undefined ? current.pcode : undefined);
  const place = moved
    ? placeSite(areas, location, pcode)
    : { location: current.location, pcode: current.pcode };
  const status = input.status ?? current.status;
  let closedOn = input.closedOn === undefined ? current.closedOn : input.closedOn;
  if (input.status === 'closed') closedOn = input.closedOn ?? missionDay(now);
  if (input.status === 'open') closedOn = null;
  const code = input.code === undefined ? current.code : input.code;
  const name = input.name ?? current.name;
  const site: IdpSite = {
    ...current,
    code,
    name,
    type: input.type ?? current.type,
    location: place.location,
    pcode: place.pcode,
    status,
    openedOn: input.openedOn === undefined ? current.openedOn : input.openedOn,
    closedOn,
    naturalKey: idpSiteNaturalKey({ code, name, pcode: place.pcode }),
    updatedAt: now.toISOString(),
  };
  checkDates(site);
  await assertKeyFree(tx, site);
  await updateIdpSiteRow(tx, idpSiteToRow(site));
  await recordWrite(tx, actor, 'idp-site', 'update', site, now);
  return site;
}

export interface SiteWithPopulation {
  readonly site: IdpSite;
  readonly population: SitePopulation;
}

async function withPopulation(
  store: Store,
  actor: Actor,
  clock: Clock,
  sites: readonly IdpSite[],
): Promise<SiteWithPopulation[]> {
  const figures = await latestSiteFigures(
    store,
    actor,
    clock,
    sites.map((s) => s.id),
  );
  return sites.map((site) => ({
    site,
    population: {
      idps: figures.get(`${site.id}|idps`) ?? null,
      households: figures.get(`${site.id}|idp-households`) ?? null,
    },
  }));
}

/** Sites `actor` may read, open ones unless asked otherwise, with their latest population. */
export async function listIdpSites(
  store: Store,
  actor: Actor,
  clock: Clock,
  query: IdpSiteQuery,
): Promise<SiteWithPopulation[]> {
  const status = query.status ?? (query.all ? undefined : 'open');
  const rows = await selectIdpSites(store.db, actor, {
    pcode: query.pcode,
    status,
    type: query.type,
  });
  const sites = await readThroughPolicy(store, actor, 'idp-site', rows.map(idpSiteRowToIdpSite));
  return withPopulation(store, actor, clock, sites);
}

/** One site with its latest population, or 404 when it does not exist or may not be read. */
export async function getIdpSite(
  store: Store,
  actor: Actor,
  clock: Clock,
  id: string,
): Promise<SiteWithPopulation> {
  const row = await findIdpSite(store.db, id);
  const site = await readOne(store, actor, 'idp-site', row, idpSiteRowToIdpSite, 'IDP site', id);
  const [out] = await withPopulation(store, actor, clock, [site]);
  return out as SiteWithPopulation;
}

/** The codes (or, without one, the ids) of the sites `actor` may read among `ids`. */
export async function siteCodes(
  store: Store,
  actor: Actor,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await inChunks(unique, (chunk) => selectIdpSites(store.db, actor, { ids: chunk }));
  const sites = await readThroughPolicy(store, actor, 'idp-site', rows.map(idpSiteRowToIdpSite));
  return new Map(sites.map((s) => [s.id, s.code ?? s.id]));
}
