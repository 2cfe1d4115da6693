/**
 * The map index without features: rows of `incident_grid` no longer carry a copy of the
 * report's presented feature (level 3 did). A viewport reads its rows newest first across a
 * few cells; with a feature in every level-3 row, a district view read megabytes of features it
 * then filtered out (other types, outside the box, other compartments). Skinny rows keep that
 * scan to a few hundred pages, and a page's features are read once, from the reports by store
 * number. Measured in docs/decisions/0004-incident-map-index.md.
 *
 * The triggers that wrote the feature into the grid are replaced: a change to a report's
 * presented feature alone no longer rewrites its grid rows.
 */
import { sql, type Kysely } from 'kysely';
import {
  code,
  gridRows,
  gridUpdateTrigger,
  indexInsertTrigger,
} from './20261128_0201_incidents_sqlite.js';

const insertGrid = `insert into incident_grid
    (level, cell, t, seq, view, type, access, verification, merged, org, x, y)
  select g.level, g.cell, g.t, g.seq, g.view,
      ${code('type', 'new.type')}, ${code('classification', 'new.classification')},
      ${code('verification', 'new.verification')},
      case when new.merged_into is null then 0 else 1 end,
      case when new.sensitive = 1 then new.created_org end, g.x, g.y
    from (${gridRows('new')}) g;`;

/** What a grid row holds of its report. */
const GRID_COLUMNS =
  'occurred_at, lon, lat, general_lon, general_lat, sensitive, type, classification, verification, merged_into, created_org';

export async function up(db: Kysely<unknown>): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);
  await run('drop trigger incidents_index_insert');
  await run('drop trigger incidents_grid_update');
  await run('alter table incident_grid drop column feature');
  await run(indexInsertTrigger(insertGrid));
  await run(gridUpdateTrigger(GRID_COLUMNS, insertGrid));
}

export async function down(): Promise<void> {
  throw new Error('The map index is not given its features back; restore a backup instead');
}
