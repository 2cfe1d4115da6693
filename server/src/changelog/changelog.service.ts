/** Recording changes and checking the chain. */
import type { ClassificationLevel } from '@konbit/core';
import { actorOrg, actorRef, type Writer } from '../policy/actor.js';
import type { Db, Tx } from '../store/store.js';
import {
  checkChain,
  GENESIS_HASH,
  type ChainCheck,
  type ChangeEntry,
  type ChangeOp,
} from './changelog.js';
import { appendEntries, appendEntry, entriesAfter, headOf } from './changelog.repository.js';

export interface Change {
  readonly entity: string;
  readonly entityId: string;
  readonly op: ChangeOp;
  readonly classification: ClassificationLevel;
  readonly restrictedTo?: readonly string[];
  /** The record after the change, as a domain value; presenters decide what leaves. */
  readonly payload: unknown;
  /**
   * When the change happened on the server's clock. Domain records pass it so a scenario's log
   * reads in the scenario's time; account records leave it to the real clock.
   */
  readonly at?: Date;
}

function newChange(actor: Writer, change: Change) {
  return {
    at: (change.at ?? new Date()).toISOString(),
    actor: actorRef(actor),
    org: actorOrg(actor),
    entity: change.entity,
    entityId: change.entityId,
    op: change.op,
    classification: change.classification,
    restrictedTo: change.restrictedTo ?? [],
    payload: change.payload,
  };
}

/** Records one change inside the caller's transaction. */
export function recordChange(tx: Tx, actor: Writer, change: Change): Promise<ChangeEntry> {
  return appendEntry(tx, newChange(actor, change));
}

/** Records many changes by one actor, in order, inside the caller's transaction. */
export function recordChanges(tx: Tx, actor: Writer, changes: readonly Change[]): Promise<void> {
  return appendEntries(
    tx,
    changes.map((c) => newChange(actor, c)),
  );
}

export type VerifyResult = ChainCheck & { readonly headSeq: number };

/**
 * Recomputes the whole chain, page by page, and checks the head row agrees with the last
 * entry. Names the first broken `seq`.
 */
export async function verifyChain(
  db: Db,
  onProgress?: (checked: number, total: number) => void,
): Promise<VerifyResult> {
  const head = await headOf(db);
  let start = { seq: 0, hash: GENESIS_HASH };
  let total = 0;
  for (;;) {
    const page = await entriesAfter(db, start.seq, 5000);
    if (page.length === 0) break;
    const result = checkChain(page, start);
    if (!result.ok) return { ...result, entries: total + result.entries, headSeq: head.seq };
    total += result.entries;
    const last = page[page.length - 1] as ChangeEntry;
    start = { seq: last.seq, hash: last.hash };
    onProgress?.(total, head.seq);
  }
  if (head.seq !== start.seq) {
    return {
      ok: false,
      entries: total,
      brokenAt: start.seq + 1,
      reason: `entry ${start.seq + 1} is missing (the log head says ${head.seq})`,
      headSeq: head.seq,
    };
  }
  if (head.hash !== start.hash) {
    return {
      ok: false,
      entries: total,
      brokenAt: head.seq,
      reason: 'the log head’s hash does not match the last entry',
      headSeq: head.seq,
    };
  }
  return { ok: true, entries: total, head: start.hash, headSeq: head.seq };
}

/** The sequence number of the latest entry (0 for an empty log). */
export async function currentSeq(db: Db): Promise<number> {
  return (await headOf(db)).seq;
}
