/** SQL for sites, their status reports and released statements. */
import { sql } from 'kysely';
import type { Actor } from '../policy/actor.js';
import { readableCondition } from '../policy/policy.sql.js';
import type { Db, Tx } from '../store/store.js';
import type { SiteReleaseTable, SiteStatusChangeTable, SiteTable } from './site.table.js';

export function insertSite(tx: Tx, row: SiteTable) {
  return tx.insertInto('sites').values(row).execute();
}

export function replaceSite(tx: Tx, row: SiteTable) {
  return tx.updateTable('sites').set(row).where('id', '=', row.id).execute();
}

export function findSite(db: Db | Tx, id: string) {
  return db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface SiteFilter {
  readonly kind?: string | undefined;
  readonly minCriticality?: number | undefined;
  readonly pcode?: string | undefined;
}

/** Sites `actor` may read, most critical first, then by name. */
export function selectSites(db: Db | Tx, actor: Actor, filter: SiteFilter = {}) {
  let q = db.selectFrom('sites').selectAll();
  const readable = readableCondition(actor);
  if (readable) q = q.where(readable);
  if (filter.kind !== undefined) q = q.where('kind', '=', filter.kind);
  if (filter.minCriticality !== undefined) q = q.where('criticality', '>=', filter.minCriticality);
  if (filter.pcode !== undefined) q = q.where('pcode', '=', filter.pcode);
  return q.orderBy('criticality', 'desc').orderBy('name').limit(10_000).execute();
}

/** Every site whose point lies in the box; the caller measures the exact distance. */
export function selectSitesInBox(db: Db | Tx, box: { w: number; s: number; e: number; n: number }) {
  return db
    .selectFrom('sites')
    .selectAll()
    .where('lat', '>=', box.s)
    .where('lat', '<=', box.n)
    .where('lon', '>=', box.w)
    .where('lon', '<=', box.e)
    .execute();
}

export function insertStatusChange(tx: Tx, row: SiteStatusChangeTable) {
  return tx.insertInto('site_status_changes').values(row).execute();
}

export function findStatusChange(db: Db | Tx, id: string) {
  return db.selectFrom('site_status_changes').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The site's latest report, whoever may read it: the transition rule applies to the real status. */
export function latestStatusChange(db: Db | Tx, siteId: string) {
  return db
    .selectFrom('site_status_changes')
    .selectAll()
    .where('site_id', '=', siteId)
    .orderBy('at', 'desc')
    .orderBy('recorded_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Status reports `actor` may read, newest first; of one site, or of all. */
export function selectStatusChanges(db: Db | Tx, actor: Actor, siteId?: string) {
  let q = db.selectFrom('site_status_changes').selectAll();
  const readable = readableCondition(actor);
  if (readable) q = q.where(readable);
  if (siteId !== undefined) q = q.where('site_id', '=', siteId);
  return q.orderBy('at', 'desc').orderBy('recorded_at', 'desc').limit(10_000).execute();
}

export function insertRelease(tx: Tx, row: SiteReleaseTable) {
  return tx.insertInto('site_releases').values(row).execute();
}

export function findRelease(db: Db | Tx, id: string) {
  return db.selectFrom('site_releases').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Released statements `actor` may read, newest first; of one site, or of all. */
export function selectReleases(db: Db | Tx, actor: Actor, siteId?: string) {
  let q = db.selectFrom('site_releases').selectAll();
  const readable = readableCondition(actor);
  if (readable) q = q.where(readable);
  if (siteId !== undefined) q = q.where('site_id', '=', siteId);
  return q.orderBy('released_at', 'desc').limit(10_000).execute();
}

/**
 * The latest status report of each site that `actor` may read, in one query (a window over
 * the readable reports), so a long history elsewhere never pushes a site's latest out.
 */
export function selectLatestStatusChanges(db: Db | Tx, actor: Actor) {
  const readable = readableCondition(actor);
  let inner = db
    .selectFrom('site_status_changes')
    .selectAll()
    .select(
      sql<number>`row_number() over (partition by site_id order by at desc, recorded_at desc)`.as(
        'rank',
      ),
    );
  if (readable) inner = inner.where(readable);
  return db.selectFrom(inner.as('c')).selectAll().where('rank', '=', 1).execute();
}

/** The latest released statement of each site that `actor` may read. */
export function selectLatestReleases(db: Db | Tx, actor: Actor) {
  const readable = readableCondition(actor);
  let inner = db
    .selectFrom('site_releases')
    .selectAll()
    .select(
      sql<number>`row_number() over (partition by site_id order by released_at desc, id desc)`.as(
        'rank',
      ),
    );
  if (readable) inner = inner.where(readable);
  return db.selectFrom(inner.as('r')).selectAll().where('rank', '=', 1).execute();
}
