/**
 * The live feed in the browser: an EventSource that resumes with Last-Event-ID by itself, and
 * the recent events it has delivered.
 */
import { FeedEventSchema, type FeedEvent } from '@konbit/core';
import { useEffect, useState } from 'react';

export type FeedStatus = 'connecting' | 'live' | 'reconnecting';

const KEEP = 200;

export function useLiveFeed(enabled: boolean): { events: FeedEvent[]; status: FeedStatus } {
  const [events, setEvents] = useState<FeedEvent[]>([]);
  const [status, setStatus] = useState<FeedStatus>('connecting');

  useEffect(() => {
    if (!enabled) return;
    const source = new EventSource('/api/v1/feed?backlog=50');
    source.onopen = () => setStatus('live');
    source.onerror = () =>
      setStatus(source.readyState === EventSource.CLOSED ? 'connecting' : 'reconnecting');
    source.addEventListener('change', (message) => {
      const parsed = FeedEventSchema.safeParse(JSON.parse((message as MessageEvent<string>).data));
      if (!parsed.success) return;
      const event = parsed.data;
      // Newest first; a resumed stream never repeats, but keep the list free of duplicates anyway.
      setEvents((prev) => [event, ...prev.filter((e) => e.seq !== event.seq)].slice(0, KEEP));
    });
    return () => source.close();
  }, [enabled]);

  return { events, status };
}
