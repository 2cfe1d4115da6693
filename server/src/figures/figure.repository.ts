/** SQL for figures. */
import type { Actor } from '../policy/actor.js';
import { readableCondition } from '../policy/policy.sql.js';
import { inChunks } from '../store/chunks.js';
import type { Db, Tx } from '../store/store.js';
import type { FigureTable } from './figure.table.js';

export function insertFigure(tx: Tx, row: FigureTable) {
  return tx.insertInto('figures').values(row).execute();
}

export function findFigure(db: Db | Tx, id: string) {
  return db.selectFrom('figures').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The natural key and value of figures already stored under one of `keys`. */
export async function findFigureKeys(
  db: Db | Tx,
  keys: readonly string[],
): Promise<Map<string, { id: string; value: number }>> {
  const rows = await inChunks(keys, (chunk) =>
    db
      .selectFrom('figures')
      .select(['id', 'natural_key', 'value'])
      .where('natural_key', 'in', chunk)
      .execute(),
  );
  return new Map(rows.map((r) => [r.natural_key ?? '', { id: r.id, value: r.value }]));
}

/** The value of figures stored under one of `ids`. */
export async function findFigureValues(
  db: Db | Tx,
  ids: readonly string[],
): Promise<Map<string, number>> {
  const rows = await inChunks(ids, (chunk) =>
    db.selectFrom('figures').select(['id', 'value']).where('id', 'in', chunk).execute(),
  );
  return new Map(rows.map((r) => [r.id, r.value]));
}

export interface FigureFilter {
  readonly metric?: string | undefined;
  readonly pcode?: string | undefined;
  readonly idpSiteId?: string | undefined;
  readonly hazardEventId?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  /** Metrics to keep (exports); `metric` narrows to one. */
  readonly metrics?: readonly string[] | undefined;
  /** A P-code prefix: `HT01` keeps the department and its communes. */
  readonly within?: string | undefined;
  readonly limit?: number;
}

/** Figures `actor` may read that match `filter`, newest first. */
export function selectFigures(db: Db, actor: Actor, filter: FigureFilter) {
  let q = db.selectFrom('figures').selectAll();
  const readable = readableCondition(actor);
  if (readable) q = q.where(readable);
  if (filter.metric !== undefined) q = q.where('metric', '=', filter.metric);
  if (filter.metrics !== undefined) q = q.where('metric', 'in', [...filter.metrics]);
  if (filter.pcode !== undefined) q = q.where('pcode', '=', filter.pcode);
  if (filter.within !== undefined) q = q.where('pcode', 'like', `${filter.within}%`);
  if (filter.idpSiteId !== undefined) q = q.where('idp_site_id', '=', filter.idpSiteId);
  if (filter.hazardEventId !== undefined) q = q.where('hazard_event_id', '=', filter.hazardEventId);
  if (filter.from !== undefined) q = q.where('as_of', '>=', filter.from);
  if (filter.to !== undefined) q = q.where('as_of', '<=', filter.to);
  return q
    .orderBy('as_of', 'desc')
    .orderBy('created_at', 'desc')
    .limit(filter.limit ?? 10_000)
    .execute();
}

/** Readable figures of the same metric and place as `f` (P-code, site and hazard event). */
export function selectFiguresOfPlace(
  db: Db,
  actor: Actor,
  f: { metric: string; pcode: string; idpSiteId: string | null; hazardEventId: string | null },
) {
  let q = db
    .selectFrom('figures')
    .selectAll()
    .where('metric', '=', f.metric)
    .where('pcode', '=', f.pcode)
    .where('idp_site_id', f.idpSiteId === null ? 'is' : '=', f.idpSiteId)
    .where('hazard_event_id', f.hazardEventId === null ? 'is' : '=', f.hazardEventId);
  const readable = readableCondition(actor);
  if (readable) q = q.where(readable);
  return q.limit(10_000).execute();
}

/** Readable figures of `metrics` counted at any of the sites `siteIds`. */
export function selectSiteFigures(
  db: Db,
  actor: Actor,
  siteIds: readonly string[],
  metrics: readonly string[],
) {
  const readable = readableCondition(actor);
  return inChunks(siteIds, (chunk) => {
    let q = db
      .selectFrom('figures')
      .selectAll()
      .where('idp_site_id', 'in', chunk)
      .where('metric', 'in', [...metrics]);
    if (readable) q = q.where(readable);
    return q.execute();
  });
}
