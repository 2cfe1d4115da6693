import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFigure } from '../figures/figure.service.js';
import type { Api } from '../http/api.js';
import { systemActor } from '../policy/actor.js';
import {
  bearer,
  seedPeople,
  signIn,
  testApp,
  testContext,
  type TestContext,
} from '../test-support/context.js';
import { SseClient } from '../test-support/sse.js';

const writer = systemActor('test');

describe('live feed over real HTTP', () => {
  let ctx: TestContext;
  let app: Api;
  let base: string;
  let ops: Record<string, string>;
  let n = 0;

  async function figure(
    classification: 'public' | 'mission' | 'humanitarian' = 'public',
    context = `figure ${++n}`,
  ) {
    return ctx.store.transaction((tx) =>
      createFigure(tx, writer, ctx, {
        metric: 'idps',
        value: n,
        pcode: 'HT0111',
        asOf: '2023-06-01',
        source: { organisation: 'Test', title: 'feed' },
        context,
        classification,
      }),
    );
  }

  beforeAll(async () => {
    ctx = await testContext({
      config: { feed: { heartbeatSeconds: 1, maxBufferBytes: 64 * 1024, drainTimeoutSeconds: 1 } },
    });
    app = await testApp(ctx);
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    const people = await seedPeople(ctx, ['missionOps']);
    ops = bearer(await signIn(app, people.missionOps.email));
  });
  afterAll(async () => {
    await app.close();
    await ctx.cleanup();
  });

  it('sends each new change with its sequence number as the event id', async () => {
    const feed = await SseClient.open(`${base}/api/v1/feed`, ops);
    expect(feed.status).toBe(200);
    const created = await figure();
    await feed.until((c) => c.changes().some((e) => e.entityId === created.id));
    const event = feed
      .changes<{
        seq: number;
        entity: string;
        record: { value: number; source: { organisation: string } };
      }>()
      .find((e) => e.entity === 'figure');
    expect(event?.record).toMatchObject({ value: created.value, source: { organisation: 'Test' } });
    expect(feed.events.at(-1)?.id).toBe(String(event?.seq));
    feed.close();
  });

  it('resumes from Last-Event-ID without gaps or repeats', async () => {
    const first = await SseClient.open(`${base}/api/v1/feed`, ops);
    const a = [await figure(), await figure(), await figure()];
    await first.until((c) => c.changes().filter((e) => e.entity === 'figure').length === 3);
    const lastSeen = first.lastEventId;
    first.close();

    const missed = [await figure(), await figure(), await figure(), await figure()];
    const second = await SseClient.open(`${base}/api/v1/feed`, {
      ...ops,
      'last-event-id': String(lastSeen),
    });
    const more = await figure();
    await second.until((c) => c.changes().some((e) => e.entityId === more.id));
    const ids = second
      .changes()
      .filter((e) => e.entity === 'figure')
      .map((e) => e.entityId);
    expect(ids).toEqual([...missed, more].map((f) => f.id));
    expect(ids.some((id) => a.some((f) => f.id === id))).toBe(false);
    const seqs = second.changes().map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    second.close();
  });

  it('replays the last few events a new reader may see with ?backlog', async () => {
    const visible = [await figure(), await figure()];
    await figure('humanitarian');
    const feed = await SseClient.open(`${base}/api/v1/feed?backlog=2`, ops);
    await feed.until((c) => c.changes().length === 2);
    expect(feed.changes().map((e) => e.entityId)).toEqual(visible.map((f) => f.id));
    feed.close();
  });

  it('sends heartbeats while nothing happens', async () => {
    const feed = await SseClient.open(`${base}/api/v1/feed`, ops);
    await feed.until((c) => c.comments.includes('heartbeat'), 3000);
    feed.close();
  });

  it('rejects a Last-Event-ID that is not a sequence number with 400', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/feed',
      headers: { ...ops, 'last-event-id': 'abc' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('Last-Event-ID');
  });

  it('disconnects a reader that stops reading instead of buffering for it', async () => {
    const socket = connect({ host: '127.0.0.1', port: Number(new URL(base).port) });
    await new Promise((r) => socket.once('connect', r));
    socket.write(
      `GET /api/v1/feed HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${ops['authorization']}\r\nAccept: text/event-stream\r\n\r\n`,
    );
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.on('error', () => undefined);
    await new Promise((r) => setTimeout(r, 200));
    socket.pause();
    const rss = process.memoryUsage().rss;
    // About 6 MB of events: more than the socket buffers hold.
    await ctx.store.transaction(async (tx) => {
      for (let i = 0; i < 6000; i += 1) {
        await createFigure(tx, writer, ctx, {
          metric: 'idps',
          value: i,
          pcode: 'HT0111',
          asOf: '2023-06-01',
          source: { organisation: 'Test', title: 'x'.repeat(400) },
          context: 'y'.repeat(450),
        });
      }
    });
    const connections = () =>
      new Promise<number>((resolve) => app.server.getConnections((_e, count) => resolve(count)));
    const deadline = Date.now() + 15_000;
    while ((await connections()) > 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    expect(await connections()).toBe(0);
    // A paused socket only notices the server's close once it reads again.
    socket.resume();
    const outcome = await Promise.race([
      closed.then(() => 'closed'),
      new Promise((r) => setTimeout(() => r('still open'), 15_000)),
    ]);
    expect(outcome).toBe('closed');
    expect(process.memoryUsage().rss - rss).toBeLessThan(200 * 1024 * 1024);
    socket.destroy();
  });
});
