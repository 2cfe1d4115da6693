/**
 * HXL import, all or nothing. The file is read as it streams (encoding, hashtag row, then each
 * row checked by type, P-codes against the boundaries); every error is collected with its row
 * and column. Only a file without errors is written, in one transaction, and records already
 * there by their natural key add nothing, so importing the same file twice adds nothing.
 */
import { createHash } from 'node:crypto';
import {
  KonbitError,
  missionDay,
  newId,
  type ClassificationLevel,
  type HxlKind,
  type ImportResult,
} from '@konbit/core';
import { recordChange } from '../../changelog/changelog.service.js';
import type { Writer } from '../../policy/actor.js';
import { can } from '../../policy/policy.js';
import type { Store, Tx } from '../../store/store.js';
import {
  ImportErrors,
  noCounts,
  type DefaultSource,
  type ImportContext,
  type ImportCounts,
  type ImportDeps,
} from '../import.js';
import { bindFields, RowValues, type FieldSpecs } from './fields.js';
import { columnLetter } from './hxl.js';
import { HxlReadError, openHxl, type ByteSource } from './hxl.read.js';
import { accessImporter } from './import.access.js';
import { activityImporter } from './import.activities.js';
import { displacementImporter } from './import.displacement.js';
import { idpSiteImporter } from './import.idp-sites.js';

