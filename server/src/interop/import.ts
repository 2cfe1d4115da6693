/**
 * What every import shares: who imports and with what defaults, the counts it answers with, and
 * writing planned figures by their natural key (the same key again adds nothing; a different
 * value under it is an error, since a figure is an observation and does not change).
 */
import {
  KonbitError,
  normaliseLabel,
  type ClassificationLevel,
  type CreateFigureRequest,
  type DtmFigure,
  dtmMethod,
  isUuid,
  type ErrorDetail,
} from '@konbit/core';
import type { Areas } from '../areas/areas.js';
import type { Clock } from '../clock/clock.js';
import type { Config } from '../config/config.js';
import type { DtmOrigin } from '../figures/figure.js';
import { findFigureKeys, findFigureValues } from '../figures/figure.repository.js';
import { createFigure } from '../figures/figure.service.js';
import { findIdpSitesByKey } from '../humanitarian/idp-sites/idp-site.repository.js';
import { tagOfRow, type TaggedRow } from '../humanitarian/record.js';
import type { Writer } from '../policy/actor.js';
import { canRead } from '../policy/policy.js';
import type { Tx } from '../store/store.js';

/** Every error of an import, as many as it has, up to a bound that keeps the answer readable. */
export class ImportErrors {
  /** Details listed in the answer; the message gives the full count beyond it. */
  static readonly LISTED = 5000;
  readonly #details: ErrorDetail[] = [];
  #count = 0;

