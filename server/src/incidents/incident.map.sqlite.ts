/**
 * Incident queries that read SQLite's own structures (store/sqlite/migrations/
 * 20261128_0201_incidents_sqlite.ts): the map index for viewports, clusters and duplicate
 * windows, FTS5 for text, the maintained counts for statistics. Every query applies the access
 * policy in SQL, so limits and pagination happen in the store; a PostgreSQL store answers the
 * same functions from PostGIS and its own indexes.
 */
import {
  gridPlan,
  microToBBox,
  type ClassificationLevel,
  type IncidentType,
  type Micro,
  type MicroBox,
  type TimePrecision,
  type InformationCredibility,
  type SourceReliability,
  type VerificationState,
} from '@konbit/core';
import { CompiledQuery, sql, type RawBuilder, type SqlBool } from 'kysely';
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
  /** Source grade: reliability (A–F) and credibility (1–6); null for any. */
  readonly reliability: readonly SourceReliability[] | null;
  readonly credibility: readonly InformationCredibility[] | null;
  readonly includeMerged: boolean;
  /** Folded search terms; all must match, the last as a word start. */
  readonly terms: readonly string[] | null;
}

const ms = (iso: string) => new Date(iso).getTime();
const and = (parts: readonly RawBuilder<SqlBool>[]) =>
  parts.length === 0 ? sql<SqlBool>`1` : sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
const codesOf = (kind: string, names: readonly string[]) =>
  sql`(select code from incident_codes where kind = ${kind} and name in (${sql.join(names)}))`;

/** Whether table row `i` is shown generalised to this viewer (a sensitive point they may not see). */
function generalisedFor(viewer: MapViewer): RawBuilder<SqlBool> {
  if (viewer.exactAll) return sql<SqlBool>`0`;
  return viewer.org === null
    ? sql<SqlBool>`i.sensitive = 1`
    : sql<SqlBool>`(i.sensitive = 1 and (i.created_org is null or i.created_org <> ${viewer.org}))`;
}

/** The point a viewer is shown of table row `i`, in micro-degrees. */
function shownMicro(viewer: MapViewer, axis: 'lon' | 'lat'): RawBuilder<number> {
  const general = axis === 'lon' ? sql.ref('i.general_lon') : sql.ref('i.general_lat');
  const exact = sql.ref(`i.${axis}`);
  if (viewer.exactAll) return sql<number>`cast(round(${exact} * 1000000) as integer)`;
  return sql<number>`cast(round((case when ${generalisedFor(viewer)} then ${general} else ${exact} end) * 1000000) as integer)`;
}

/**
 * The source-grade filters on an incidents row named `alias`. The map index does not carry the
 * grade: grid rows look their report up by `seq` (the rowid), only when a grade is asked for.
 */
function gradeFilters(filter: MapFilter, alias: 'i' | 'r'): RawBuilder<SqlBool>[] {
  const parts: RawBuilder<SqlBool>[] = [];
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  if (filter.reliability) {
    parts.push(sql<SqlBool>`${column('source_reliability')} in (${sql.join(filter.reliability)})`);
  }
  if (filter.credibility) {
    parts.push(sql<SqlBool>`${column('source_credibility')} in (${sql.join(filter.credibility)})`);
  }
  return parts;
}

/** Conditions on table row `i` shared by the table paths (text, commune, a reporter's own). */
function rowFilters(filter: MapFilter, viewer: MapViewer): RawBuilder<SqlBool>[] {
  const parts: RawBuilder<SqlBool>[] = [];
  if (filter.types) parts.push(sql<SqlBool>`i.type in (${sql.join(filter.types)})`);
  if (filter.verification) {
    parts.push(sql<SqlBool>`i.verification in (${sql.join(filter.verification)})`);
  }
  parts.push(...gradeFilters(filter, 'i'));
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
  const grade = gradeFilters(filter, 'r');
  if (grade.length > 0) {
    parts.push(
      sql<SqlBool>`exists (select 1 from incidents r where r.seq = g.seq and ${and(grade)})`,
    );
  }
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
  // Their own reports: they see the point, so the exact index row (view 0, or 1 if sensitive).
  return sql`select i.seq as seq, cast(round(unixepoch(i.occurred_at, 'subsec') * 1000) as integer) as t,
      i.sensitive as view, cast(round(i.lon * 1000000) as integer) as x,
      cast(round(i.lat * 1000000) as integer) as y
    from incidents i where ${and(parts)}`;
}

