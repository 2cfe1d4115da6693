/** SQL for incidents in the subset both stores share. Returns rows; decides nothing. */
import { inChunks } from '../store/chunks.js';
import { placeholders, prepared, preparedInsert } from '../store/prepared.js';
import type { Db, Tx } from '../store/store.js';
import type { IncidentSummaryRow } from './incident.js';
import type { IncidentRow, IncidentVerificationTable, NewIncidentRow } from './incident.table.js';

/** The columns lists and maps read, with only the start of the description. */
export const SUMMARY_COLUMNS = [
  'seq',
  'id',
  'type',
  'occurred_at',
  'occurred_precision',
  'reported_at',
  'lon',
  'lat',
  'location_precision',
  'pcode',
  'general_lon',
  'general_lat',
  'sensitive',
  'killed',
  'injured',
  'abducted',
  'source_kind',
  'source_reliability',
  'source_credibility',
  'classification',
  'restricted_to',
  'verification',
  'merged_into',
  'corroborations',
  'created_by',
  'created_org',
] as const;

/** How much of the description a list carries (one more than shown, to know it was cut). */
export const SUMMARY_CHARS = 160;

const INSERT_COLUMNS = [
  'id',
  'type',
  'occurred_at',
  'occurred_precision',
  'occurred_day',
  'occurred_week',
  'reported_at',
  'lon',
  'lat',
  'location_precision',
  'pcode',
  'general_lon',
  'general_lat',
  'sensitive',
  'description',
  'search_text',
  'feature',
  'feature_generalised',
  'killed',
  'injured',
  'abducted',
  'actors',
  'source_kind',
  'source_reliability',
  'source_credibility',
  'source_reference',
  'classification',
  'restricted_to',
  'verification',
  'claimed_by',
  'claimed_by_name',
  'claimed_org_name',
  'claimed_at',
  'merged_into',
  'merged_at',
  'merged_by',
  'corroborations',
  'related_sites',
  'created_by',
  'created_org',
  'created_at',
  'updated_at',
  'version',
] as const satisfies readonly (keyof NewIncidentRow)[];

// Run for every report of a batch: compiled once.
const insertRow = prepared(
  (db, row: NewIncidentRow) => db.insertInto('incidents').values(row),
  () => placeholders<NewIncidentRow>(INSERT_COLUMNS),
);
const selectOwner = prepared((db, p: { id: string }) =>
  db.selectFrom('incidents').select(['seq', 'created_by']).where('id', '=', p.id),
);

/** Inserts a report and returns the number the store gave it. */
export async function insertIncident(tx: Tx, row: NewIncidentRow): Promise<number> {
  // Read back by id rather than with RETURNING, which is slow in a large SQLite transaction.
  await insertRow(tx, row);
  const [result] = await selectOwner(tx, { id: row.id });
  if (!result) throw new Error(`Incident ${row.id} was not stored`);
  return result.seq;
}

// 41 columns: 200 rows stay well under SQLite's 32,766 parameters.
const insertRows = preparedInsert<NewIncidentRow>('incidents', INSERT_COLUMNS, 200);

/** Inserts many reports; returns the store's number for each id. */
export async function insertIncidents(
  tx: Tx,
  rows: readonly NewIncidentRow[],
): Promise<Map<string, number>> {
  await insertRows(tx, rows);
  const found = await inChunks(
    rows.map((r) => r.id),
    (ids) => tx.selectFrom('incidents').select(['id', 'seq']).where('id', 'in', ids).execute(),
  );
  return new Map(found.map((r) => [r.id, r.seq]));
}

export function findIncident(db: Db | Tx, id: string) {
  return db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Whether an id is taken, and by whom. */
export async function findIncidentOwner(
  db: Db | Tx,
  id: string,
): Promise<{ seq: number; created_by: string } | undefined> {
  const [row] = await selectOwner(db, { id });
  return row;
}

/** Who filed each of `ids` that is taken (ids not taken are absent). */
export async function findIncidentOwners(
  db: Db | Tx,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const rows = await inChunks(ids, (chunk) =>
    db.selectFrom('incidents').select(['id', 'created_by']).where('id', 'in', chunk).execute(),
  );
  return new Map(rows.map((r) => [r.id, r.created_by]));
}

/** Full rows by store number, in no particular order. */
export function incidentsBySeq(db: Db | Tx, seqs: readonly number[]) {
  if (seqs.length === 0) return Promise.resolve([]);
  return db.selectFrom('incidents').selectAll().where('seq', 'in', seqs).execute();
}

/** Updates the given columns of one incident. */
export async function updateIncident(
  tx: Tx,
  id: string,
  changes: Partial<Omit<IncidentRow, 'seq' | 'id'>>,
): Promise<void> {
  await tx.updateTable('incidents').set(changes).where('id', '=', id).execute();
}

/** Reports merged into `survivorId`, as summaries. */
export function duplicatesOf(db: Db | Tx, survivorId: string): Promise<IncidentSummaryRow[]> {
  return db
    .selectFrom('incidents')
    .select([...SUMMARY_COLUMNS, 'description'])
    .where('merged_into', '=', survivorId)
    .orderBy('occurred_at', 'desc')
    .execute();
}

/** Full rows of the reports merged into `survivorId`. */
export function duplicateRowsOf(tx: Tx, survivorId: string) {
  return tx.selectFrom('incidents').selectAll().where('merged_into', '=', survivorId).execute();
}

export async function insertVerification(tx: Tx, row: IncidentVerificationTable): Promise<void> {
  await tx.insertInto('incident_verifications').values(row).execute();
}

export function verificationsOf(db: Db | Tx, incidentId: string) {
  return db
    .selectFrom('incident_verifications')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('version')
    .execute();
}

export async function organisationName(db: Db | Tx, orgId: string | null): Promise<string | null> {
  if (orgId === null) return null;
  const row = await db
    .selectFrom('organisations')
    .select('name')
    .where('id', '=', orgId)
    .executeTakeFirst();
  return row?.name ?? null;
}