  add(detail: ErrorDetail): void {
    this.#count += 1;
    if (this.#details.length < ImportErrors.LISTED) this.#details.push(detail);
  }

  get count(): number {
    return this.#count;
  }

  /** The 422 answer: how many errors, that nothing was imported, and every error listed. */
  toError(what: string): KonbitError {
    const n = this.#count;
    const listed =
      n > ImportErrors.LISTED ? ` The first ${ImportErrors.LISTED} are listed in details.` : '';
    const first = this.#details[0];
    const where = first
      ? ` First: ${first.row !== undefined ? `row ${first.row}, ` : ''}${first.column ? `${first.column}: ` : ''}${first.message}`
      : '';
    return new KonbitError(
      'ImportFailed',
      `${what} has ${n} error${n === 1 ? '' : 's'}; nothing was imported.${where}${listed}`,
      undefined,
      [...this.#details],
    );
  }
}

export interface ImportDeps {
  readonly areas: Areas;
  readonly clock: Clock;
  readonly config: Pick<Config, 'figures'>;
}

/** The source a file's numbers come from when its rows do not say. */
export interface DefaultSource {
  readonly organisation?: string | undefined;
  readonly title?: string | undefined;
  readonly url?: string | undefined;
  readonly published?: string | undefined;
}

export interface ImportContext {
  readonly actor: Writer;
  readonly deps: ImportDeps;
  /** The classification asked for; each kind has its own default. */
  readonly classification: ClassificationLevel | undefined;
  readonly source: DefaultSource;
  readonly fileName: string | null;
  /** The server's Port-au-Prince day. */
  readonly today: string;
  /** Called as records are written: (written, to write). */
  readonly onWrite?: ((done: number, total: number) => void) | undefined;
}

export interface ImportCounts {
  figures: number;
  idpSites: number;
  activities: number;
  accessConstraints: number;
  updated: number;
  unchanged: number;
  datedAfterToday: number;
}

export function noCounts(): ImportCounts {
  return {
    figures: 0,
    idpSites: 0,
    activities: 0,
    accessConstraints: 0,
    updated: 0,
    unchanged: 0,
    datedAfterToday: 0,
  };
}

/** A Konbit id from a `#meta+id` cell (an export imported again), when it is one. */
export function konbitId(text: string | null): { id: string } | Record<string, never> {
  return text !== null && isUuid(text) ? { id: text } : {};
}

/**
 * The classification of a record from its row (`#meta+classification`, as exports write it),
 * else the one the import asks for, else `fallback` (or the kind's own default when none).
 */
export function classificationOf(
  v: { classification(field: 'classification'): ClassificationLevel | null },
  ctx: Pick<ImportContext, 'classification'>,
  fallback?: ClassificationLevel,
): { classification: ClassificationLevel } | Record<string, never> {
  const level = v.classification('classification') ?? ctx.classification ?? fallback;
  return level ? { classification: level } : {};
}

/** When the source was published: the row's `#date+published`, else the import's. */
export function publishedOf(
  v: { date(field: 'sourcePublished', what: string): string | null },
  ctx: Pick<ImportContext, 'source'>,
): { published: string } | Record<string, never> {
  const published = v.date('sourcePublished', 'The publication date') ?? ctx.source.published;
  return published ? { published } : {};
}

/** A figure an import will write, unless its key is already there. */
export interface PlannedFigure {
  readonly row: number;
  /** The column its value came from, named in errors about it. */
  readonly column: string;
  readonly naturalKey: string;
  /** `pcode` may be left out for a site's figure: the site's commune is used. */
  readonly input: CreateFigureRequest;
  /** The IDP site it counts, by the site's natural key, and the column naming it. */
  readonly site?: { readonly key: string; readonly column: string; readonly code: string };
  readonly dtm?: DtmOrigin;
}

/** The natural key of a figure that is not from DTM: what, where, when and from whom. */
export function figureNaturalKey(f: {
  metric: string;
  pcode: string | null;
  siteKey: string | null;
  asOf: string;
  organisation: string;
  title: string;
}): string {
  return [
    'fig',
    f.metric,
    f.pcode ?? '',
    f.siteKey ?? '',
    f.asOf,
    normaliseLabel(f.organisation),
    normaliseLabel(f.title),
  ].join('|');
}

/** DTM sums as figures: IOM DTM as the source, the round and assessment as the method. */
export function plannedDtmFigures(
  figures: readonly DtmFigure[],
  ctx: Pick<ImportContext, 'classification' | 'source'>,
  column: string,
): PlannedFigure[] {
  return figures.map((f) => ({
    row: f.rows[0] ?? 0,
    column,
    naturalKey: f.key,
    input: {
      metric: 'idps',
      value: f.idps,
      pcode: f.pcode,
      asOf: f.reportingDate,
      source: {
        organisation: 'IOM DTM',
        title: `IOM DTM, Haiti: ${f.operation}, round ${f.round}`,
        method: dtmMethod(f),
        ...(ctx.source.url ? { url: ctx.source.url } : {}),
      },
      breakdown: [...f.breakdown],
      classification: ctx.classification ?? 'public',
    },
    dtm: {
      operation: f.operation,
      round: f.round,
      adminLevel: f.adminLevel,
      assessmentType: f.assessmentType,
    },
  }));
}

/** A refusal of one record becomes an error of its row; a refusal of the actor stops it all. */
export function rowError(err: unknown, errors: ImportErrors, row: number, column?: string): void {
  if (
    !(err instanceof KonbitError) ||
    err.status === 401 ||
    err.status === 403 ||
    err.status >= 500
  ) {
    throw err;
  }
  errors.add({
    row,
    ...(column ? { column } : err.field ? { column: err.field } : {}),
    message: err.message,
  });
}

/**
 * Writes planned figures inside the import's transaction: resolves IDP sites by their key,
 * skips keys already stored with the same value, reports a different value as an error, and
 * creates the rest. Nothing is written when any check fails.
 */
export async function writeFigures(
  tx: Tx,
  ctx: ImportContext,
  planned: readonly PlannedFigure[],
  errors: ImportErrors,
  counts: ImportCounts,
): Promise<void> {
  const existing = await findFigureKeys(
    tx,
    planned.map((p) => p.naturalKey),
  );
  // A row that names a figure's Konbit id (an export imported again) is that figure.
  const byId = await findFigureValues(
    tx,
    planned.flatMap((p) => (p.input.id ? [p.input.id] : [])),
  );
  const siteKeys = [...new Set(planned.flatMap((p) => (p.site ? [p.site.key] : [])))];
  const sites = new Map(
    (await findIdpSitesByKey(tx, siteKeys))
      .filter((r) => canRead(ctx.actor, tagOfRow(r)))
      .map((r) => [r.natural_key, r]),
  );
  const toCreate: CreateFigureRequest[] = [];
  const toCreateFrom: PlannedFigure[] = [];
  for (const p of planned) {
    const site = p.site ? sites.get(p.site.key) : undefined;
    if (p.site && !site) {
      errors.add({
        row: p.row,
        column: p.site.column,
        message: `No IDP site has code ${p.site.code}; import the sites first (kind=idp-sites)`,
      });
      continue;
    }
    if (site && p.input.pcode !== undefined && p.input.pcode !== site.pcode) {
      errors.add({
        row: p.row,
        column: p.site?.column ?? p.column,
        message: `IDP site ${p.site?.code} lies in ${site.pcode}, not ${p.input.pcode}`,
      });
      continue;
    }
    const storedValue = p.input.id ? byId.get(p.input.id) : undefined;
    const stored =
      storedValue !== undefined && p.input.id
        ? { id: p.input.id, value: storedValue }
        : existing.get(p.naturalKey);
    if (stored) {
      if (stored.value === p.input.value) counts.unchanged += 1;
      else {
        errors.add({
          row: p.row,
          column: p.column,
          message: `This figure was imported before with ${stored.value}, not ${p.input.value} (figure ${stored.id}); a figure does not change: record a correction with its own date or source`,
        });
      }
      continue;
    }
    const { pcode, ...rest } = p.input;
    toCreate.push(site ? { ...rest, idpSiteId: site.id } : { ...rest, pcode });
    toCreateFrom.push(p);
  }
  if (errors.count > 0) return;
  for (const [i, input] of toCreate.entries()) {
    const from = toCreateFrom[i] as PlannedFigure;
    try {
      await createFigure(tx, ctx.actor, ctx.deps, input, {
        naturalKey: from.naturalKey,
        ...(from.dtm ? { dtm: from.dtm } : {}),
      });
    } catch (err) {
      rowError(err, errors, from.row, from.column);
      continue;
    }
    counts.figures += 1;
    if (input.asOf > ctx.today) counts.datedAfterToday += 1;
    ctx.onWrite?.(i + 1, toCreate.length);
  }
}

/** A record an import will add, or change when the file says something new about it. */
export interface PlannedRecord {
  readonly row: number;
  readonly key: string;
  /** The column named when the record clashes with one the importer may not change. */
  readonly column: string;
}

export interface Upsert<P extends PlannedRecord, R extends TaggedRow & { natural_key: string }, C> {
  readonly what: string;
  readonly find: (tx: Tx, keys: readonly string[]) => Promise<R[]>;
  /** What the file changes on the stored record; null when nothing. */
  readonly changes: (planned: P, stored: R) => C | null;
  readonly update: (planned: P, stored: R, changes: C) => Promise<unknown>;
  readonly create: (planned: P) => Promise<unknown>;
  readonly created: (counts: ImportCounts) => void;
}

/**
 * Adds planned records by their natural key: new ones are created, stored ones the file
 * changes are updated, the rest count as unchanged. A stored record the importer may not read
 * is an error of its row (its key is taken).
 */
export async function upsertPlanned<
  P extends PlannedRecord,
  R extends TaggedRow & { natural_key: string },
  C,
>(
  tx: Tx,
  ctx: ImportContext,
  planned: readonly P[],
  errors: ImportErrors,
  counts: ImportCounts,
  how: Upsert<P, R, C>,
): Promise<void> {
  const stored = new Map(
    (
      await how.find(
        tx,
        planned.map((p) => p.key),
      )
    ).map((r) => [r.natural_key, r]),
  );
  for (const [i, p] of planned.entries()) {
    const existing = stored.get(p.key);
    try {
      if (!existing) {
        await how.create(p);
        how.created(counts);
      } else if (!canRead(ctx.actor, tagOfRow(existing))) {
        errors.add({
          row: p.row,
          column: p.column,
          message: `${how.what} with the same key exists and you may not change it; ask its owner`,
        });
      } else {
        const changes = how.changes(p, existing);
        if (changes === null) counts.unchanged += 1;
        else {
          await how.update(p, existing, changes);
          counts.updated += 1;
        }
      }
    } catch (err) {
      rowError(err, errors, p.row);
    }
    ctx.onWrite?.(i + 1, planned.length);
  }
}

/** The fields of `next` that differ from `current` (undefined in `next` means "not given"). */
export function changedFields<T extends object>(
  current: { readonly [K in keyof T]: unknown },
  next: T,
): Partial<T> | null {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(next) as [keyof T, T[keyof T]][]) {
    if (v === undefined) continue;
    if (JSON.stringify(current[k]) !== JSON.stringify(v)) out[k] = v;
  }
  return Object.keys(out).length > 0 ? out : null;
}
