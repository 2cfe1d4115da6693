/** What a test checks to prove that refused input changed nothing: row counts and the log head. */
import type { AppContext } from '../context.js';

export function rowCount(ctx: AppContext, table: string): number {
  return (ctx.store.sqlite.prepare(`select count(*) n from ${table}`).get() as { n: number }).n;
}

/** The change log's head sequence number. */
export function logHead(ctx: AppContext): number {
  return (ctx.store.sqlite.prepare('select seq from change_log_head').get() as { seq: number }).seq;
}
