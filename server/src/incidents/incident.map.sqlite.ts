/**
 * Incident queries that read SQLite's own structures (store/sqlite/migrations/
 * 20261128_0201_incidents_sqlite.ts): the map index for viewports, clusters and duplicate
 * windows, FTS5 for text, the maintained counts for statistics. Every query applies the access
 * policy in SQL, so limits and pagination happen in the store; a PostgreSQL store answers the
 * same functions from PostGIS and its own indexes.
 */
import {
  gridPlan,
  type ClassificationLevel,
  type IncidentType,
  type Micro,
  type MicroBox,
  type VerificationState,
} from '@konbit/core';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Actor } from '../policy/actor.js';
import { readableCondition } from '../policy/policy.sql.js';
import { readScope, seesExactLocation, type ReadScope } from '../policy/policy.js';
import type { Db, Tx } from '../store/store.js';
import type { IncidentSummaryRow, ListPosition } from './incident.js';
import { SUMMARY_CHARS, SUMMARY_COLUMNS } from './incident.repository.js';
import type { IncidentRow } from './incident.table.js';

/** Who reads, as the map index needs it: what they may read, and whose exact points they see. */
export interface MapViewer {
  readonly scope: ReadScope;
  /** Sees every sensitive report's point (analysts, admins, the platform itself). */
  readonly exactAll: boolean;
  /** Otherwise sees exactly the sensitive reports of this organisation. */
  readonly org: string | null;
  readonly actor: Actor;
}

export function mapViewerOf(actor: Actor): MapViewer {
  return {
    scope: readScope(actor),
    // No organisation matches this, so only those who see every point pass.
    exactAll: seesExactLocation(actor, { kind: 'sensitive-report', reportingOrg: '\u0000' }),
    org: actor.kind === 'user' ? actor.orgId : null,
    actor,
  };
}

export interface MapFilter {
  readonly box: MicroBox | null;
  readonly pcode: string | null;
  /** Instants, from included, to excluded. */
  readonly from: string;
  readonly to: string;
  readonly types: readonly IncidentType[] | null;
  readonly verification: readonly VerificationState[] | null;
  readonly includeMerged: boolean;
  /** Folded search terms; all must match, the last as a word start. */
  readonly terms: readonly string[] | null;
}

const ms = (iso: string) => new Date(iso).getTime();
const and = (parts: readonly RawBuilder<SqlBool>[]) =>
  parts.length === 0 ? sql<SqlBool>`1` : sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
const codesOf = (kind: string, names: readonly string[]) =>
  sql`(select code from incident_codes where kind = ${kind} and name in (${sql.join(names)}))`;

/** The point a viewer is shown of table row `i`, in micro-degrees. */
function shownMicro(viewer: MapViewer, axis: 'lon' | 'lat'): RawBuilder<number> {
  const general = axis === 'lon' ? sql.ref('i.general_lon') : sql.ref('i.general_lat');
  const exact = sql.ref(`i.${axis}`);
  if (viewer.exactAll) return sql<number>`cast(round(${exact} * 1000000) as integer)`;
  const generalised =
    viewer.org === null
      ? sql<SqlBool>`i.sensitive = 1`
      : sql<SqlBool>`(i.sensitive = 1 and (i.created_org is null or i.created_org <> ${viewer.org}))`;
  return sql<number>`cast(round((case when ${generalised} then ${general} else ${exact} end) * 1000000) as integer)`;
}

/** Conditions on table row `i` shared by the table paths (text, commune, a reporter's own). */
function rowFilters(filter: MapFilter, viewer: MapViewer): RawBuilder<SqlBool>[] {
  const parts: RawBuilder<SqlBool>[] = [];
  if (filter.types) parts.push(sql<SqlBool>`i.type in (${sql.join(filter.types)})`);
  if (filter.verification) {
    parts.push(sql<SqlBool>`i.verification in (${sql.join(filter.verification)})`);
  }
  if (!filter.includeMerged) parts.push(sql<SqlBool>`i.merged_into is null`);
  if (filter.box) {
    const x = shownMicro(viewer, 'lon');
    const y = shownMicro(viewer, 'lat');
    const b = filter.box;
    parts.push(
      sql<SqlBool>`i.lon is not null and ${x} >= ${b.w} and ${x} < ${b.e} and ${y} >= ${b.s} and ${y} < ${b.n}`,
    );
  }
  return parts;
}

