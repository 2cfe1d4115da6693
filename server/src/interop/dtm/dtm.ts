/**
 * Importing IOM DTM data as its API returns it (`{ "result": [ … ] }`, one record per area,
 * round, displacement reason and origin). Records are checked field by field (the "row" of an
 * error is the record's place in the list, its "column" the field), summed into one figure per
 * operation, round, admin level, P-code and reporting date, and written all or nothing.
 */
import { createHash } from 'node:crypto';
import {
  canonicalJson,
  dtmPcode,
  isLocalDate,
  sumDtmRecords,
  type ClassificationLevel,
  type DtmAdminLevel,
  type DtmRecord,
  type ImportResult,
} from '@konbit/core';
import type { Areas } from '../../areas/areas.js';
import type { Writer } from '../../policy/actor.js';
import type { Store } from '../../store/store.js';
import {
  assertCanImport,
  commitImport,
  importContext,
  importResult,
} from '../hxl/import.service.js';
import { ImportErrors, plannedDtmFigures, writeFigures, type ImportDeps } from '../import.js';

type Json = Record<string, unknown>;

/** Reads one API record; its problems go to `errors` under its position in the list. */
function readRecord(r: Json, row: number, areas: Areas, errors: ImportErrors): DtmRecord | null {
  let failed = false;
  const fail = (column: string, message: string) => {
    failed = true;
    errors.add({ row, column, message });
    return null;
  };
  const text = (k: string): string | null => {
    const v = r[k];
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
  };
  const count = (k: string, required: boolean): number | null | undefined => {
    const v = r[k];
    if (v === null || v === undefined || v === '') {
      return required ? fail(k, `${k} is missing`) : null;
    }
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
      fail(k, `${k} must be a whole number ≥ 0, got ${JSON.stringify(v)}`);
      return undefined;
    }
    return v;
  };
  const operation = text('operation') ?? fail('operation', 'operation is missing');
  const round = count('roundNumber', true);
  const idps = count('numPresentIdpInd', true);
  const males = count('numberMales', false);
  const females = count('numberFemales', false);
  const dateText = text('reportingDate');
  const reportingDate = dateText?.slice(0, 10) ?? null;
  if (reportingDate === null || !isLocalDate(reportingDate)) {
    fail(
      'reportingDate',
      `reportingDate must be a date such as 2023-03-31, got ${JSON.stringify(r['reportingDate'])}`,
    );
  }
  const country = text('admin0Pcode');
  if (country !== null && dtmPcode(country) !== 'HT') {
    fail('admin0Pcode', `Only Haiti (HTI) is covered; this record is for ${country}`);
  }
  const adm1 = dtmPcode(text('admin1Pcode'));
  const adm2 = dtmPcode(text('admin2Pcode'));
  const level: DtmAdminLevel = adm2 !== null ? 2 : adm1 !== null ? 1 : 0;
  const pcode = level === 2 ? adm2 : level === 1 ? adm1 : 'HT';
  const column = level === 2 ? 'admin2Pcode' : level === 1 ? 'admin1Pcode' : 'admin0Pcode';
  if (pcode === null || areas.get(pcode)?.level !== level) {
    fail(column, `${pcode} is not an admin level ${level} P-code in Haiti's boundaries`);
  } else if (adm1 !== null && adm2 !== null && !adm2.startsWith(adm1)) {
    fail('admin2Pcode', `${adm2} is not in ${adm1}`);
  }
  if (
    operation === null ||
    typeof round !== 'number' ||
    typeof idps !== 'number' ||
    males === undefined ||
    females === undefined ||
    reportingDate === null ||
    failed
  ) {
    return null;
  }
  return {
    operation,
    round,
    adminLevel: level,
    pcode: pcode as string,
    reportingDate,
    idps,
    males,
    females,
    reason: text('displacementReason'),
    originPcode: dtmPcode(text('idpOriginAdmin1Pcode')),
    originName: text('idpOriginAdmin1Name'),
    assessmentType: text('assessmentType'),
    row,
  };
}

/** The records of a DTM API answer (parsed JSON), checked; every problem goes to `errors`. */
export function readDtmJson(parsed: unknown, areas: Areas, errors: ImportErrors): DtmRecord[] {
  const list = Array.isArray(parsed) ? parsed : (parsed as Json | null)?.['result'];
  if (!Array.isArray(list)) {
    errors.add({
      message:
        'Expected the DTM API answer: an object with a "result" list of records, or the list itself',
    });
    return [];
  }
  const out: DtmRecord[] = [];
  list.forEach((r: unknown, i) => {
    if (typeof r !== 'object' || r === null || Array.isArray(r)) {
      errors.add({ row: i + 1, message: 'Each record must be an object' });
      return;
    }
    const record = readRecord(r as Json, i + 1, areas, errors);
    if (record) out.push(record);
  });
  return out;
}

export interface DtmImportOptions {
  readonly classification?: ClassificationLevel | undefined;
  readonly fileName?: string | undefined;
  readonly sourceUrl?: string | undefined;
  readonly onWrite?: (done: number, total: number) => void;
}

/** Imports a DTM API JSON answer; 422 ImportFailed listing every error otherwise. */
export async function importDtmJson(
  store: Store,
  actor: Writer,
  deps: ImportDeps,
  answer: unknown,
  options: DtmImportOptions = {},
): Promise<ImportResult> {
  assertCanImport(actor);
  const ctx = importContext(actor, deps, {
    classification: options.classification,
    fileName: options.fileName,
    source: options.sourceUrl ? { url: options.sourceUrl } : {},
    onWrite: options.onWrite,
  });
  const errors = new ImportErrors();
  const records = readDtmJson(answer, deps.areas, errors);
  const label = ctx.fileName ?? 'The file';
  if (errors.count > 0) throw errors.toError(label);
  // Of the canonical form, so the same data hashes the same however it is spaced.
  const sha256 = createHash('sha256').update(canonicalJson(answer)).digest('hex');
  const planned = plannedDtmFigures(sumDtmRecords(records), ctx, 'numPresentIdpInd');
  const counts = await commitImport(
    store,
    ctx,
    { kind: 'dtm-json', sha256, rows: records.length },
    errors,
    (tx, c) => writeFigures(tx, ctx, planned, errors, c),
  );
  return importResult('dtm-json', counts, {
    encoding: 'utf-8',
    hashtagRow: null,
    rows: records.length,
    sha256,
  });
}
