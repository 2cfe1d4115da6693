/**
 * Civil–military separation end to end: through the list, the single-record read and the live
 * feed, over real HTTP, with real sign-in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../http/api.js';
import {
  bearer,
  seedPeople,
  signIn,
  testApp,
  testContext,
  type TestContext,
} from '../test-support/context.js';
import { SseClient } from '../test-support/sse.js';

describe('civil–military separation', () => {
  let ctx: TestContext;
  let app: Api;
  let base: string;
  const h: Record<
    'ops' | 'contingent' | 'im' | 'field' | 'reporter',
    Record<string, string>
  > = {} as never;

  beforeAll(async () => {
    ctx = await testContext();
    app = await testApp(ctx);
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    const p = await seedPeople(ctx, [
      'missionOps',
      'contingent',
      'humanitarianIm',
      'humanitarianField',
      'reporter',
    ]);
    h.ops = bearer(await signIn(app, p.missionOps.email));
    h.contingent = bearer(await signIn(app, p.contingent.email));
    h.im = bearer(await signIn(app, p.humanitarianIm.email));
    h.field = bearer(await signIn(app, p.humanitarianField.email));
    h.reporter = bearer(await signIn(app, p.reporter.email));
  });
  afterAll(async () => {
    await app.close();
    await ctx.cleanup();
  });

  async function create(
    headers: Record<string, string>,
    classification: string,
    context: string,
  ): Promise<string> {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/figures',
      headers,
      payload: {
        metric: 'affected',
        value: 100,
        pcode: 'HT0117',
        asOf: '2023-06-07',
        source: { organisation: 'Test', title: 'separation' },
        context,
        classification,
      },
    });
    expect(res.statusCode).toBe(201);
    return res.json().id;
  }

  const list = async (headers: Record<string, string>) =>
    (await app.inject({ method: 'GET', url: '/api/v1/figures?metric=affected', headers }))
      .json()
      .figures.map((f: { id: string }) => f.id) as string[];
  const read = async (headers: Record<string, string>, id: string) =>
    (await app.inject({ method: 'GET', url: `/api/v1/figures/${id}`, headers })).statusCode;

  it('never lets a humanitarian record reach a contingent user, nor a mission record an NGO user', async () => {
    const feeds = {
      contingent: await SseClient.open(`${base}/api/v1/feed`, h.contingent),
      field: await SseClient.open(`${base}/api/v1/feed`, h.field),
      ops: await SseClient.open(`${base}/api/v1/feed`, h.ops),
      im: await SseClient.open(`${base}/api/v1/feed`, h.im),
    };
    const humanitarian = await create(h.im, 'humanitarian', 'humanitarian only');
    const mission = await create(h.ops, 'mission', 'mission only');
    const shared = await create(h.ops, 'partners', 'for all partners');

    // Everyone receives the shared record; by then each has been sent everything before it.
    for (const f of Object.values(feeds))
      await f.until((c) => c.changes().some((e) => e.entityId === shared));
    const seen = (f: SseClient) => f.changes().map((e) => e.entityId);

    expect(seen(feeds.contingent)).not.toContain(humanitarian);
    expect(await list(h.contingent)).not.toContain(humanitarian);
    expect(await read(h.contingent, humanitarian)).toBe(404);

    expect(seen(feeds.field)).not.toContain(mission);
    expect(await list(h.field)).not.toContain(mission);
    expect(await read(h.field, mission)).toBe(404);

    // Each compartment does see its own.
    expect(seen(feeds.ops)).toContain(mission);
    expect(seen(feeds.im)).toContain(humanitarian);
    expect(await read(h.ops, mission)).toBe(200);
    expect(await read(h.im, humanitarian)).toBe(200);
    for (const f of Object.values(feeds)) f.close();
  });

  it('answers a record that does not exist exactly as one the reader may not see', async () => {
    const mission = await create(h.ops, 'mission', 'hidden');
    const hidden = await app.inject({
      method: 'GET',
      url: `/api/v1/figures/${mission}`,
      headers: h.field,
    });
    const missing = await app.inject({
      method: 'GET',
      url: '/api/v1/figures/0190a0b2-7c1e-7d3f-8a4b-1c2d3e4f5a6b',
      headers: h.field,
    });
    expect(hidden.statusCode).toBe(missing.statusCode);
    expect(hidden.json().error.code).toBe(missing.json().error.code);
  });

  it('keeps account records (users, sign-ins) off every feed but an admin’s', async () => {
    const feed = await SseClient.open(`${base}/api/v1/feed?backlog=500`, h.ops);
    const marker = await create(h.ops, 'partners', 'marker');
    await feed.until((c) => c.changes().some((e) => e.entityId === marker));
    const entities = new Set(feed.changes().map((e) => e.entity));
    expect(entities.has('user')).toBe(false);
    expect(entities.has('session')).toBe(false);
    expect(entities.has('organisation')).toBe(true);
    feed.close();
  });
});
