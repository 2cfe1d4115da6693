/**
 * Idempotent creates. A request carries an `Idempotency-Key` (or a client-made id, used as
 * one). The first response is stored in the same transaction as the write; the same key with
 * the same request gets that response again, with a different request 422.
 */
import { createHash } from 'node:crypto';
import { canonicalJson, KonbitError } from '@konbit/core';
import { placeholders, prepared, preparedInsert } from '../store/prepared.js';
import type { IdempotencyTable } from './idempotency.table.js';
import type { Store, Tx } from '../store/store.js';

export interface IdempotencyRequest {
  /** Whose key: a user id or `system:<name>`. Keys of different users never collide. */
  readonly scope: string;
  readonly key: string;
  /** What the request was: method, path and body. */
  readonly fingerprint: string;
}

export interface StoredResponse<T> {
  readonly status: number;
  readonly body: T;
  /** True when this is the stored answer to an earlier request. */
  readonly replayed: boolean;
}

export function fingerprintOf(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(canonicalJson({ method, path, body: body ?? null }))
    .digest('hex');
}

const KEY = /^[\x21-\x7e]{1,200}$/;

/** Checks an `Idempotency-Key` header value: 1–200 visible ASCII characters. */
export function checkKey(key: string): string {
  if (!KEY.test(key)) {
    throw new KonbitError(
      'ValidationFailed',
      'Idempotency-Key must be 1 to 200 visible ASCII characters, such as a UUID',
      'Idempotency-Key',
    );
  }
  return key;
}

const selectKey = prepared((db, p: { scope: string; key: string }) =>
  db
    .selectFrom('idempotency_keys')
    .select(['fingerprint', 'status', 'response'])
    .where('scope', '=', p.scope)
    .where('key', '=', p.key),
);

/** The stored answer for a key, if any (its fingerprint says which request it answered). */
export async function lookupKey(
  tx: Store['db'] | Tx,
  req: Omit<IdempotencyRequest, 'fingerprint'>,
): Promise<{ fingerprint: string; status: number; response: string } | undefined> {
  const [row] = await selectKey(tx, { scope: req.scope, key: req.key });
  return row;
}

const KEY_COLUMNS = ['scope', 'key', 'fingerprint', 'status', 'response', 'created_at'] as const;
const insertKey = prepared(
  (db, row: IdempotencyTable) => db.insertInto('idempotency_keys').values(row),
  () => placeholders<IdempotencyTable>(KEY_COLUMNS),
);

/**
 * The stored response of a key whose answer was not kept, to be made again from the record as
 * it stands (a report filed from a batch: its answer would include the duplicates of the day).
 */
export const ANSWER_FROM_RECORD = '';

/** Makes the answer to a key stored with `ANSWER_FROM_RECORD`. */
export type AnswerAgain<T> = (db: Store['db']) => Promise<T>;

async function replay<T>(
  store: Store,
  req: IdempotencyRequest,
  row: { fingerprint: string; status: number; response: string },
  again: AnswerAgain<T> | undefined,
): Promise<StoredResponse<T>> {
  if (row.fingerprint !== req.fingerprint) {
    throw new KonbitError(
      'IdempotencyKeyReused',
      'This Idempotency-Key (or id) was already used for a different request; use a new key for a new record',
      'Idempotency-Key',
    );
  }
  if (row.response === ANSWER_FROM_RECORD) {
    if (!again) throw new Error(`The answer to key ${req.key} was not kept and cannot be made`);
    return { status: row.status, body: await again(store.db), replayed: true };
  }
  return { status: row.status, body: JSON.parse(row.response) as T, replayed: true };
}

/**
 * Stores the answer to a key inside the caller's transaction, for writes that answer many keys
 * at once (a batch of reports, each with its own id).
 */
export async function storeResponse(
  tx: Tx,
  req: IdempotencyRequest,
  status: number,
  body: unknown,
): Promise<void> {
  await insertKey(tx, {
    scope: req.scope,
    key: req.key,
    fingerprint: req.fingerprint,
    status,
    response: JSON.stringify(body),
    created_at: new Date().toISOString(),
  });
}

const insertKeys = preparedInsert<IdempotencyTable>('idempotency_keys', KEY_COLUMNS, 500);

/**
 * Stores the answers to many keys at once (a batch answers one key per report). An answer
 * without a body is made again from the record on a retry (`ANSWER_FROM_RECORD`).
 */
export async function storeResponses(
  tx: Tx,
  answers: readonly { req: IdempotencyRequest; status: number; body?: unknown }[],
): Promise<void> {
  const at = new Date().toISOString();
  await insertKeys(
    tx,
    answers.map(({ req, status, body }) => ({
      scope: req.scope,
      key: req.key,
      fingerprint: req.fingerprint,
      status,
      response: body === undefined ? ANSWER_FROM_RECORD : JSON.stringify(body),
      created_at: at,
    })),
  );
}

class AlreadyDone {
  constructor(readonly row: { fingerprint: string; status: number; response: string }) {}
}

/**
 * Runs `work` in a transaction at most once per key. Without a key it simply runs `work`.
 * Concurrent duplicates serialise on the store's write lock (and on the key's primary key in
 * PostgreSQL), so exactly one does the work and the others get its response.
 */
export async function idempotent<T>(
  store: Store,
  req: IdempotencyRequest | null,
  work: (tx: Tx) => Promise<{ status: number; body: T }>,
  again?: AnswerAgain<T>,
): Promise<StoredResponse<T>> {
  if (req === null) {
    const result = await store.transaction(work);
    return { ...result, replayed: false };
  }
  const earlier = await lookupKey(store.db, req);
  if (earlier) return replay<T>(store, req, earlier, again);
  try {
    const result = await store.transaction(async (tx) => {
      const raced = await lookupKey(tx, req);
      if (raced) throw new AlreadyDone(raced);
      const done = await work(tx);
      await storeResponse(tx, req, done.status, done.body);
      return done;
    });
    return { ...result, replayed: false };
  } catch (err) {
    if (err instanceof AlreadyDone) return replay<T>(store, req, err.row, again);
    throw err;
  }
}
