/**
 * The humanitarian picture: figures attached to IDP sites and hazard events (with a natural key
 * for imports, a period and a breakdown), IDP sites, hazard events, 3W activities and access
 * constraints. Shared SQL only: text ids and times, JSON as text, double precision for measures.
 * Never edit after it has landed; add a new migration instead.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // SQLite adds one column per statement.
  for (const column of [
    'idp_site_id',
    'hazard_event_id',
    'period_start',
    'natural_key',
    'detail',
  ] as const) {
    await db.schema.alterTable('figures').addColumn(column, 'text').execute();
  }
  await db.schema
    .createIndex('figures_natural_key')
    .on('figures')
    .column('natural_key')
    .unique()
    .execute();
  await db.schema
    .createIndex('figures_idp_site')
    .on('figures')
    .columns(['idp_site_id', 'metric'])
    .execute();
  await db.schema
    .createIndex('figures_hazard_event')
    .on('figures')
    .column('hazard_event_id')
    .execute();

  await db.schema
    .createTable('idp_sites')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('lon', 'double precision')
    .addColumn('lat', 'double precision')
    .addColumn('pcode', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('opened_on', 'text')
    .addColumn('closed_on', 'text')
    .addColumn('natural_key', 'text', (c) => c.notNull().unique())
    .addColumn('classification', 'text', (c) => c.notNull())
    .addColumn('restricted_to', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_org', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('idp_sites_pcode').on('idp_sites').column('pcode').execute();

  await db.schema
    .createTable('hazard_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('epicentre_lon', 'double precision')
    .addColumn('epicentre_lat', 'double precision')
    .addColumn('epicentre_pcode', 'text')
    .addColumn('depth_km', 'double precision')
    .addColumn('magnitude', 'double precision')
    .addColumn('magnitude_scale', 'text')
    .addColumn('affected_pcodes', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('sources', 'text', (c) => c.notNull())
    .addColumn('classification', 'text', (c) => c.notNull())
    .addColumn('restricted_to', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_org', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('hazard_events_started')
    .on('hazard_events')
    .columns(['started_at'])
    .execute();

  await db.schema
    .createTable('activities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('natural_key', 'text', (c) => c.notNull().unique())
    .addColumn('org_name', 'text', (c) => c.notNull())
    .addColumn('org_acronym', 'text')
    .addColumn('org_type', 'text', (c) => c.notNull())
    .addColumn('sector', 'text', (c) => c.notNull())
    .addColumn('activity', 'text', (c) => c.notNull())
    .addColumn('pcode', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('start_on', 'text')
    .addColumn('end_on', 'text')
    .addColumn('reached_total', 'integer')
    .addColumn('reached_women', 'integer')
    .addColumn('reached_men', 'integer')
    .addColumn('reached_girls', 'integer')
    .addColumn('reached_boys', 'integer')
    .addColumn('classification', 'text', (c) => c.notNull())
    .addColumn('restricted_to', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_org', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('activities_sector_place')
    .on('activities')
    .columns(['sector', 'pcode'])
    .execute();
  await db.schema.createIndex('activities_pcode').on('activities').column('pcode').execute();

  await db.schema
    .createTable('access_constraints')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('natural_key', 'text', (c) => c.notNull().unique())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('geometry', 'text')
    .addColumn('pcodes', 'text', (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('start_on', 'text', (c) => c.notNull())
    .addColumn('end_on', 'text')
    .addColumn('source_organisation', 'text', (c) => c.notNull())
    .addColumn('source_title', 'text', (c) => c.notNull())
    .addColumn('source_url', 'text')
    .addColumn('source_published', 'text')
    .addColumn('source_method', 'text')
    .addColumn('classification', 'text', (c) => c.notNull())
    .addColumn('restricted_to', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_org', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('access_constraints_period')
    .on('access_constraints')
    .columns(['start_on', 'end_on'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['access_constraints', 'activities', 'hazard_events', 'idp_sites']) {
    await db.schema.dropTable(table).execute();
  }
  for (const index of ['figures_hazard_event', 'figures_idp_site', 'figures_natural_key']) {
    await db.schema.dropIndex(index).execute();
  }
  for (const column of [
    'detail',
    'natural_key',
    'period_start',
    'hazard_event_id',
    'idp_site_id',
  ]) {
    await db.schema.alterTable('figures').dropColumn(column).execute();
  }
}
