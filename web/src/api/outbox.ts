/**
 * The outbox: creates made in this browser wait in IndexedDB until the server has them. Each
 * item has its own id, sent as the `Idempotency-Key` (and as the record's id), so sending it
 * again after a lost answer never makes a second record. An item is `received` only when the
 * server answered 201; until then it is `waiting` or `sending`. A create the server refuses for
 * good (a 4xx other than 401/408/429) is `rejected` with the server's message, kept for the user.
 *
 * Items belong to the user who made them and are sent only while that user is signed in, so a
 * report never goes out under someone else's session.
 */
import { newId } from '@konbit/core';
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { useSyncExternalStore } from 'react';
import { ApiError, NetworkError, send } from './client';

export const OUTBOX_STATES = ['waiting', 'sending', 'received', 'rejected'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

export interface OutboxItem {
  /** The item's id: the Idempotency-Key, and the id of the record it creates. */
  readonly id: string;
  /** What it creates, such as `figure` or `incident`. */
  readonly kind: string;
  readonly endpoint: string;
  readonly body: Record<string, unknown>;
  /** A line for people, in the language it was written in. */
  readonly summary: string;
  readonly userId: string;
  readonly createdAt: string;
  readonly state: OutboxState;
  readonly attempts: number;
  readonly lastAttemptAt: string | null;
  /** Not sent again before this instant (backing off after failures). */
  readonly notBefore: string | null;
  readonly receivedAt: string | null;
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly field?: string;
  } | null;
}

interface OutboxDb extends DBSchema {
  items: { key: string; value: OutboxItem; indexes: { byUser: string } };
}

const DB_NAME = 'konbit-outbox';
/** Received items are kept this long, so the user sees them arrive, then pruned. */
const KEEP_RECEIVED_MS = 7 * 24 * 3600_000;
const RETRY_EVERY_MS = 15_000;
const MAX_BACKOFF_MS = 5 * 60_000;

function backoff(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, 2_000 * 2 ** Math.max(0, attempts - 1));
}

/** A 4xx that sending again cannot fix; 401 waits for sign-in, 408 and 429 for later. */
function isPermanent(err: ApiError): boolean {
  return err.status >= 400 && err.status < 500 && ![401, 408, 429].includes(err.status);
}

type Listener = () => void;

export class Outbox {
  #db: Promise<IDBPDatabase<OutboxDb>> | null = null;
  #items: readonly OutboxItem[] = [];
  #userId: string | null = null;
  readonly #listeners = new Set<Listener>();
  #flushing: Promise<void> | null = null;
  #again = false;
  #timer: ReturnType<typeof setInterval> | null = null;
  readonly #channel: BroadcastChannel | null =
    typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('konbit-outbox');

