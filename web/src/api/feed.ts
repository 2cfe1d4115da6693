/**
 * The live feed in the browser: one EventSource per signed-in page (it resumes with
 * Last-Event-ID by itself) feeding a store of the latest record per entity and id. Map layers,
 * the dashboard and lists subscribe to the entities they show and refresh when one changes, so
 * new and changed records appear without a reload.
 */
import { FeedEventSchema, type FeedEvent } from '@konbit/core';
import { useEffect, useSyncExternalStore } from 'react';

export type FeedStatus = 'connecting' | 'live' | 'reconnecting';

/** A record as the feed last presented it; `null` once deleted. */
export interface FeedRecord {
  readonly seq: number;
  readonly at: string;
  readonly op: FeedEvent['op'];
  readonly record: unknown;
}

type Listener = () => void;

const RECENT = 200;

export class FeedStore {
  readonly #records = new Map<string, Map<string, FeedRecord>>();
  readonly #versions = new Map<string, number>();
  readonly #listeners = new Map<string, Set<Listener>>();
  #recent: readonly FeedEvent[] = [];
  #status: FeedStatus = 'connecting';
  #lastSeq = 0;

  /** Applies one event; events at or below the last sequence number seen are ignored. */
  apply(event: FeedEvent): void {
    if (event.seq <= this.#lastSeq) return;
    this.#lastSeq = event.seq;
    let byId = this.#records.get(event.entity);
    if (!byId) {
      byId = new Map();
      this.#records.set(event.entity, byId);
    }
    byId.set(event.entityId, {
      seq: event.seq,
      at: event.at,
      op: event.op,
      record: event.op === 'delete' ? null : event.record,
    });
    this.#versions.set(event.entity, (this.#versions.get(event.entity) ?? 0) + 1);
    this.#recent = [event, ...this.#recent].slice(0, RECENT);
    this.#notify(event.entity);
    this.#notify('*');
  }

  /** Forgets everything (on sign-out): the next user never sees the last one's records. */
  reset(): void {
    const entities = [...this.#records.keys()];
    this.#records.clear();
    this.#recent = [];
    this.#lastSeq = 0;
    for (const e of entities) {
      this.#versions.set(e, (this.#versions.get(e) ?? 0) + 1);
      this.#notify(e);
    }
    this.#notify('*');
  }

  setStatus(status: FeedStatus): void {
    if (status === this.#status) return;
    this.#status = status;
    this.#notify('status');
  }

  /** Listens to changes of one entity (`figure`, `incident`…), `*` for any, or `status`. */
  subscribe(topic: string, listener: Listener): () => void {
    let set = this.#listeners.get(topic);
    if (!set) {
      set = new Set();
      this.#listeners.set(topic, set);
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  /** A number that changes whenever a record of `entity` arrives. */
  version(entity: string): number {
    return this.#versions.get(entity) ?? 0;
  }

  get(entity: string, id: string): FeedRecord | undefined {
    return this.#records.get(entity)?.get(id);
  }

  /** Records of `entity` seen on the feed, by id. */
  records(entity: string): ReadonlyMap<string, FeedRecord> {
    return this.#records.get(entity) ?? new Map();
  }

  recent(): readonly FeedEvent[] {
    return this.#recent;
  }

  status(): FeedStatus {
    return this.#status;
  }

  lastSeq(): number {
    return this.#lastSeq;
  }

  #notify(topic: string): void {
    for (const l of this.#listeners.get(topic) ?? []) l();
  }
}

/** The page's feed store. */
export const feedStore = new FeedStore();

/**
 * Opens the live feed while `enabled` (signed in) and pours it into `feedStore`. The backlog
 * fills the recent list; afterwards every event is new.
 */
export function useLiveFeedConnection(enabled: boolean, store: FeedStore = feedStore): void {
  useEffect(() => {
    if (!enabled) return;
    store.setStatus('connecting');
    const since = store.lastSeq();
    const source = new EventSource(
      since > 0 ? `/api/v1/feed?since=${since}` : '/api/v1/feed?backlog=50',
    );
    source.onopen = () => store.setStatus('live');
    source.onerror = () =>
      store.setStatus(source.readyState === EventSource.CLOSED ? 'connecting' : 'reconnecting');
    source.addEventListener('change', (message) => {
      let data: unknown;
      try {
        data = JSON.parse((message as MessageEvent<string>).data);
      } catch {
        console.warn('live feed: an event that is not JSON was ignored');
        return;
      }
      const parsed = FeedEventSchema.safeParse(data);
      if (parsed.success) store.apply(parsed.data);
      else console.warn('live feed: an event that does not match the schema was ignored');
    });
    return () => source.close();
  }, [enabled, store]);
}

/** Re-renders when a record of `entity` arrives; returns the entity's version number. */
export function useFeedVersion(entity: string, store: FeedStore = feedStore): number {
  return useSyncExternalStore(
    (l) => store.subscribe(entity, l),
    () => store.version(entity),
  );
}

export function useFeedStatus(store: FeedStore = feedStore): FeedStatus {
  return useSyncExternalStore(
    (l) => store.subscribe('status', l),
    () => store.status(),
  );
}

export function useRecentEvents(store: FeedStore = feedStore): readonly FeedEvent[] {
  return useSyncExternalStore(
    (l) => store.subscribe('*', l),
    () => store.recent(),
  );
}
