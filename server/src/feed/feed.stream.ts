/**
 * One live-feed connection. Pulls change-log entries after its cursor from the store, keeps
 * those the reader may see, presents them and writes them as server-sent events. Because it
 * pulls, a slow reader costs no memory: the stream waits for the socket to drain, and a reader
 * that does not drain in time is disconnected.
 */
import type { ServerResponse } from 'node:http';
import type { FeedEvent } from '@konbit/core';
import type { FastifyBaseLogger } from 'fastify';
import type { ChangeEntry } from '../changelog/changelog.js';
import { entriesAfter, entriesBefore } from '../changelog/changelog.repository.js';
import type { Actor } from '../policy/actor.js';
import { canRead } from '../policy/policy.js';
import type { Store } from '../store/store.js';
import type { FeedPresenter } from './feed.presenters.js';

export interface FeedOptions {
  readonly heartbeatMs: number;
  readonly maxBufferBytes: number;
  readonly drainTimeoutMs: number;
  readonly pageSize: number;
}

export class FeedStream {
  #closed = false;
  #pending = false;
  #wake: (() => void) | null = null;

  constructor(
    private readonly store: Store,
    private readonly actor: Actor,
    private readonly presenters: ReadonlyMap<string, FeedPresenter>,
    private readonly res: ServerResponse,
    private readonly log: FastifyBaseLogger,
    private readonly options: FeedOptions,
  ) {}

  /** The event for `entry` as this reader sees it, or null when they may not see it. */
  present(entry: ChangeEntry): FeedEvent | null {
    const presenter = this.presenters.get(entry.entity);
    if (!presenter) return null;
    const createdBy = (entry.payload as { createdBy?: unknown } | null)?.createdBy;
    const tag = {
      classification: entry.classification,
      restrictedTo: entry.restrictedTo,
      createdBy: typeof createdBy === 'string' ? createdBy : entry.actor,
    };
    if (!canRead(this.actor, tag)) return null;
    return {
      seq: entry.seq,
      at: entry.at,
      entity: entry.entity,
      entityId: entry.entityId,
      op: entry.op,
      classification: entry.classification,
      record: presenter(this.actor, entry),
    };
  }

  /** Where to start so the reader gets the last `count` events they may see. */
  async backlogStart(head: number, count: number, maxScan = 20_000): Promise<number> {
    let before = head + 1;
    let found = 0;
    let scanned = 0;
    while (found < count && scanned < maxScan) {
      const page = await entriesBefore(this.store.db, before, 1000);
      if (page.length === 0) return 0;
      for (const e of page) {
        scanned += 1;
        before = e.seq;
        if (this.present(e) !== null) found += 1;
        if (found === count) return e.seq - 1;
      }
    }
    return before - 1;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#wake?.();
    if (!this.res.destroyed) this.res.end();
  }

  #write(text: string): boolean {
    return this.res.write(text);
  }

  /** Waits until the socket drains; false when it did not in time. */
  #drained(): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.res.off('drain', onDrain);
        resolve(false);
      }, this.options.drainTimeoutMs);
      const onDrain = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.res.once('drain', onDrain);
    });
  }

  #disconnectSlowReader(cursor: number): void {
    this.log.warn(
      { cursor, buffered: this.res.writableLength },
      'live-feed reader fell behind; disconnected',
    );
    this.#closed = true;
    this.res.destroy();
  }

  /** Streams from `cursor` (exclusive) until the connection closes. */
  async run(cursor: number): Promise<void> {
    const onCommit = () => {
      this.#pending = true;
      this.#wake?.();
    };
    this.store.events.on('committed', onCommit);
    this.res.on('close', () => this.close());
    const heartbeat = setInterval(() => {
      if (!this.#closed) this.#write(': heartbeat\n\n');
    }, this.options.heartbeatMs);
    try {
      this.#write('retry: 3000\n\n');
      while (!this.#closed) {
        this.#pending = false;
        const page = await entriesAfter(this.store.db, cursor, this.options.pageSize);
        if (page.length === 0) {
          if (!this.#pending) await new Promise<void>((resolve) => (this.#wake = resolve));
          this.#wake = null;
          continue;
        }
        let lastSent = cursor;
        for (const entry of page) {
          if (this.#closed) return;
          cursor = entry.seq;
          const event = this.present(entry);
          if (event === null) continue;
          lastSent = entry.seq;
          const ok = this.#write(
            `id: ${event.seq}\nevent: change\ndata: ${JSON.stringify(event)}\n\n`,
          );
          if (this.res.writableLength > this.options.maxBufferBytes)
            return this.#disconnectSlowReader(cursor);
          if (!ok && !(await this.#drained())) return this.#disconnectSlowReader(cursor);
        }
        // A run of entries this reader may not see still moves their resume point forward.
        if (lastSent < cursor) this.#write(`id: ${cursor}\n\n`);
      }
    } finally {
      clearInterval(heartbeat);
      this.store.events.off('committed', onCommit);
    }
  }
}
