/**
 * What only SQLite has for incidents, kept up to date by triggers so that every write path
 * (create, correction, verification, merge) keeps them right:
 *
 * - `incident_grid`: the map index. Each located report has one row per level: level 0 holds
 *   every point in one cell (a walk back in time), levels 1–4 split the map into square cells of
 *   160,000, 40,000, 10,000 and 2,500 micro-degrees. Rows are keyed (level, cell, time, seq), so
 *   a viewport reads a few cells newest first and SQLite merges them, stopping at the limit;
 *   type, classification, verification and merge state sit in the row so filtering needs no
 *   table lookup. A sensitive report has its exact rows (view 1, for those who may see the
 *   point) and rows at its commune centroid (view 2, for everyone else), so a box query never
 *   reveals a point its reader may not see. Rows of level 3 also carry the report's presented
 *   feature (exact or generalised, as their view), so a page of a viewport reads its features
 *   from a few runs of neighbouring rows rather than one report row at a time. Chosen by measurement over a 3-D R*Tree:
 *   docs/decisions/0004-incident-map-index.md. The sizes are those of GRID_LEVELS in
 *   core/src/rules/cells.ts.
 * - `incident_text`: FTS5 over `incidents.search_text` (already folded by the application).
 * - `incident_counts_day` / `_week`: counts and casualties by day or week, commune, type,
 *   verification and classification, maintained as reports are written, so statistics over a
 *   year read a few thousand rows rather than scanning reports. Reports merged into another are
 *   not counted: the survivor stands for them.
 */
import { sql, type Kysely } from 'kysely';

/** Small codes for the vocabularies the index rows carry. */
const CODES: Record<string, readonly string[]> = {
  type: [
    'armed-clash',
    'attack',
    'abduction-kidnapping',
    'roadblock-checkpoint',
    'looting',
    'arson',
    'sexual-violence',
    'attack-on-site',
    'protest',
    'riot',
    'explosion',
    'hazard-impact',
    'other',
  ],
  classification: ['humanitarian', 'public', 'partners', 'mission', 'restricted'],
  verification: ['unverified', 'verified', 'disputed', 'false'],
};

const LEVELS: readonly [number, number][] = [
  [0, 0],
  [1, 160_000],
  [2, 40_000],
  [3, 10_000],
  [4, 2_500],
];

export const code = (kind: string, value: string) =>
  `(select code from incident_codes where kind = '${kind}' and name = ${value})`;

/** The grid rows of the report `r` (`new` or `old` in a trigger). */
export function gridRows(r: 'new' | 'old'): string {
  const micro = (col: string) => `cast(round(${r}.${col} * 1000000) as integer)`;
  return `select l.level as level,
      case when l.size = 0 then 0
        else ((p.x + 180000000) / l.size) * 1048576 + ((p.y + 90000000) / l.size) end as cell,
      p.t as t, ${r}.seq as seq, p.view as view, p.x as x, p.y as y
    from incident_grid_levels l,
      (select ${micro('lon')} as x, ${micro('lat')} as y,
          cast(round(unixepoch(${r}.occurred_at, 'subsec') * 1000) as integer) as t,
          case when ${r}.sensitive = 1 then 1 else 0 end as view
        where ${r}.lon is not null
       union all
       select ${micro('general_lon')}, ${micro('general_lat')},
          cast(round(unixepoch(${r}.occurred_at, 'subsec') * 1000) as integer), 2
        where ${r}.sensitive = 1 and ${r}.general_lon is not null) p`;
}

/** The level whose rows also carry the presented feature (cells of 10,000 micro-degrees). */
const FEATURE_LEVEL = 3;

const insertGrid = `insert into incident_grid
    (level, cell, t, seq, view, type, access, verification, merged, org, x, y, feature)
  select g.level, g.cell, g.t, g.seq, g.view,
      ${code('type', 'new.type')}, ${code('classification', 'new.classification')},
      ${code('verification', 'new.verification')},
      case when new.merged_into is null then 0 else 1 end,
      case when new.sensitive = 1 then new.created_org end, g.x, g.y,
      case when g.level = ${FEATURE_LEVEL}
        then (case when g.view = 2 then new.feature_generalised else new.feature end) end
    from (${gridRows('new')}) g;`;

const deleteGrid = `delete from incident_grid
  where (level, cell, t, seq, view) in (select level, cell, t, seq, view from (${gridRows('old')}));`;

const GRID_COLUMNS =
  'occurred_at, lon, lat, general_lon, general_lat, sensitive, type, classification, verification, merged_into, created_org, feature, feature_generalised';

