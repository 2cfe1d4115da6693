/** Use cases for hazard events. */
import {
  HAZARDS_WITH_MAGNITUDE,
  KonbitError,
  lonLat,
  missionDayBounds,
  newId,
  type CreateHazardEventRequest,
  type HazardEventId,
  type HazardQuery,
  type HazardType,
  type LocalDate,
  type UpdateHazardEventRequest,
} from '@konbit/core';
import type { Areas } from '../../areas/areas.js';
import type { Clock } from '../../clock/clock.js';
import { listFigures, type FigureReadDeps, type ReadFigure } from '../../figures/figure.service.js';
import type { Actor, Writer } from '../../policy/actor.js';
import { readThroughPolicy, writableOne } from '../../policy/enforce.js';
import type { Store, Tx } from '../../store/store.js';
import { assertNewId, newRecordMeta, readOne, recordWrite } from '../record.js';
import {
  DEFAULT_HAZARD_CLASSIFICATION,
  hazardEventToRow,
  hazardRowToHazardEvent,
  sourceRecord,
  type HazardEvent,
} from './hazard.js';
import {
  findHazardEvent,
  insertHazardEvent,
  selectHazardEvents,
  updateHazardEventRow,
} from './hazard.repository.js';

export interface HazardDeps {
  readonly areas: Areas;
  readonly clock: Clock;
}

/** Checks what a hazard of `type` may carry, and where its epicentre lies. */
function checkHazard(
  areas: Areas,
  h: {
    type: HazardType;
    epicentre: { lon: number; lat: number } | null;
    magnitude: number | null;
    affectedPcodes: readonly string[];
  },
) {
  h.affectedPcodes.forEach((pcode, i) => {
    if (!areas.has(pcode)) {
      throw new KonbitError(
        'UnknownPcode',
        `${pcode} is not a P-code in Haiti's boundaries`,
        `affectedPcodes.${i}`,
      );
    }
  });
  if (h.epicentre !== null && h.type !== 'earthquake') {
    throw new KonbitError(
      'ValidationFailed',
      `Only an earthquake has an epicentre; name the areas the ${h.type} affects in affectedPcodes`,
      'epicentre',
    );
  }
  if (h.magnitude !== null && !HAZARDS_WITH_MAGNITUDE.includes(h.type)) {
    throw new KonbitError(
      'ValidationFailed',
      `A ${h.type} has no magnitude; only an earthquake (magnitude) or a hurricane (category) has one`,
      'magnitude',
    );
  }
  if (h.epicentre === null && h.affectedPcodes.length === 0) {
    throw new KonbitError(
      'ValidationFailed',
      'Name the areas affected (affectedPcodes), or give an earthquake its epicentre',
      'affectedPcodes',
    );
  }
  if (h.epicentre === null) return { epicentre: null, epicentrePcode: null };
  const epicentre = lonLat(h.epicentre.lon, h.epicentre.lat);
  // An epicentre offshore lies in no commune: that is fine, the affected areas say where.
  return { epicentre, epicentrePcode: areas.locate(epicentre)?.commune.pcode ?? null };
}

/** Records a hazard event with its sources (public unless the writer says otherwise). */
export async function createHazardEvent(
  tx: Tx,
  actor: Writer,
  { areas, clock }: HazardDeps,
  input: CreateHazardEventRequest,
): Promise<HazardEvent> {
  const now = clock.now();
  const meta = newRecordMeta(
    actor,
    'humanitarian.manage',
    input,
    DEFAULT_HAZARD_CLASSIFICATION,
    now,
  );
  const affectedPcodes = [...new Set(input.affectedPcodes ?? [])];
  const place = checkHazard(areas, {
    type: input.type,
    epicentre: input.epicentre ?? null,
    magnitude: input.magnitude ?? null,
    affectedPcodes,
  });
  const id = (input.id ?? newId()) as HazardEventId;
  assertNewId(await findHazardEvent(tx, id), 'A hazard event', id);
  const hazard: HazardEvent = {
    id,
    type: input.type,
    name: input.name,
    startedAt: input.startedAt,
    // An earthquake is over when it has happened; other hazards last until someone says so.
    endedAt: input.endedAt ?? (input.type === 'earthquake' ? input.startedAt : null),
    ...place,
    depthKm: input.depthKm ?? null,
    magnitude: input.magnitude ?? null,
    magnitudeScale: input.magnitudeScale ?? null,
    affectedPcodes,
    description: input.description ?? null,
    sources: input.sources.map(sourceRecord),
    ...meta,
  };
  await insertHazardEvent(tx, hazardEventToRow(hazard));
  await recordWrite(tx, actor, 'hazard-event', 'create', hazard, now);
  return hazard;
}