  constructor(private readonly name: string = DB_NAME) {
    // Another tab changed the outbox: read it again.
    if (this.#channel) this.#channel.onmessage = () => void this.#reload();
  }

  #open(): Promise<IDBPDatabase<OutboxDb>> {
    this.#db ??= openDB<OutboxDb>(this.name, 1, {
      upgrade(db) {
        const items = db.createObjectStore('items', { keyPath: 'id' });
        items.createIndex('byUser', 'userId');
      },
    });
    return this.#db;
  }

  /**
   * Starts sending for `userId` (null when signed out): items left `sending` by a closed page go
   * back to `waiting`, and the outbox is flushed now, when the network returns and every 15 s.
   */
  async start(userId: string | null): Promise<void> {
    this.#userId = userId;
    const db = await this.#open();
    const tx = db.transaction('items', 'readwrite');
    const now = Date.now();
    for (const item of await tx.store.getAll()) {
      if (item.state === 'sending') await tx.store.put({ ...item, state: 'waiting' });
      else if (
        item.state === 'received' &&
        item.receivedAt &&
        now - Date.parse(item.receivedAt) > KEEP_RECEIVED_MS
      ) {
        await tx.store.delete(item.id);
      }
    }
    await tx.done;
    await this.#reload();
    if (this.#timer === null && typeof window !== 'undefined') {
      window.addEventListener('online', this.#onOnline);
      this.#timer = setInterval(() => void this.flush(), RETRY_EVERY_MS);
    }
    void this.flush();
  }

  stop(): void {
    this.#userId = null;
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
    if (typeof window !== 'undefined') window.removeEventListener('online', this.#onOnline);
  }

  readonly #onOnline = () => void this.flush({ now: true });

  /** Queues a create for the signed-in user and tries to send it at once. */
  async add(input: {
    kind: string;
    endpoint: string;
    body: Record<string, unknown>;
    summary: string;
    id?: string;
  }): Promise<OutboxItem> {
    if (this.#userId === null) throw new Error('Sign in before filing anything');
    const id = input.id ?? newId();
    const item: OutboxItem = {
      id,
      kind: input.kind,
      endpoint: input.endpoint,
      body: { ...input.body, id },
      summary: input.summary,
      userId: this.#userId,
      createdAt: new Date().toISOString(),
      state: 'waiting',
      attempts: 0,
      lastAttemptAt: null,
      notBefore: null,
      receivedAt: null,
      error: null,
    };
    await (await this.#open()).put('items', item);
    await this.#changed();
    void this.flush({ now: true });
    return item;
  }

  /** Removes an item the user no longer wants (only one that is not being sent). */
  async discard(id: string): Promise<void> {
    const db = await this.#open();
    const item = await db.get('items', id);
    if (item && item.state !== 'sending') await db.delete('items', id);
    await this.#changed();
  }

  /** Sends the signed-in user's waiting items, oldest first. One flush runs at a time. */
  flush(options: { now?: boolean } = {}): Promise<void> {
    if (this.#flushing) {
      this.#again = true;
      return this.#flushing;
    }
    this.#flushing = this.#flushOnce(options.now ?? false).finally(() => {
      this.#flushing = null;
      if (this.#again) {
        this.#again = false;
        void this.flush();
      }
    });
    return this.#flushing;
  }

  async #flushOnce(ignoreBackoff: boolean): Promise<void> {
    const userId = this.#userId;
    if (userId === null) return;
    if (typeof navigator !== 'undefined' && navigator.onLine === false) return;
    const db = await this.#open();
    const due = (await db.getAllFromIndex('items', 'byUser', userId))
      .filter(
        (i) =>
          i.state === 'waiting' &&
          (ignoreBackoff || i.notBefore === null || Date.parse(i.notBefore) <= Date.now()),
      )
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    for (const item of due) {
      const stop = await this.#sendOne(db, item);
      if (stop) break;
    }
  }

  /** Sends one item; true when the rest should wait (offline, signed out). */
  async #sendOne(db: IDBPDatabase<OutboxDb>, item: OutboxItem): Promise<boolean> {
    const attempt = { attempts: item.attempts + 1, lastAttemptAt: new Date().toISOString() };
    await db.put('items', { ...item, ...attempt, state: 'sending' });
    await this.#changed();
    let next: OutboxItem;
    let stop = false;
    try {
      const answer = await send('POST', item.endpoint, {
        body: item.body,
        idempotencyKey: item.id,
      });
      if (answer.status === 201) {
        next = {
          ...item,
          ...attempt,
          state: 'received',
          receivedAt: new Date().toISOString(),
          notBefore: null,
          error: null,
        };
      } else {
        // A 2xx that is not "created" is not a receipt: keep it and try again later.
        next = this.#retryLater(item, attempt, {
          code: `HTTP${answer.status}`,
          message: `The server answered ${answer.status}, not 201`,
        });
      }
    } catch (err) {
      if (err instanceof ApiError && isPermanent(err)) {
        next = {
          ...item,
          ...attempt,
          state: 'rejected',
          notBefore: null,
          error: {
            code: err.code,
            message: err.message,
            ...(err.field ? { field: err.field } : {}),
          },
        };
      } else {
        const error =
          err instanceof ApiError
            ? { code: err.code, message: err.message }
            : err instanceof NetworkError
              ? { code: 'Offline', message: err.message }
              : { code: 'Unexpected', message: (err as Error).message };
        next = this.#retryLater(item, attempt, error);
        stop = err instanceof NetworkError || (err instanceof ApiError && err.status === 401);
      }
    }
    await db.put('items', next);
    await this.#changed();
    return stop;
  }

  #retryLater(
    item: OutboxItem,
    attempt: { attempts: number; lastAttemptAt: string },
    error: { code: string; message: string },
  ): OutboxItem {
    return {
      ...item,
      ...attempt,
      state: 'waiting',
      notBefore: new Date(Date.now() + backoff(attempt.attempts)).toISOString(),
      error,
    };
  }

  async #reload(): Promise<void> {
    const all = await (await this.#open()).getAll('items');
    this.#items = all.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    for (const l of this.#listeners) l();
  }

  async #changed(): Promise<void> {
    await this.#reload();
    this.#channel?.postMessage('changed');
  }

  /** Items of the signed-in user, newest first. */
  items(): readonly OutboxItem[] {
    return this.#items;
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

export const outbox = new Outbox();

/** The signed-in user's outbox items, newest first, re-rendered on every change. */
export function useOutboxItems(userId: string | null, box: Outbox = outbox): OutboxItem[] {
  const all = useSyncExternalStore(
    (l) => box.subscribe(l),
    () => box.items(),
  );
  return all.filter((i) => i.userId === userId);
}
