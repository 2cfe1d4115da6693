/** SQL for incidents in the subset both stores share. Returns rows; decides nothing. */
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

export async function insertIncident(tx: Tx, row: NewIncidentRow): Promise<number> {
  const result = await tx.insertInto('incidents').values(row).returning('seq').executeTakeFirst();
  return Number(result?.seq);
}

export function findIncident(db: Db | Tx, id: string) {
  return db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Whether an id is taken, and by whom. */
export function findIncidentOwner(db: Db | Tx, id: string) {
  return db
    .selectFrom('incidents')
    .select(['seq', 'created_by'])
    .where('id', '=', id)
    .executeTakeFirst();
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

/** Points every report merged into `fromId` at `toId`; returns their ids. */
export async function repointDuplicates(tx: Tx, fromId: string, toId: string): Promise<string[]> {
  const rows = await tx
    .selectFrom('incidents')
    .select('id')
    .where('merged_into', '=', fromId)
    .execute();
  if (rows.length > 0) {
    await tx
      .updateTable('incidents')
      .set({ merged_into: toId })
      .where('merged_into', '=', fromId)
      .execute();
  }
  return rows.map((r) => r.id);
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
