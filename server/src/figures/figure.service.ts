/** Use cases for figures. */
import {
  conflictsAmong,
  DEFAULT_CONFLICT_RULE,
  defaultUnit,
  KonbitError,
  latestPerMetricAndPlace,
  latestWithConflicts,
  missionDay,
  newId,
  type ConflictRule,
  type CreateFigureRequest,
  type FigureId,
  type FigureQuery,
  type HazardEventId,
  type IdpSiteId,
} from '@konbit/core';
import type { Areas } from '../areas/areas.js';
import { recordChange } from '../changelog/changelog.service.js';
import type { Clock } from '../clock/clock.js';
import type { Config } from '../config/config.js';
import { findHazardEvent } from '../humanitarian/hazards/hazard.repository.js';
import { findIdpSite } from '../humanitarian/idp-sites/idp-site.repository.js';
import { actorOrg, actorRef, type Actor, type Writer } from '../policy/actor.js';
import { assertCanWrite, notFound, readableOne, readThroughPolicy } from '../policy/enforce.js';
import { tagOfRow, type TaggedRow } from '../humanitarian/record.js';
import type { Store, Tx } from '../store/store.js';
import { figureRowToFigure, figureToRow, type DtmOrigin, type Figure } from './figure.js';
import {
  findFigure,
  insertFigure,
  type FigureFilter,
  selectFigures,
  selectFiguresOfPlace,
  selectSiteFigures,
} from './figure.repository.js';

/** Published figures are `public` unless the writer says otherwise. */
export const DEFAULT_FIGURE_CLASSIFICATION = 'public';

export interface FigureDeps {
  readonly areas: Areas;
  readonly clock: Clock;
}

/** What only an import sets on a figure. */
export interface ImportedFigureFields {
  readonly naturalKey?: string;
  readonly dtm?: DtmOrigin;
}

/** The conflict rule with the window the configuration sets. */
export function conflictRuleOf(config: Pick<Config, 'figures'>): ConflictRule {
  return { ...DEFAULT_CONFLICT_RULE, windowDays: config.figures.conflictWindowDays };
}

/** A linked record must exist and be readable by the writer; otherwise it is not found. */
function assertLinkable(
  actor: Writer,
  row: TaggedRow | undefined,
  what: string,
  field: string,
  id: string,
): void {
  readableOne(actor, row, tagOfRow, what, id, field);
}

/** The P-code a figure is placed at: given, or an IDP site's commune (and then they must agree). */
async function placeOf(
  tx: Tx,
  actor: Writer,
  areas: Areas,
  input: CreateFigureRequest,
): Promise<string> {
  let pcode = input.pcode;
  if (input.idpSiteId !== undefined) {
    const site = await findIdpSite(tx, input.idpSiteId);
    assertLinkable(actor, site, 'IDP site', 'idpSiteId', input.idpSiteId);
    if (site && pcode !== undefined && pcode !== site.pcode) {
      throw new KonbitError(
        'PcodeMismatch',
        `The IDP site lies in ${site.pcode}, not ${pcode}; leave pcode out for a site's figure`,
        'pcode',
      );
    }
    pcode = site?.pcode;
  }
  if (input.hazardEventId !== undefined) {
    const hazard = await findHazardEvent(tx, input.hazardEventId);
    assertLinkable(actor, hazard, 'hazard event', 'hazardEventId', input.hazardEventId);
  }
  if (pcode === undefined || !areas.has(pcode)) {
    throw new KonbitError(
      'UnknownPcode',
      `${pcode} is not a P-code in Haiti's boundaries`,
      'pcode',
    );
  }
  return pcode;
}

