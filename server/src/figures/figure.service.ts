/** Use cases for figures. */
import {
  defaultUnit,
  KonbitError,
  latestPerMetricAndPlace,
  missionDay,
  newId,
  type CreateFigureRequest,
  type FigureId,
  type FigureQuery,
} from '@konbit/core';
import type { Areas } from '../areas/areas.js';
import { recordChange } from '../changelog/changelog.service.js';
import type { Clock } from '../clock/clock.js';
import { actorOrg, actorRef, type Actor, type Writer } from '../policy/actor.js';
import { assertCanWrite, readThroughPolicy } from '../policy/enforce.js';
import type { Store, Tx } from '../store/store.js';
import { figureRowToFigure, figureToRow, type Figure } from './figure.js';
import { findFigure, insertFigure, selectFigures } from './figure.repository.js';

/** Published figures are `public` unless the writer says otherwise. */
export const DEFAULT_FIGURE_CLASSIFICATION = 'public';

export interface FigureDeps {
  readonly areas: Areas;
  readonly clock: Clock;
}

/** Records a figure. Its `createdAt` is on the server's clock, so a scenario stays in its time. */
export async function createFigure(
  tx: Tx,
  actor: Writer,
  { areas, clock }: FigureDeps,
  input: CreateFigureRequest,
): Promise<Figure> {
  const tag = {
    classification: input.classification ?? DEFAULT_FIGURE_CLASSIFICATION,
    restrictedTo: input.restrictedTo ?? [],
  };
  assertCanWrite(actor, 'figure.create', tag);
  if (!areas.has(input.pcode)) {
    throw new KonbitError(
      'UnknownPcode',
      `${input.pcode} is not a P-code in Haiti's boundaries`,
      'pcode',
    );
  }
  const id = input.id ?? newId<FigureId>();
  if (await findFigure(tx, id)) {
    throw new KonbitError('AlreadyExists', `A figure with id ${id} already exists`, 'id');
  }
  const figure: Figure = {
    id: id as FigureId,
    metric: input.metric,
    value: input.value,
    unit: input.unit ?? defaultUnit(input.metric),
    qualifier: input.qualifier ?? 'exact',
    pcode: input.pcode,
    asOf: input.asOf,
    source: {
      organisation: input.source.organisation,
      title: input.source.title,
      url: input.source.url ?? null,
      published: input.source.published ?? null,
      method: input.source.method ?? null,
    },
    confidence: input.confidence ?? null,
    context: input.context ?? null,
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

/**
 * Figures `actor` may read. With `latest`, only the latest per metric and place as of the
 * server's "now" (figures dated later are kept but not yet latest).
 */
export async function listFigures(
  store: Store,
  actor: Actor,
  clock: Clock,
  query: FigureQuery,
): Promise<{ figures: Figure[]; today: string }> {
  const today = missionDay(clock.now());
  const rows = await selectFigures(store.db, actor, query);
  let figures = rows.map(figureRowToFigure);
  if (query.latest) figures = latestPerMetricAndPlace(figures, today);
  return { figures: await readThroughPolicy(store, actor, 'figure', figures), today };
}

/** One figure, or 404 when it does not exist or `actor` may not read it (the same answer). */
export async function getFigure(store: Store, actor: Actor, id: string): Promise<Figure> {
  const row = await findFigure(store.db, id);
  const [figure] = row
    ? await readThroughPolicy(store, actor, 'figure', [figureRowToFigure(row)])
    : [];
  if (!figure) throw new KonbitError('NotFound', `No figure ${id} that you may read`, 'id');
  return figure;
}