function countChange(table: 'day' | 'week', r: 'new' | 'old', sign: 1 | -1): string {
  const bucket = table === 'day' ? `${r}.occurred_day` : `${r}.occurred_week`;
  const op = sign === 1 ? '+' : '-';
  return `insert into incident_counts_${table}
      (bucket, pcode, type, verification, classification, restricted_to, n, killed, injured, abducted)
    select ${bucket}, coalesce(${r}.pcode, ''), ${r}.type, ${r}.verification, ${r}.classification,
      coalesce(${r}.restricted_to, ''), ${sign}, ${sign} * ${r}.killed, ${sign} * ${r}.injured,
      ${sign} * ${r}.abducted
    where ${r}.merged_into is null
    on conflict (bucket, pcode, type, verification, classification, restricted_to) do update set
      n = n ${op} 1, killed = killed ${op} ${r}.killed, injured = injured ${op} ${r}.injured,
      abducted = abducted ${op} ${r}.abducted;`;
}

const COUNT_COLUMNS =
  'occurred_day, occurred_week, pcode, type, verification, classification, restricted_to, killed, injured, abducted, merged_into';

/** The trigger that indexes a new report: its grid rows, its text and its counts. */
export const indexInsertTrigger = (insertGrid: string) =>
  `create trigger incidents_index_insert after insert on incidents begin
      ${insertGrid}
      insert into incident_text (rowid, search_text) values (new.seq, new.search_text);
      ${countChange('day', 'new', 1)}
      ${countChange('week', 'new', 1)}
    end`;

/** The trigger that rewrites a report's grid rows when one of `columns` changes. */
export const gridUpdateTrigger = (columns: string, insertGrid: string) =>
  `create trigger incidents_grid_update after update of ${columns} on incidents
    begin
      ${deleteGrid}
      ${insertGrid}
    end`;

export async function up(db: Kysely<unknown>): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);

  await run(`create table incident_codes (
      kind text not null, name text not null, code integer not null,
      primary key (kind, name)) without rowid`);
  for (const [kind, names] of Object.entries(CODES)) {
    for (const [i, name] of names.entries()) {
      await run(`insert into incident_codes values ('${kind}', '${name}', ${i})`);
    }
  }

  await run(`create table incident_grid_levels (level integer primary key, size integer not null)`);
  for (const [level, size] of LEVELS) {
    await run(`insert into incident_grid_levels values (${level}, ${size})`);
  }

  await run(`create table incident_grid (
      level integer not null, cell integer not null, t integer not null, seq integer not null,
      view integer not null, type integer not null, access integer not null,
      verification integer not null, merged integer not null, org text,
      x integer not null, y integer not null, feature text,
      primary key (level, cell, t, seq, view)) without rowid`);

  await run(`create virtual table incident_text using fts5(
      search_text, content = 'incidents', content_rowid = 'seq',
      tokenize = 'unicode61', detail = 'none')`);

  for (const table of ['day', 'week']) {
    await run(`create table incident_counts_${table} (
        bucket text not null, pcode text not null, type text not null,
        verification text not null, classification text not null, restricted_to text not null,
        n integer not null, killed integer not null, injured integer not null,
        abducted integer not null,
        primary key (bucket, pcode, type, verification, classification, restricted_to)
      ) without rowid`);
  }

  await run(indexInsertTrigger(insertGrid));
  await run(`create trigger incidents_index_delete after delete on incidents begin
      ${deleteGrid}
      insert into incident_text (incident_text, rowid, search_text)
        values ('delete', old.seq, old.search_text);
      ${countChange('day', 'old', -1)}
      ${countChange('week', 'old', -1)}
    end`);
  await run(gridUpdateTrigger(GRID_COLUMNS, insertGrid));
  await run(`create trigger incidents_text_update after update of search_text on incidents
    when old.search_text is not new.search_text begin
      insert into incident_text (incident_text, rowid, search_text)
        values ('delete', old.seq, old.search_text);
      insert into incident_text (rowid, search_text) values (new.seq, new.search_text);
    end`);
  await run(`create trigger incidents_counts_update after update of ${COUNT_COLUMNS} on incidents
    begin
      ${countChange('day', 'old', -1)}
      ${countChange('week', 'old', -1)}
      ${countChange('day', 'new', 1)}
      ${countChange('week', 'new', 1)}
    end`);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const trigger of [
    'incidents_index_insert',
    'incidents_index_delete',
    'incidents_grid_update',
    'incidents_text_update',
    'incidents_counts_update',
  ]) {
    await sql.raw(`drop trigger if exists ${trigger}`).execute(db);
  }
  for (const table of [
    'incident_counts_week',
    'incident_counts_day',
    'incident_text',
    'incident_grid',
    'incident_grid_levels',
    'incident_codes',
  ]) {
    await sql.raw(`drop table if exists ${table}`).execute(db);
  }
}