function tableWindow(filter: MapFilter, after: ListPosition | null): RawBuilder<SqlBool>[] {
  const parts = [sql<SqlBool>`i.occurred_at >= ${filter.from}`];
  if (after === null) {
    parts.push(sql<SqlBool>`i.occurred_at < ${filter.to}`);
  } else {
    const at = new Date(after.t).toISOString();
    parts.push(sql<SqlBool>`i.occurred_at < ${filter.to} and i.occurred_at <= ${at}`);
    parts.push(sql<SqlBool>`(i.occurred_at < ${at} or i.seq < ${after.seq})`);
  }
  return parts;
}

function gridView(viewer: MapViewer): RawBuilder<SqlBool> {
  if (viewer.exactAll) return sql<SqlBool>`g.view in (0, 1)`;
  if (viewer.org === null) return sql<SqlBool>`g.view in (0, 2)`;
  return sql<SqlBool>`(g.view = 0 or (g.view = 1 and g.org = ${viewer.org}) or (g.view = 2 and (g.org is null or g.org <> ${viewer.org})))`;
}

/** The readable-levels part of the policy on grid row `g`; a reporter's own come from their arm. */
function gridAccess(scope: ReadScope): RawBuilder<SqlBool> | null {
  if (scope.all) return null;
  const parts: RawBuilder<SqlBool>[] = [];
  if (scope.levels.length > 0) {
    parts.push(sql<SqlBool>`g.access in ${codesOf('classification', scope.levels)}`);
  }
  if (scope.restrictedOrg !== null) {
    // Restricted reports are few: look their list up only for them.
    parts.push(
      sql<SqlBool>`(g.access = 4 and exists (select 1 from incidents r where r.seq = g.seq and r.restricted_to like ${`%"${scope.restrictedOrg}"%`}))`,
    );
  }
  return parts.length === 0 ? sql<SqlBool>`0` : sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

/** Conditions on grid row `g` for a box and the filters (not the cell, level or time). */
function gridFilters(box: MicroBox, filter: MapFilter, viewer: MapViewer): RawBuilder<SqlBool>[] {
  const parts = [
    sql<SqlBool>`g.x >= ${box.w} and g.x < ${box.e} and g.y >= ${box.s} and g.y < ${box.n}`,
    gridView(viewer),
  ];
  const access = gridAccess(viewer.scope);
  if (access) parts.push(access);
  if (filter.types) parts.push(sql<SqlBool>`g.type in ${codesOf('type', filter.types)}`);
  if (filter.verification) {
    parts.push(sql<SqlBool>`g.verification in ${codesOf('verification', filter.verification)}`);
  }
  if (!filter.includeMerged) parts.push(sql<SqlBool>`g.merged = 0`);
  return parts;
}

/**
 * A reporter's own reports beyond what their levels let them read (the policy's `ownBy`), as
 * `(seq, t)` rows for a box: read from the table by their creator index.
 */
function ownArm(
  filter: MapFilter,
  viewer: MapViewer,
  after: ListPosition | null,
): RawBuilder<unknown> | null {
  const { ownBy, levels } = viewer.scope;
  if (ownBy === null) return null;
  const parts = [
    sql<SqlBool>`i.created_by = ${ownBy}`,
    ...tableWindow(filter, after),
    ...rowFilters(filter, viewer),
  ];
  if (levels.length > 0) parts.push(sql<SqlBool>`i.classification not in (${sql.join(levels)})`);
  return sql`select i.seq as seq, cast(round(unixepoch(i.occurred_at, 'subsec') * 1000) as integer) as t
    from incidents i where ${and(parts)}`;
}

const summarySelect = sql.join([
  ...SUMMARY_COLUMNS.map((c) => sql.ref(`i.${c}`)),
  sql`substr(i.description, 1, ${SUMMARY_CHARS + 1}) as description`,
]);

/**
 * One page of incidents a viewer may read, newest first (by when they occurred, then by store
 * number), after `after`. Reads `limit` rows at most; the caller asks one more than it shows to
 * know whether a next page exists.
 */
export async function selectIncidentPage(
  db: Db,
  viewer: MapViewer,
  filter: MapFilter,
  after: ListPosition | null,
  limit: number,
): Promise<IncidentSummaryRow[]> {
  if (filter.terms || filter.pcode !== null || filter.box === null) {
    return selectFromTable(db, viewer, filter, after, limit);
  }
  const box = filter.box;
  const plan = gridPlan(box);
  const fromT = ms(filter.from);
  const upper = after === null ? ms(filter.to) - 1 : Math.min(ms(filter.to) - 1, after.t);
  const common = gridFilters(box, filter, viewer);
  if (after !== null) common.push(sql<SqlBool>`(g.t < ${after.t} or g.seq < ${after.seq})`);
  const arms: RawBuilder<unknown>[] = plan.cells.map(
    (cell) => sql`select g.seq as seq, g.t as t from incident_grid g
      where g.level = ${plan.level} and g.cell = ${cell} and g.t >= ${fromT} and g.t <= ${upper}
        and ${and(common)}`,
  );
  const own = ownArm(filter, viewer, after);
  if (own) arms.push(own);
  const result = await sql<IncidentSummaryRow>`select ${summarySelect}
    from (${sql.join(arms, sql` union all `)} order by t desc, seq desc limit ${limit}) g
    join incidents i on i.seq = g.seq
    order by g.t desc, g.seq desc`.execute(db);
  return result.rows;
}

/** The text and commune paths: read the table by the text index or the commune's time index. */
async function selectFromTable(
  db: Db,
  viewer: MapViewer,
  filter: MapFilter,
  after: ListPosition | null,
  limit: number,
): Promise<IncidentSummaryRow[]> {
  const parts = [...tableWindow(filter, after), ...rowFilters(filter, viewer)];
  if (filter.pcode !== null) parts.push(sql<SqlBool>`i.pcode = ${filter.pcode}`);
  if (filter.terms) {
    parts.push(
      sql<SqlBool>`i.seq in (select rowid from incident_text where incident_text match ${ftsQuery(filter.terms)})`,
    );
  }
  const readable = readableCondition(viewer.actor, {
    classification: 'i.classification',
    restrictedTo: 'i.restricted_to',
    createdBy: 'i.created_by',
  });
  if (readable) parts.push(readable);
  const result = await sql<IncidentSummaryRow>`select ${summarySelect} from incidents i
    where ${and(parts)} order by i.occurred_at desc, i.seq desc limit ${limit}`.execute(db);
  return result.rows;
}

/** An FTS5 query: every term, the last also as the start of a word. Terms are letters and digits. */
function ftsQuery(terms: readonly string[]): string {
  return terms.map((t, i) => (i === terms.length - 1 ? `"${t}"*` : `"${t}"`)).join(' ');
}

export interface ClusterRow {
  readonly column: number;
  readonly row: number;
  readonly type: IncidentType;
  readonly n: number;
  readonly sx: number;
  readonly sy: number;
}

/**
 * Counts by cluster cell of `cellSize` and type, over the same rows the list would return for
 * the same box and filters (so a cell's count is what a list of the cell returns).
 */
export async function selectClusters(
  db: Db,
  viewer: MapViewer,
  filter: MapFilter & { readonly box: MicroBox },
  cellSize: Micro,
): Promise<ClusterRow[]> {
  const plan = gridPlan(filter.box);
  const parts = [
    sql<SqlBool>`g.level = ${plan.level}`,
    sql<SqlBool>`g.cell in (${sql.join(plan.cells)})`,
    sql<SqlBool>`g.t >= ${ms(filter.from)} and g.t < ${ms(filter.to)}`,
    ...gridFilters(filter.box, filter, viewer),
  ];
  const arms: RawBuilder<unknown>[] = [
    sql`select g.x as x, g.y as y, g.type as type from incident_grid g where ${and(parts)}`,
  ];
  const own = ownArm(filter, viewer, null);
  if (own) {
    arms.push(sql`select cast(round(i.lon * 1000000) as integer), cast(round(i.lat * 1000000) as integer),
        (select code from incident_codes where kind = 'type' and name = i.type)
      from incidents i where i.seq in (select seq from (${own}))`);
  }
  const result = await sql<ClusterRow>`select c.column as "column", c.row as "row",
      (select name from incident_codes where kind = 'type' and code = c.type) as type, c.n, c.sx, c.sy
    from (select (x + 180000000) / cast(${cellSize} as integer) as "column",
        (y + 90000000) / cast(${cellSize} as integer) as "row",
        type, count(*) as n, sum(x) as sx, sum(y) as sy
      from (${sql.join(arms, sql` union all `)}) group by 1, 2, 3) c`.execute(db);
  return result.rows;
}

/** Where to look for possible duplicates of a report (see `duplicateSearchWindow`). */
export interface DuplicateSearch {
  readonly type: IncidentType;
  readonly from: string;
  readonly to: string;
  /** The box around the report's point, when it has one known better than the commune. */
  readonly box: MicroBox | null;
  readonly pcode: string | null;
  /** Search every place (the report's place is unknown). */
  readonly anywhere: boolean;
  /** The Mondays of the weeks the time window touches. */
  readonly weeks: readonly string[];
  readonly excludeSeq: number | null;
}

/**
 * Candidates that may be duplicates of a report, before the exact rule is applied: same type,
 * not merged away, in the time window and near the point (or in the commune, or anywhere),
 * and every report known only coarsely in the same weeks. Not filtered by the access policy.
 */
export async function selectDuplicateCandidates(
  tx: Db | Tx,
  search: DuplicateSearch,
  limit = 500,
): Promise<IncidentRow[]> {
  const arms: RawBuilder<unknown>[] = [];
  const fromT = ms(search.from);
  const toT = ms(search.to);
  const typeCode = sql`(select code from incident_codes where kind = 'type' and name = ${search.type})`;
  const gridArm = (box: MicroBox | null) => {
    const plan = box ? gridPlan(box) : { level: 0, cells: [0] };
    const where = [
      sql<SqlBool>`g.level = ${plan.level}`,
      sql<SqlBool>`g.cell in (${sql.join(plan.cells)})`,
      sql<SqlBool>`g.t >= ${fromT} and g.t < ${toT}`,
      sql<SqlBool>`g.view in (0, 1) and g.merged = 0 and g.type = ${typeCode}`,
    ];
    if (box) {
      where.push(
        sql<SqlBool>`g.x >= ${box.w} and g.x < ${box.e} and g.y >= ${box.s} and g.y < ${box.n}`,
      );
    }
    return sql`select g.seq as seq from incident_grid g where ${and(where)}`;
  };
  if (search.anywhere) arms.push(gridArm(null));
  else if (search.box) arms.push(gridArm(search.box));
  if (search.pcode !== null) {
    arms.push(sql`select i.seq from incidents i where i.pcode = ${search.pcode}
      and i.occurred_at >= ${search.from} and i.occurred_at < ${search.to}
      and i.type = ${search.type} and i.merged_into is null`);
  }
  if (search.weeks.length > 0) {
    arms.push(sql`select i.seq from incidents i indexed by incidents_coarse
      where i.type = ${search.type} and i.occurred_week in (${sql.join(search.weeks)})
        and (i.occurred_precision <> 'exact' or i.location_precision in ('commune', 'unknown'))
        and i.merged_into is null`);
  }
  if (arms.length === 0) return [];
  const exclude = search.excludeSeq ?? -1;
  const result = await sql<IncidentRow>`select i.* from incidents i
    where i.seq in (${sql.join(arms, sql` union `)}) and i.seq <> ${exclude}
    order by i.occurred_at desc limit ${limit}`.execute(tx);
  return result.rows;
}

export type StatsGroup = 'pcode' | 'type' | 'week';

export interface StatsFilter {
  /** Port-au-Prince days, both included. */
  readonly from: string;
  readonly to: string;
  readonly types: readonly IncidentType[] | null;
  /** A commune, a department (its communes) or HT (everything). */
  readonly pcode: string | null;
  readonly verification: readonly VerificationState[];
}

export interface StatsRow {
  readonly key: string;
  readonly n: number;
  readonly killed: number;
  readonly injured: number;
  readonly abducted: number;
}

/** The Monday of a day, in SQLite's date arithmetic. */
const mondayOf = (col: RawBuilder<unknown>) =>
  sql`date(${col}, '-' || ((cast(strftime('%w', ${col}) as integer) + 6) % 7) || ' days')`;

function pcodeCondition(col: string, pcode: string | null): RawBuilder<SqlBool> | null {
  if (pcode === null || pcode === 'HT') return null;
  return pcode.length >= 6
    ? sql<SqlBool>`${sql.ref(col)} = ${pcode}`
    : sql<SqlBool>`${sql.ref(col)} like ${`${pcode}%`}`;
}

/**
 * Counts and casualties by commune, type or week over the maintained counts: whole weeks from
 * the weekly counts, the days at either end from the daily ones, and a reporter's own reports
 * beyond their levels from the table. Reports merged into another are not counted.
 */
export async function selectStats(
  db: Db,
  actor: Actor,
  groupBy: StatsGroup,
  filter: StatsFilter,
  buckets: {
    readonly weeks: readonly [string, string] | null;
    readonly days: readonly (readonly [string, string])[];
  },
): Promise<StatsRow[]> {
  const scope = readScope(actor);
  const counts = (table: 'day' | 'week', first: string, last: string): RawBuilder<unknown> => {
    const c = (col: string) => `c.${col}`;
    const parts = [
      sql<SqlBool>`c.bucket >= ${first} and c.bucket <= ${last}`,
      sql<SqlBool>`c.verification in (${sql.join(filter.verification)})`,
    ];
    if (filter.types) parts.push(sql<SqlBool>`c.type in (${sql.join(filter.types)})`);
    const place = pcodeCondition(c('pcode'), filter.pcode);
    if (place) parts.push(place);
    // The maintained counts carry no creator: a reporter's own reports are added below.
    const readable = readableCondition(actor, {
      classification: c('classification'),
      restrictedTo: c('restricted_to'),
      createdBy: null,
    });
    if (readable) parts.push(readable);
    const key =
      groupBy === 'pcode'
        ? sql`c.pcode`
        : groupBy === 'type'
          ? sql`c.type`
          : table === 'week'
            ? sql`c.bucket`
            : mondayOf(sql.ref('c.bucket'));
    return sql`select ${key} as key, sum(c.n) as n, sum(c.killed) as killed,
        sum(c.injured) as injured, sum(c.abducted) as abducted
      from ${sql.table(`incident_counts_${table}`)} c where ${and(parts)} group by 1`;
  };
  const arms: RawBuilder<unknown>[] = [];
  if (buckets.weeks) arms.push(counts('week', buckets.weeks[0], buckets.weeks[1]));
  for (const [first, last] of buckets.days) arms.push(counts('day', first, last));
  if (scope.ownBy !== null) {
    const parts = [
      sql<SqlBool>`i.created_by = ${scope.ownBy}`,
      sql<SqlBool>`i.occurred_day >= ${filter.from} and i.occurred_day <= ${filter.to}`,
      sql<SqlBool>`i.merged_into is null`,
      sql<SqlBool>`i.verification in (${sql.join(filter.verification)})`,
    ];
    if (scope.levels.length > 0) {
      parts.push(
        sql<SqlBool>`i.classification not in (${sql.join(scope.levels as ClassificationLevel[])})`,
      );
    }
    if (filter.types) parts.push(sql<SqlBool>`i.type in (${sql.join(filter.types)})`);
    const place = pcodeCondition('i.pcode', filter.pcode);
    if (place) parts.push(place);
    const key =
      groupBy === 'pcode'
        ? sql`coalesce(i.pcode, '')`
        : groupBy === 'type'
          ? sql`i.type`
          : sql`i.occurred_week`;
    arms.push(sql`select ${key} as key, count(*) as n, sum(i.killed) as killed,
        sum(i.injured) as injured, sum(i.abducted) as abducted
      from incidents i where ${and(parts)} group by 1`);
  }
  if (arms.length === 0) return [];
  const result = await sql<StatsRow>`select key, sum(n) as n, sum(killed) as killed,
      sum(injured) as injured, sum(abducted) as abducted
    from (${sql.join(arms, sql` union all `)}) group by key having sum(n) > 0`.execute(db);
  return result.rows;
}
