/** The live feed: server-sent events, resumable with Last-Event-ID. */
import { KonbitError } from '@konbit/core';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { errorResponses, type Api } from '../http/api.js';
import { feedPresenters } from './feed.presenters.js';
import { startCursor } from './feed.service.js';
import { FeedStream } from './feed.stream.js';

const FeedQuery = z.strictObject({
  /** Start after this sequence number (Last-Event-ID takes precedence). */
  since: z.coerce.number().int().min(0).optional(),
  /** With neither, first send up to this many recent events the reader may see. */
  backlog: z.coerce.number().int().min(0).max(500).optional(),
});

export function feedRoutes(app: Api, ctx: AppContext): void {
  const { store, config } = ctx;
  const presenters = feedPresenters(ctx.areas, ctx.clock);
  const open = new Set<FeedStream>();

  app.addHook('preClose', async () => {
    for (const stream of open) stream.close();
  });

  app.get(
    '/api/v1/feed',
    {
      schema: {
        tags: ['feed'],
        summary:
          'Live changes you may see, as server-sent events (id = change-log sequence number). Reconnect with Last-Event-ID to resume without gaps or repeats.',
        querystring: FeedQuery,
        response: { ...errorResponses(400, 401) },
      },
    },
    async (request, reply) => {
      const header = request.headers['last-event-id'];
      const lastEventId = Array.isArray(header) ? header[0] : header;
      let cursor: number | null = null;
      if (lastEventId !== undefined && lastEventId !== '') {
        if (!/^\d{1,15}$/.test(lastEventId)) {
          throw new KonbitError(
            'ValidationFailed',
            'Last-Event-ID must be a sequence number',
            'Last-Event-ID',
          );
        }
        cursor = Number(lastEventId);
      } else if (request.query.since !== undefined) {
        cursor = request.query.since;
      }
      const actor = request.actor;
      const stream = new FeedStream(store, actor, presenters, reply.raw, request.log, {
        heartbeatMs: config.feed.heartbeatSeconds * 1000,
        maxBufferBytes: config.feed.maxBufferBytes,
        drainTimeoutMs: config.feed.drainTimeoutSeconds * 1000,
        pageSize: 500,
      });
      const from = await startCursor(store, actor, stream, {
        after: cursor,
        backlog: request.query.backlog ?? 0,
      });
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': request.id,
      });
      open.add(stream);
      request.log.info(
        { cursor: from, actor: actor.kind === 'user' ? actor.userId : actor.kind },
        'live feed opened',
      );
      try {
        await stream.run(from);
      } catch (err) {
        request.log.error({ err }, 'live feed failed');
        reply.raw.destroy();
      } finally {
        open.delete(stream);
      }
    },
  );
}