/** Changes a hazard event: end it, add affected areas or sources, correct its magnitude. */
export async function updateHazardEvent(
  tx: Tx,
  actor: Writer,
  { areas, clock }: HazardDeps,
  id: string,
  input: UpdateHazardEventRequest,
): Promise<HazardEvent> {
  const row = await findHazardEvent(tx, id);
  const current = writableOne(
    actor,
    'humanitarian.manage',
    row,
    hazardRowToHazardEvent,
    'hazard event',
    id,
  );
  const now = clock.now();
  const pick = <T>(next: T | undefined, was: T): T => (next === undefined ? was : next);
  const affectedPcodes = [...new Set(input.affectedPcodes ?? current.affectedPcodes)];
  const epicentreInput =
    input.epicentre === undefined
      ? current.epicentre && { lon: current.epicentre[0], lat: current.epicentre[1] }
      : input.epicentre;
  const place = checkHazard(areas, {
    type: current.type,
    epicentre: epicentreInput,
    magnitude: pick(input.magnitude, current.magnitude),
    affectedPcodes,
  });
  const endedAt = pick(input.endedAt, current.endedAt);
  if (endedAt !== null && endedAt < current.startedAt) {
    throw new KonbitError('ValidationFailed', 'endedAt must not be before startedAt', 'endedAt');
  }
  const hazard: HazardEvent = {
    ...current,
    name: input.name ?? current.name,
    endedAt,
    ...place,
    depthKm: pick(input.depthKm, current.depthKm),
    magnitude: pick(input.magnitude, current.magnitude),
    magnitudeScale: pick(input.magnitudeScale, current.magnitudeScale),
    affectedPcodes,
    description: pick(input.description, current.description),
    sources: input.sources ? input.sources.map(sourceRecord) : current.sources,
    updatedAt: now.toISOString(),
  };
  await updateHazardEventRow(tx, hazardEventToRow(hazard));
  await recordWrite(tx, actor, 'hazard-event', 'update', hazard, now);
  return hazard;
}

/** Hazard events `actor` may read: by type, area, and window of Port-au-Prince days. */
export async function listHazardEvents(
  store: Store,
  actor: Actor,
  query: HazardQuery,
): Promise<HazardEvent[]> {
  const rows = await selectHazardEvents(store.db, actor, {
    type: query.type,
    pcode: query.pcode,
    from: query.from && missionDayBounds(query.from as LocalDate).start.toISOString(),
    to: query.to && missionDayBounds(query.to as LocalDate).end.toISOString(),
  });
  return readThroughPolicy(store, actor, 'hazard-event', rows.map(hazardRowToHazardEvent));
}

/** One hazard event with its linked figures (conflicts flagged), or 404. */
export async function getHazardEvent(
  store: Store,
  actor: Actor,
  deps: FigureReadDeps,
  id: string,
): Promise<{ hazard: HazardEvent; figures: ReadFigure[] }> {
  const row = await findHazardEvent(store.db, id);
  const hazard = await readOne(
    store,
    actor,
    'hazard-event',
    row,
    hazardRowToHazardEvent,
    'hazard event',
    id,
  );
  const { figures } = await listFigures(store, actor, deps, { hazardEventId: hazard.id });
  return { hazard, figures };
}
