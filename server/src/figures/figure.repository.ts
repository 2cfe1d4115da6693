/** SQL for figures. */
import type { Actor } from '../policy/actor.js';
import { readableCondition } from '../policy/policy.sql.js';
import type { Db, Tx } from '../store/store.js';
import type { FigureTable } from './figure.table.js';

export function insertFigure(tx: Tx, row: FigureTable) {
  return tx.insertInto('figures').values(row).execute();
}

export function findFigure(db: Db | Tx, id: string) {
  return db.selectFrom('figures').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface FigureFilter {
  readonly metric?: string | undefined;
  readonly pcode?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

/** Figures `actor` may read that match `filter`, newest first. */
export function selectFigures(db: Db, actor: Actor, filter: FigureFilter) {
  let q = db.selectFrom('figures').selectAll();
  const readable = readableCondition(actor);
  if (readable) q = q.where(readable);
  if (filter.metric !== undefined) q = q.where('metric', '=', filter.metric);
  if (filter.pcode !== undefined) q = q.where('pcode', '=', filter.pcode);
  if (filter.from !== undefined) q = q.where('as_of', '>=', filter.from);
  if (filter.to !== undefined) q = q.where('as_of', '<=', filter.to);
  return q.orderBy('as_of', 'desc').orderBy('created_at', 'desc').limit(10_000).execute();
}
