/** SQL for IDP sites. */
import type { Actor } from '../../policy/actor.js';
import { readableCondition } from '../../policy/policy.sql.js';
import { inChunks } from '../../store/chunks.js';
import type { Db, Tx } from '../../store/store.js';
import type { IdpSiteTable } from './idp-site.table.js';

export function insertIdpSite(tx: Tx, row: IdpSiteTable) {
  return tx.insertInto('idp_sites').values(row).execute();
}

export function updateIdpSiteRow(tx: Tx, row: IdpSiteTable) {
  return tx.updateTable('idp_sites').set(row).where('id', '=', row.id).execute();
}

export function findIdpSite(db: Db | Tx, id: string) {
  return db.selectFrom('idp_sites').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Sites whose natural key is one of `keys` (any reader: imports must see every clash). */
export function findIdpSitesByKey(db: Db | Tx, keys: readonly string[]) {
  return inChunks(keys, (chunk) =>
    db.selectFrom('idp_sites').selectAll().where('natural_key', 'in', chunk).execute(),
  );
}

export interface IdpSiteFilter {
  /** Sites in this area: a P-code prefix (`HT01` holds `HT0111`). */
  readonly pcode?: string | undefined;
  readonly status?: string | undefined;
  readonly type?: string | undefined;
  readonly ids?: readonly string[] | undefined;
}

/** Sites `actor` may read that match `filter`, by commune and name. */
export function selectIdpSites(db: Db, actor: Actor, filter: IdpSiteFilter) {
  let q = db.selectFrom('idp_sites').selectAll();
  const readable = readableCondition(actor);
  if (readable) q = q.where(readable);
  if (filter.pcode !== undefined) q = q.where('pcode', 'like', `${filter.pcode}%`);
  if (filter.status !== undefined) q = q.where('status', '=', filter.status);
  if (filter.type !== undefined) q = q.where('type', '=', filter.type);
  if (filter.ids !== undefined) q = q.where('id', 'in', [...filter.ids, '']);
  return q.orderBy('pcode').orderBy('name').limit(50_000).execute();
}
