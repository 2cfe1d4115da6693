/**
 * The migrations are written in the SQL both stores share. This runs them on a real
 * PostgreSQL (a fresh database, dropped afterwards) so that claim is checked, not assumed.
 * Under CI=true a missing server is a failure, not a skip.
 */
import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPostgres } from '../test-support/postgres.js';
import { migrateToLatest } from './migrate.js';

const url = await findPostgres();

describe.skipIf(!url)('migrations on PostgreSQL', () => {
  const name = `konbit_test_${randomBytes(4).toString('hex')}`;
  let admin: pg.Client;
  let db: Kysely<unknown>;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: url ?? undefined });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const target = new URL(url as string);
    target.pathname = `/${name}`;
    db = new Kysely({
      dialect: new PostgresDialect({
        pool: new pg.Pool({ connectionString: target.toString(), max: 2 }),
      }),
    });
  });
  afterAll(async () => {
    await db?.destroy();
    await admin?.query(`drop database if exists ${name}`);
    await admin?.end();
  });

  it('applies every migration', async () => {
    const applied = await migrateToLatest(db);
    expect(applied).toContain('20261128_0001_foundation');
    expect(applied).toContain('20261128_0100_sites');
    expect(applied).toContain('20261128_0300_humanitarian');
    expect(applied).toContain('20261128_0200_incidents');
    const tables = await sql<{
      table_name: string;
    }>`select table_name from information_schema.tables where table_schema = 'public'`.execute(db);
    expect(tables.rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining([
        'change_log',
        'change_log_head',
        'figures',
        'users',
        'sessions',
        'api_tokens',
        'idempotency_keys',
        'sites',
        'site_status_changes',
        'site_releases',
        'units',
        'assignments',
        'force_contributions',
        'force_pledge_lines',
        'force_pledge_history',
        'mandate_milestones',
        'alerts',
        'idp_sites',
        'hazard_events',
        'activities',
        'access_constraints',
        'incidents',
        'incident_verifications',
      ]),
    );
  });

  it('starts the change log at seq 0 with the genesis hash, and advances it as SQLite does', async () => {
    const head = await sql<{
      seq: number;
      hash: string;
    }>`update change_log_head set seq = seq + 1 where id = 1 returning seq, hash`.execute(db);
    expect(head.rows[0]).toEqual({ seq: 1, hash: '0'.repeat(64) });
  });

  it('keeps a figure’s value exact in double precision', async () => {
    await sql`insert into figures (id, metric, value, unit, qualifier, pcode, as_of, source_organisation, source_title, classification, created_by, created_at)
      values ('f1', 'people-in-need', 5200000.5, 'people', 'about', 'HT', '2023-06-08', 'IOM', 't', 'public', 'system:test', '2023-06-08T16:00:00Z')`.execute(
      db,
    );
    const row = await sql<{ value: number }>`select value from figures where id = 'f1'`.execute(db);
    expect(Number(row.rows[0]?.value)).toBe(5200000.5);
  });

  it('keeps a site’s position exact in double precision and finds it by box', async () => {
    await sql`insert into sites (id, name, kind, criticality, lon, lat, precision, pcode, force_required, classification, created_by, created_at, updated_at)
      values ('s1', 'Airport', 'airport', 5, -72.2925, 18.58, 'exact', 'HT0118', 50, 'partners', 'system:test', '2023-06-08T16:00:00Z', '2023-06-08T16:00:00Z')`.execute(
      db,
    );
    const row = await sql<{ lon: number; lat: number }>`select lon, lat from sites
      where lat between 18.57 and 18.59 and lon between -72.3 and -72.28`.execute(db);
    expect(row.rows.map((r) => [Number(r.lon), Number(r.lat)])).toEqual([[-72.2925, 18.58]]);
  });
});
