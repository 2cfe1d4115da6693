/**
 * Incidents and their verification history, in the SQL both stores share. The map index, the
 * text index and the maintained counts are store-specific: SQLite's are in
 * store/sqlite/migrations/20261128_0201_incidents_sqlite.ts.
 *
 * `seq integer primary key` is SQLite's rowid, assigned on insert; a PostgreSQL store gives
 * the column a sequence default in its own migration.
 * Never edit after it has landed; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('incidents')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('occurred_precision', 'text', (c) => c.notNull())
    .addColumn('occurred_day', 'text', (c) => c.notNull())
    .addColumn('occurred_week', 'text', (c) => c.notNull())
    .addColumn('reported_at', 'text', (c) => c.notNull())
    .addColumn('lon', 'double precision')
    .addColumn('lat', 'double precision')
    .addColumn('location_precision', 'text', (c) => c.notNull())
    .addColumn('pcode', 'text')
    .addColumn('general_lon', 'double precision')
    .addColumn('general_lat', 'double precision')
    .addColumn('sensitive', 'integer', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('feature', 'text', (c) => c.notNull())
    .addColumn('feature_generalised', 'text')
    .addColumn('killed', 'integer', (c) => c.notNull())
    .addColumn('injured', 'integer', (c) => c.notNull())
    .addColumn('abducted', 'integer', (c) => c.notNull())
    .addColumn('actors', 'text', (c) => c.notNull())
    .addColumn('source_kind', 'text', (c) => c.notNull())
    .addColumn('source_reliability', 'text', (c) => c.notNull())
    .addColumn('source_credibility', 'text', (c) => c.notNull())
    .addColumn('source_reference', 'text')
    .addColumn('classification', 'text', (c) => c.notNull())
    .addColumn('restricted_to', 'text')
    .addColumn('verification', 'text', (c) => c.notNull())
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_by_name', 'text')
    .addColumn('claimed_org_name', 'text')
    .addColumn('claimed_at', 'text')
    .addColumn('merged_into', 'text')
    .addColumn('merged_at', 'text')
    .addColumn('merged_by', 'text')
    .addColumn('corroborations', 'integer', (c) => c.notNull())
    .addColumn('related_sites', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_org', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  // A commune's reports, newest first; and the commune window of duplicate detection.
  await db.schema
    .createIndex('incidents_pcode_time')
    .on('incidents')
    .columns(['pcode', 'occurred_at'])
    .execute();
  // A reporter reads their own reports whatever their classification.
  await db.schema
    .createIndex('incidents_creator_time')
    .on('incidents')
    .columns(['created_by', 'occurred_at'])
    .execute();
  await db.schema
    .createIndex('incidents_merged_into')
    .on('incidents')
    .column('merged_into')
    .where(sql<boolean>`merged_into is not null`)
    .execute();
  // Reports known only to the day or week, or to the commune or not at all: few, and matched
  // as duplicates by week and commune rather than by the exact windows. Holds every column
  // that matching reads, so candidates are found without reading the reports.
  await db.schema
    .createIndex('incidents_coarse')
    .on('incidents')
    .columns([
      'type',
      'occurred_week',
      'occurred_precision',
      'occurred_day',
      'occurred_at',
      'location_precision',
      'pcode',
      'lon',
      'lat',
      'merged_into',
    ])
    .where(
      sql<boolean>`occurred_precision <> 'exact' or location_precision in ('commune', 'unknown')`,
    )
    .execute();

  await db.schema
    .createTable('incident_verifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('from_state', 'text', (c) => c.notNull())
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('org', 'text')
    .addColumn('org_name', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('incident_verifications_incident')
    .on('incident_verifications')
    .columns(['incident_id', 'version'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('incident_verifications').execute();
  await db.schema.dropTable('incidents').execute();
}
