/**
 * The change-log entry and its hash chain. Pure: no I/O.
 *
 * hash = sha256(prev_hash ‖ canonical JSON of every other field, seq and at included)
 */
import { createHash } from 'node:crypto';
import { canonicalJson, type ClassificationLevel } from '@konbit/core';

export const GENESIS_HASH = '0'.repeat(64);

export type ChangeOp = 'create' | 'update' | 'delete' | 'event';

export interface ChangeEntry {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly org: string | null;
  readonly entity: string;
  readonly entityId: string;
  readonly op: ChangeOp;
  readonly classification: ClassificationLevel;
  readonly restrictedTo: readonly string[];
  readonly payload: unknown;
  readonly prevHash: string;
  readonly hash: string;
}

export type UnhashedEntry = Omit<ChangeEntry, 'hash'>;

/** The hash of an entry, from every field but the hash itself. */
export function hashEntry(entry: UnhashedEntry): string {
  return hashEntryWithPayload(entry, canonicalJson(entry.payload));
}

const PAYLOAD_MARK = '\u0000payload';

/**
 * The same hash, given the payload already in canonical JSON (as it is stored), so a writer
 * does not put the payload into canonical form twice.
 */
export function hashEntryWithPayload(
  entry: Omit<UnhashedEntry, 'payload'>,
  payloadText: string,
): string {
  const body = canonicalJson({
    seq: entry.seq,
    at: entry.at,
    actor: entry.actor,
    org: entry.org,
    entity: entry.entity,
    entityId: entry.entityId,
    op: entry.op,
    classification: entry.classification,
    restrictedTo: entry.restrictedTo,
    payload: PAYLOAD_MARK,
  }).replace(`"payload":${JSON.stringify(PAYLOAD_MARK)}`, () => `"payload":${payloadText}`);
  return createHash('sha256').update(entry.prevHash).update(body).digest('hex');
}

export type ChainCheck =
  | { readonly ok: true; readonly entries: number; readonly head: string }
  | {
      readonly ok: false;
      readonly entries: number;
      readonly brokenAt: number;
      readonly reason: string;
    };

/**
 * Checks a run of entries in `seq` order against the chain, starting after `prevHash`.
 * Returns the first entry whose sequence, link or hash does not hold.
 */
export function checkChain(
  entries: Iterable<ChangeEntry>,
  start: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH },
): ChainCheck {
  let expectedSeq = start.seq + 1;
  let prev = start.hash;
  let count = 0;
  for (const e of entries) {
    if (e.seq !== expectedSeq) {
      return {
        ok: false,
        entries: count,
        brokenAt: expectedSeq,
        reason: `entry ${expectedSeq} is missing`,
      };
    }
    if (e.prevHash !== prev) {
      return {
        ok: false,
        entries: count,
        brokenAt: e.seq,
        reason: 'prev_hash does not match the hash of the entry before',
      };
    }
    if (hashEntry(e) !== e.hash) {
      return {
        ok: false,
        entries: count,
        brokenAt: e.seq,
        reason: 'hash does not match the entry’s content',
      };
    }
    prev = e.hash;
    expectedSeq += 1;
    count += 1;
  }
  return { ok: true, entries: count, head: prev };
}