/** A page row: its place in the order, what the policy checks, the point shown, and the feature. */
export interface PageRow {
  readonly t: number;
  readonly seq: number;
  readonly classification: string;
  readonly restricted_to: string | null;
  readonly created_by: string | null;
  /** The point this reader is shown, in micro-degrees; null for a report with no place. */
  readonly x: number | null;
  readonly y: number | null;
  /**
   * The GeoJSON Feature as UTF-8 JSON, generalised when this reader may not see the point: the
   * bytes the presenter stored when the report was written, sent as they are.
   */
  readonly feature: Buffer;
}

/** The stored feature of table row `i` for a row of index view `view` (2: generalised). */
const featureOfView = (view: RawBuilder<unknown>) =>
  sql<Buffer>`cast(case when ${view} = 2 then i.feature_generalised else i.feature end as blob)`;

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
): Promise<PageRow[]> {
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
    (cell) => sql`select g.seq as seq, g.t as t, g.view as view, g.x as x, g.y as y
      from incident_grid g
      where g.level = ${plan.level} and g.cell = ${cell} and g.t >= ${fromT} and g.t <= ${upper}
        and ${and(common)}`,
  );
  const own = ownArm(filter, viewer, after);
  if (own) arms.push(own);
  // The newest index rows of the box (skinny rows, merged across cells and stopped at the
  // limit), then each one's report by store number for what the policy checks and the feature.
  const result = await sql<PageRow>`select g.t, g.seq, i.classification, i.restricted_to,
      i.created_by, g.x, g.y, ${featureOfView(sql.ref('g.view'))} as feature
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
): Promise<PageRow[]> {
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
  const view = sql`case when ${generalisedFor(viewer)} then 2 else 0 end`;
  const result = await sql<PageRow>`select
      cast(round(unixepoch(i.occurred_at, 'subsec') * 1000) as integer) as t, i.seq,
      i.classification, i.restricted_to, i.created_by,
      ${shownMicro(viewer, 'lon')} as x, ${shownMicro(viewer, 'lat')} as y,
      ${featureOfView(view)} as feature
    from incidents i
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
  /** The instants an exactly-timed candidate may have: from included, to excluded. */
  readonly from: string;
  readonly to: string;
  readonly timePrecision: TimePrecision;
  /** The report's Port-au-Prince day and week (a Monday). */
  readonly day: string;
  readonly week: string;
  /** The Mondays of the weeks the window touches. */
  readonly weeks: readonly string[];
  /** How the report's place is known: a point (with the box to search), a commune, nothing. */
  readonly place:
    | { readonly kind: 'point'; readonly box: MicroBox; readonly pcode: string | null }
    | { readonly kind: 'commune'; readonly pcode: string }
    | { readonly kind: 'unknown' };
  readonly excludeSeq: number | null;
}

/** A candidate duplicate: what a list shows, and the day and week the rule compares. */
export type CandidateRow = IncidentSummaryRow & Pick<IncidentRow, 'occurred_day' | 'occurred_week'>;

const CANDIDATE_COLUMNS = [...SUMMARY_COLUMNS, 'occurred_day', 'occurred_week']
  .map((c) => `i.${c}`)
  .join(', ');

/** Reads few rows per cell (a few hours), so few large cells beat many small ones. */
const DUPLICATE_CELLS = 4;

/**
 * Candidates that may be duplicates of a report, before the exact rule is applied: same type,
 * not merged away, and inside the widest windows the rule could accept — exactly-timed,
 * precisely-placed reports from the map index (near the point, in the commune, or anywhere for
 * an unknown place), and reports known only coarsely from their own index. Not filtered by the
 * access policy. Run for every report of a batch, so written as SQL text rather than built.
 */
