/** Where a live-feed connection starts, and auditing an admin's all-seeing feed. */
import { currentSeq } from '../changelog/changelog.service.js';
import type { Actor } from '../policy/actor.js';
import { auditRead } from '../policy/enforce.js';
import type { Store } from '../store/store.js';
import type { FeedStream } from './feed.stream.js';

export interface FeedStart {
  /** From Last-Event-ID or `since`: resume right after it. */
  readonly after: number | null;
  /** Otherwise, replay up to this many recent events the reader may see. */
  readonly backlog: number;
}

/** The cursor (exclusive) the stream starts from. */
export async function startCursor(
  store: Store,
  actor: Actor,
  stream: FeedStream,
  start: FeedStart,
): Promise<number> {
  const head = await currentSeq(store.db);
  const cursor =
    start.after ?? (start.backlog > 0 ? await stream.backlogStart(head, start.backlog) : head);
  if (actor.kind === 'user' && actor.role === 'admin') {
    // An admin's feed carries every classification: audit the connection once.
    await auditRead(store, actor, 'feed', [`from:${cursor}`]);
  }
  return Math.min(cursor, head);
}
