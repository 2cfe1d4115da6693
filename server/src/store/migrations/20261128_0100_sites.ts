/**
 * Critical sites, their posture history and released statements; units and assignments; force
 * generation (contributions, pledge lines and their history, mandate milestones); alerts.
 * Shared SQL only: text ids and times, `double precision` positions, JSON as text.
 * Never edit after it has landed; add a new migration instead.
 */
import type { Kysely } from 'kysely';

type Builder = ReturnType<Kysely<unknown>['schema']['createTable']>;

/** The access columns every classified record carries. */
function withAccess(table: Builder): Builder {
  return table
    .addColumn('classification', 'text', (c) => c.notNull())
    .addColumn('restricted_to', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_org', 'text');
}

function withSource(table: Builder, prefix = 'source'): Builder {
  return table
    .addColumn(`${prefix}_organisation`, 'text', (c) => c.notNull())
    .addColumn(`${prefix}_title`, 'text', (c) => c.notNull())
    .addColumn(`${prefix}_url`, 'text')
    .addColumn(`${prefix}_published`, 'text');
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await withAccess(
    db.schema
      .createTable('sites')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_fr', 'text')
      .addColumn('name_ht', 'text')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('criticality', 'integer', (c) => c.notNull())
      .addColumn('lon', 'double precision', (c) => c.notNull())
      .addColumn('lat', 'double precision', (c) => c.notNull())
      .addColumn('precision', 'text', (c) => c.notNull())
      .addColumn('position_note', 'text')
      .addColumn('footprint', 'text')
      .addColumn('pcode', 'text', (c) => c.notNull())
      .addColumn('police_required', 'integer')
      .addColumn('police_required_source', 'text')
      .addColumn('force_required', 'integer', (c) => c.notNull())
      .addColumn('notes', 'text'),
  )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sites_position').on('sites').columns(['lat', 'lon']).execute();

  await withAccess(
    withSource(
      db.schema
        .createTable('site_status_changes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('previous', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('holder_organisation', 'text')
        .addColumn('holder_unit_id', 'text'),
    ).addColumn('note', 'text'),
  )
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('site_status_changes_site')
    .on('site_status_changes')
    .columns(['site_id', 'at'])
    .execute();

  await withAccess(
    db.schema
      .createTable('site_releases')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      .addColumn('status_change_id', 'text')
      .addColumn('statement', 'text', (c) => c.notNull()),
  )
    .addColumn('released_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('site_releases_site')
    .on('site_releases')
    .columns(['site_id', 'released_at'])
    .execute();

  await withAccess(
    withSource(
      db.schema
        .createTable('force_contributions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('country', 'text', (c) => c.notNull())
        .addColumn('country_name', 'text', (c) => c.notNull())
        .addColumn('conditions', 'text')
        .addColumn('notes', 'text'),
    )
      .addColumn('lead_since', 'text')
      .addColumn('lead_source', 'text')
      .addColumn('lead_note', 'text')
      .addColumn('withdrawn_on', 'text'),
  )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('force_pledge_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contribution_id', 'text', (c) => c.notNull().references('force_contributions.id'))
    .addColumn('capability', 'text', (c) => c.notNull())
    .addColumn('personnel', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_date', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('force_pledge_lines_contribution')
    .on('force_pledge_lines')
    .column('contribution_id')
    .execute();

  await db.schema
    .createTable('force_pledge_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('line_id', 'text', (c) => c.notNull().references('force_pledge_lines.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('force_pledge_history_line')
    .on('force_pledge_history')
    .columns(['line_id', 'date'])
    .execute();

  await withAccess(
    withSource(
      db.schema
        .createTable('mandate_milestones')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('country', 'text')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('date', 'text')
        .addColumn('reference', 'text'),
    ).addColumn('note', 'text'),
  )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withAccess(
    db.schema
      .createTable('units')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('organisation', 'text', (c) => c.notNull())
      .addColumn('country', 'text')
      .addColumn('service', 'text', (c) => c.notNull())
      .addColumn('strength', 'integer', (c) => c.notNull())
      .addColumn('capabilities', 'text', (c) => c.notNull())
      .addColumn('contribution_id', 'text')
      .addColumn('notes', 'text'),
  )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withAccess(
    db.schema
      .createTable('assignments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      .addColumn('personnel', 'integer', (c) => c.notNull())
      .addColumn('starts_at', 'text', (c) => c.notNull())
      .addColumn('ends_at', 'text')
      .addColumn('shift', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('note', 'text'),
  )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('assignments_unit').on('assignments').column('unit_id').execute();
  await db.schema.createIndex('assignments_site').on('assignments').column('site_id').execute();

  await withAccess(
    db.schema
      .createTable('alerts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('severity', 'text', (c) => c.notNull())
      .addColumn('site_id', 'text')
      .addColumn('site_name', 'text')
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('subject_entity', 'text', (c) => c.notNull())
      .addColumn('subject_id', 'text', (c) => c.notNull())
      .addColumn('raised_at', 'text', (c) => c.notNull())
      .addColumn('acknowledged_at', 'text')
      .addColumn('acknowledged_by', 'text')
      .addColumn('acknowledged_note', 'text'),
  ).execute();
  await db.schema.createIndex('alerts_raised').on('alerts').column('raised_at').execute();
  await db.schema
    .createIndex('alerts_subject')
    .on('alerts')
    .columns(['subject_entity', 'subject_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'alerts',
    'assignments',
    'units',
    'mandate_milestones',
    'force_pledge_history',
    'force_pledge_lines',
    'force_contributions',
    'site_releases',
    'site_status_changes',
    'sites',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