/** One kind of import: its columns, how a row is read into a plan, and how the plan is written. */
export interface KindImporter<K extends string, P> {
  readonly fields: FieldSpecs<K>;
  newPlan(): P;
  /** File-level checks on the columns found (beyond the required ones). */
  checkColumns?(has: (field: K) => boolean, errors: ImportErrors): void;
  /** Reads one row into the plan; problems go to the row's errors. */
  read(values: RowValues<K>, ctx: ImportContext, plan: P): void;
  /** Writes the plan in the import's transaction, adding what is not there yet. */
  write(
    tx: Tx,
    ctx: ImportContext,
    plan: P,
    errors: ImportErrors,
    counts: ImportCounts,
  ): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each kind has its own plan type
const IMPORTERS: Record<HxlKind, () => KindImporter<string, any>> = {
  displacement: displacementImporter,
  'idp-sites': idpSiteImporter,
  activities: activityImporter,
  access: accessImporter,
};

export interface HxlImportOptions {
  readonly kind: HxlKind;
  readonly classification?: ClassificationLevel | undefined;
  readonly source?: DefaultSource;
  readonly fileName?: string | undefined;
  /** The charset the sender declared (Content-Type), if any. */
  readonly charset?: string | undefined;
  readonly onRead?: (bytes: number, total: number | null) => void;
  readonly onWrite?: (done: number, total: number) => void;
}

/** Refuses an actor who may not import at all, before reading a byte. */
export function assertCanImport(actor: Writer): void {
  if (!can(actor, 'import.hxl')) {
    throw new KonbitError('Forbidden', 'Your role may not import files (import.hxl)');
  }
}

export function importContext(
  actor: Writer,
  deps: ImportDeps,
  options: Pick<HxlImportOptions, 'classification' | 'source' | 'fileName' | 'onWrite'>,
): ImportContext {
  return {
    actor,
    deps,
    classification: options.classification,
    source: options.source ?? {},
    fileName: options.fileName ?? null,
    today: missionDay(deps.clock.now()),
    onWrite: options.onWrite,
  };
}

/** Writes in one transaction and records the import itself in the change log. */
export async function commitImport(
  store: Store,
  ctx: ImportContext,
  what: { kind: ImportResult['kind']; sha256: string; rows: number },
  errors: ImportErrors,
  write: (tx: Tx, counts: ImportCounts) => Promise<void>,
): Promise<ImportCounts> {
  const label = ctx.fileName ?? 'The file';
  return store.transaction(async (tx) => {
    const counts = noCounts();
    await write(tx, counts);
    // Throwing rolls the transaction back: nothing of a file with errors is kept.
    if (errors.count > 0) throw errors.toError(label);
    await recordChange(tx, ctx.actor, {
      entity: 'import',
      entityId: newId(),
      op: 'event',
      classification: ctx.classification ?? 'partners',
      payload: { ...what, file: ctx.fileName, ...counts },
      at: ctx.deps.clock.now(),
    });
    return counts;
  });
}

export function importResult(
  kind: ImportResult['kind'],
  counts: ImportCounts,
  read: { encoding: string; hashtagRow: number | null; rows: number; sha256: string },
): ImportResult {
  return {
    kind,
    encoding: read.encoding,
    hashtagRow: read.hashtagRow,
    rows: read.rows,
    created: {
      figures: counts.figures,
      idpSites: counts.idpSites,
      activities: counts.activities,
      accessConstraints: counts.accessConstraints,
    },
    updated: counts.updated,
    unchanged: counts.unchanged,
    datedAfterToday: counts.datedAfterToday,
    sha256: read.sha256,
  };
}

function hashing(source: ByteSource): { source: ByteSource; digest: () => string } {
  let hash = createHash('sha256');
  return {
    source: {
      ...source,
      async *open() {
        hash = createHash('sha256');
        for await (const chunk of source.open()) {
          hash.update(chunk);
          yield chunk;
        }
      },
    },
    digest: () => hash.digest('hex'),
  };
}

/** An HXL file read and checked: the importer of its kind, what it plans to write, how it read. */
export interface ReadHxl {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each kind has its own plan type
  readonly importer: KindImporter<string, any>;
  readonly plan: unknown;
  readonly encoding: string;
  readonly hashtagRow: number;
  readonly rows: number;
  readonly sha256: string;
}

/**
 * Reads and checks an HXL file of `kind` as it streams, writing nothing; throws 422
 * ImportFailed listing every error (row and column) when there is any.
 */
export async function readHxl(
  ctx: ImportContext,
  kind: HxlKind,
  bytes: ByteSource,
  options: Pick<HxlImportOptions, 'charset' | 'onRead'> = {},
): Promise<ReadHxl> {
  const label = ctx.fileName ?? 'The file';
  const importer = IMPORTERS[kind]();
  const errors = new ImportErrors();
  const { source, digest } = hashing(bytes);
  try {
    const table = await openHxl(source, {
      ...(options.charset ? { charset: options.charset } : {}),
      ...(options.onRead ? { onProgress: options.onRead } : {}),
    });
    for (const bad of table.invalidTags) {
      errors.add({
        row: table.hashtagRow,
        column: columnLetter(bad.index),
        message: `"${bad.text}" is not an HXL hashtag: a hashtag starts with # (such as #adm2+code); fix it or empty the cell`,
      });
    }
    const beforeColumns = errors.count;
    const binding = bindFields(importer.fields, table.columns, errors);
    importer.checkColumns?.((f) => binding.column(f) !== null, errors);
    // Without its columns no row can be read meaningfully: answer with the columns alone.
    if (errors.count > beforeColumns) throw errors.toError(label);
    const plan = importer.newPlan();
    let rows = 0;
    for await (const row of table.rows()) {
      rows += 1;
      importer.read(new RowValues(row.row, row.cells, binding, errors), ctx, plan);
    }
    if (errors.count > 0) throw errors.toError(label);
    return {
      importer,
      plan,
      encoding: table.encoding,
      hashtagRow: table.hashtagRow,
      rows,
      sha256: digest(),
    };
  } catch (err) {
    if (err instanceof HxlReadError) {
      errors.add({ ...(err.row !== undefined ? { row: err.row } : {}), message: err.message });
      throw errors.toError(label);
    }
    throw err;
  }
}

/** Imports an HXL CSV file of `options.kind`; 422 ImportFailed listing every error otherwise. */
export async function importHxl(
  store: Store,
  actor: Writer,
  deps: ImportDeps,
  bytes: ByteSource,
  options: HxlImportOptions,
): Promise<ImportResult> {
  assertCanImport(actor);
  const ctx = importContext(actor, deps, options);
  const read = await readHxl(ctx, options.kind, bytes, options);
  const errors = new ImportErrors();
  const counts = await commitImport(
    store,
    ctx,
    { kind: options.kind, sha256: read.sha256, rows: read.rows },
    errors,
    (tx, c) => read.importer.write(tx, ctx, read.plan, errors, c),
  );
  return importResult(options.kind, counts, read);
}
