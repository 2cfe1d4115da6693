/** The web app's view of this server's set-up (map tiles). Public: it holds no secret. */
import { WebConfig } from '@konbit/core';
import type { AppContext } from '../context.js';
import type { Api } from './api.js';

export function webRoutes(app: Api, ctx: AppContext): void {
  const answer: WebConfig = { mapTiles: ctx.config.mapTiles };
  app.get(
    '/api/v1/web/config',
    {
      schema: {
        tags: ['system'],
        summary: 'Settings the web app needs: background map tiles for when it is online',
        response: { 200: WebConfig },
      },
    },
    async () => answer,
  );
}