export async function selectDuplicateCandidates(
  tx: Db | Tx,
  search: DuplicateSearch,
  limit = 500,
): Promise<CandidateRow[]> {
  const params: unknown[] = [];
  /** Appends `values` to the parameters and returns that many placeholders. */
  const bind = (...values: unknown[]) => {
    params.push(...values);
    return values.map(() => '?').join(', ');
  };
  const { place } = search;
  const arms: string[] = [];

  // Precisely placed reports: the map index around the point, or everywhere for an unknown place.
  if (place.kind !== 'commune') {
    const plan =
      place.kind === 'point' ? gridPlan(place.box, DUPLICATE_CELLS) : { level: 0, cells: [0] };
    let arm = `select g.seq from incident_grid g
      where g.level = ${bind(plan.level)} and g.cell in (${bind(...plan.cells)})
        and g.t >= ${bind(ms(search.from))} and g.t < ${bind(ms(search.to))}
        and g.view in (0, 1) and g.merged = 0
        and g.type = (select code from incident_codes where kind = 'type' and name = ${bind(search.type)})`;
    if (place.kind === 'point') {
      const b = place.box;
      arm += ` and g.x >= ${bind(b.w)} and g.x < ${bind(b.e)} and g.y >= ${bind(b.s)} and g.y < ${bind(b.n)}`;
    }
    arms.push(arm);
  }
  // A report known to the commune matches anything placed in the same commune.
  if (place.kind === 'commune') {
    arms.push(`select i.seq from incidents i where i.pcode = ${bind(place.pcode)}
      and i.occurred_at >= ${bind(search.from)} and i.occurred_at < ${bind(search.to)}
      and i.type = ${bind(search.type)} and i.merged_into is null`);
  }

  // Reports known only to the day or week, or to the commune or not at all, from their own
  // index, narrowed by the same windows (the rule then decides).
  const time =
    search.timePrecision === 'exact'
      ? `((i.occurred_precision = 'exact' and i.occurred_at >= ${bind(search.from)} and i.occurred_at < ${bind(search.to)})
          or (i.occurred_precision = 'day' and i.occurred_day = ${bind(search.day)})
          or (i.occurred_precision = 'week' and i.occurred_week = ${bind(search.week)}))`
      : search.timePrecision === 'day'
        ? `((i.occurred_precision <> 'week' and i.occurred_day = ${bind(search.day)})
          or (i.occurred_precision = 'week' and i.occurred_week = ${bind(search.week)}))`
        : `i.occurred_week = ${bind(search.week)}`;
  let coarse = `select i.seq from incidents i indexed by incidents_coarse
    where i.type = ${bind(search.type)} and i.occurred_week in (${bind(...search.weeks)})
      and (i.occurred_precision <> 'exact' or i.location_precision in ('commune', 'unknown'))
      and i.merged_into is null and ${time}`;
  if (place.kind === 'point') {
    const [w, s, e, n] = microToBBox(place.box);
    coarse += ` and (i.location_precision = 'unknown'
      or (i.location_precision = 'commune' and i.pcode = ${bind(place.pcode)})
      or (i.location_precision in ('exact', 'neighbourhood')
        and i.lon >= ${bind(w)} and i.lon < ${bind(e)} and i.lat >= ${bind(s)} and i.lat < ${bind(n)}))`;
  } else if (place.kind === 'commune') {
    coarse += ` and (i.location_precision = 'unknown' or i.pcode = ${bind(place.pcode)})`;
  }
  arms.push(coarse);

  // Two steps: the store numbers from the indexes, then those reports. (As one statement with
  // `seq in (…)`, SQLite may read the reports in time order to avoid a sort.)
  const found = await tx.executeQuery<{ seq: number }>(
    CompiledQuery.raw(arms.join(' union all '), params),
  );
  const seqs = [...new Set(found.rows.map((r) => r.seq))]
    .filter((s) => s !== search.excludeSeq)
    .slice(0, limit);
  if (seqs.length === 0) return [];
  const text = `select ${CANDIDATE_COLUMNS}, substr(i.description, 1, ${SUMMARY_CHARS + 1}) as description
    from incidents i where i.seq in (${seqs.map(() => '?').join(', ')})`;
  return (await tx.executeQuery<CandidateRow>(CompiledQuery.raw(text, seqs))).rows;
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
