import type { FeedEvent } from '@konbit/core';
import { describe, expect, it } from 'vitest';
import { FeedStore } from './feed';

function event(seq: number, entity: string, entityId: string, op: FeedEvent['op'] = 'create') {
  return {
    seq,
    at: '2023-06-08T16:00:00.000Z',
    entity,
    entityId,
    op,
    classification: 'public' as const,
    record: { id: entityId, seq },
  };
}

describe('the live-feed store', () => {
  it('keeps the latest record per entity and id, and a deleted one as null', () => {
    const store = new FeedStore();
    store.apply(event(1, 'figure', 'a'));
    store.apply(event(2, 'figure', 'a', 'update'));
    store.apply(event(3, 'incident', 'b'));
    store.apply(event(4, 'incident', 'b', 'delete'));
    expect(store.get('figure', 'a')?.record).toEqual({ id: 'a', seq: 2 });
    expect(store.get('incident', 'b')?.record).toBeNull();
    expect([...store.records('figure').keys()]).toEqual(['a']);
    expect(store.recent().map((e) => e.seq)).toEqual([4, 3, 2, 1]);
  });

  it('ignores an event it has already seen (a resumed stream never repeats one)', () => {
    const store = new FeedStore();
    store.apply(event(5, 'figure', 'a'));
    store.apply(event(5, 'figure', 'a'));
    store.apply(event(4, 'figure', 'z'));
    expect(store.recent()).toHaveLength(1);
    expect(store.get('figure', 'z')).toBeUndefined();
  });

  it('tells the subscribers of an entity, and of any entity, and no one else', () => {
    const store = new FeedStore();
    const heard: string[] = [];
    store.subscribe('figure', () => heard.push('figure'));
    store.subscribe('incident', () => heard.push('incident'));
    const off = store.subscribe('*', () => heard.push('*'));
    store.apply(event(1, 'figure', 'a'));
    off();
    store.apply(event(2, 'figure', 'b'));
    expect(heard).toEqual(['figure', '*', 'figure']);
    expect(store.version('figure')).toBe(2);
    expect(store.version('incident')).toBe(0);
  });

  it('forgets everything on reset, so the next user sees none of the last one’s records', () => {
    const store = new FeedStore();
    store.apply(event(7, 'figure', 'secret'));
    let told = 0;
    store.subscribe('figure', () => (told += 1));
    store.reset();
    expect(store.get('figure', 'secret')).toBeUndefined();
    expect(store.recent()).toEqual([]);
    expect(store.lastSeq()).toBe(0);
    expect(told).toBe(1);
    store.apply(event(1, 'figure', 'new'));
    expect(store.recent()).toHaveLength(1);
  });
});