/** Records a figure. Its `createdAt` is on the server's clock, so a scenario stays in its time. */
export async function createFigure(
  tx: Tx,
  actor: Writer,
  { areas, clock }: FigureDeps,
  input: CreateFigureRequest,
  imported: ImportedFigureFields = {},
): Promise<Figure> {
  const tag = {
    classification: input.classification ?? DEFAULT_FIGURE_CLASSIFICATION,
    restrictedTo: input.restrictedTo ?? [],
  };
  assertCanWrite(actor, 'figure.create', tag);
  const pcode = await placeOf(tx, actor, areas, input);
  // Only an id the client made can be taken already; one made here is new.
  if (input.id !== undefined && (await findFigure(tx, input.id))) {
    throw new KonbitError('AlreadyExists', `A figure with id ${input.id} already exists`, 'id');
  }
  const id = input.id ?? newId<FigureId>();
  const figure: Figure = {
    id: id as FigureId,
    metric: input.metric,
    value: input.value,
    unit: input.unit ?? defaultUnit(input.metric),
    qualifier: input.qualifier ?? 'exact',
    pcode,
    idpSiteId: (input.idpSiteId ?? null) as IdpSiteId | null,
    hazardEventId: (input.hazardEventId ?? null) as HazardEventId | null,
    asOf: input.asOf,
    periodStart: input.periodStart ?? null,
    source: {
      organisation: input.source.organisation,
      title: input.source.title,
      url: input.source.url ?? null,
      published: input.source.published ?? null,
      method: input.source.method ?? null,
    },
    confidence: input.confidence ?? null,
    context: input.context ?? null,
    breakdown: input.breakdown ?? [],
    dtm: imported.dtm ?? null,
    naturalKey: imported.naturalKey ?? null,
    classification: tag.classification,
    restrictedTo: tag.restrictedTo,
    createdBy: actorRef(actor),
    createdOrg: actorOrg(actor),
    createdAt: clock.now().toISOString(),
  };
  await insertFigure(tx, figureToRow(figure));
  await recordChange(tx, actor, {
    entity: 'figure',
    entityId: figure.id,
    op: 'create',
    classification: figure.classification,
    restrictedTo: figure.restrictedTo,
    payload: figure,
    at: new Date(figure.createdAt),
  });
  return figure;
}

/** A figure as read, with the ids of the readable figures it conflicts with. */
export interface ReadFigure {
  readonly figure: Figure;
  readonly conflictsWith: readonly string[];
}

export interface FigureReadDeps {
  readonly clock: Clock;
  readonly config: Pick<Config, 'figures'>;
}

/**
 * Figures `actor` may read, newest first, each with the figures it conflicts with. With
 * `latest`, only the latest per metric and place as of the server's "now" (figures dated later
 * are kept but not yet latest), and beside each every figure that conflicts with it.
 */
export async function listFigures(
  store: Store,
  actor: Actor,
  { clock, config }: FigureReadDeps,
  query: FigureQuery & Pick<FigureFilter, 'metrics' | 'within'>,
): Promise<{ figures: ReadFigure[]; today: string }> {
  const today = missionDay(clock.now());
  const rule = conflictRuleOf(config);
  const rows = await selectFigures(store.db, actor, {
    ...query,
    limit: query.latest ? 500_000 : 10_000,
  });
  const all = rows.map(figureRowToFigure);
  let picked: Figure[];
  let conflicts: Map<string, string[]>;
  if (query.latest) {
    ({ figures: picked, conflicts } = latestWithConflicts(all, today, rule));
  } else {
    picked = all;
    conflicts = conflictsAmong(all, rule);
  }
  const figures = await readThroughPolicy(store, actor, 'figure', picked);
  return {
    figures: figures.map((figure) => ({
      figure,
      conflictsWith: conflicts.get(figure.id) ?? [],
    })),
    today,
  };
}

/** One figure, or 404 when it does not exist or `actor` may not read it (the same answer). */
export async function getFigure(
  store: Store,
  actor: Actor,
  { config }: Pick<FigureReadDeps, 'config'>,
  id: string,
): Promise<ReadFigure> {
  const row = await findFigure(store.db, id);
  const [figure] = row
    ? await readThroughPolicy(store, actor, 'figure', [figureRowToFigure(row)])
    : [];
  if (!figure) throw notFound('figure', id);
  const place = (await selectFiguresOfPlace(store.db, actor, figure)).map(figureRowToFigure);
  const conflicts = conflictsAmong(
    [figure, ...place.filter((f) => f.id !== figure.id)],
    conflictRuleOf(config),
  );
  return { figure, conflictsWith: conflicts.get(figure.id) ?? [] };
}

/**
 * The latest `idps` and `idp-households` figure of each site that `actor` may read, as of the
 * server's today, keyed `<siteId>|<metric>`.
 */
export async function latestSiteFigures(
  store: Store,
  actor: Actor,
  clock: Clock,
  siteIds: readonly string[],
): Promise<Map<string, Figure>> {
  if (siteIds.length === 0) return new Map();
  const rows = await selectSiteFigures(store.db, actor, siteIds, ['idps', 'idp-households']);
  const latest = latestPerMetricAndPlace(rows.map(figureRowToFigure), missionDay(clock.now()));
  const readable = await readThroughPolicy(store, actor, 'figure', latest);
  return new Map(readable.map((f) => [`${f.idpSiteId}|${f.metric}`, f]));
}
