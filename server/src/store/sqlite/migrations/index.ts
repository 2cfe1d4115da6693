/**
 * Migrations only the SQLite store runs (R*Tree, FTS5, triggers, maintained counts), merged by
 * name with the shared ones in ../../migrations so each runs right after the tables it serves.
 * A PostgreSQL store keeps its own list beside its own code.
 */
import type { Migration } from 'kysely';
import * as incidentsSqlite from './20261128_0201_incidents_sqlite.js';
import * as incidentGridSkinny from './20261129_0400_incident_grid_skinny.js';

export const sqliteMigrations: Record<string, Migration> = {
  '20261128_0201_incidents_sqlite': incidentsSqlite,
  '20261129_0400_incident_grid_skinny': incidentGridSkinny,
};
