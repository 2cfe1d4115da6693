/** Alerts for mission roles, and acknowledging them. */
import { AcknowledgeAlertRequest, AlertList, AlertQuery, AlertSchema, Uuid } from '@konbit/core';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { requireUser } from '../http/actor.js';
import { errorResponses, type Api } from '../http/api.js';
import { presentAlert } from './alert.presenter.js';
import { acknowledgeAlert, getAlert, listAlerts } from './alert.service.js';

export function alertRoutes(app: Api, ctx: AppContext): void {
  const { store } = ctx;

  app.get(
    '/api/v1/alerts',
    {
      schema: {
        tags: ['alerts'],
        summary: 'Alerts you may read, newest first; open ones unless state says otherwise',
        querystring: AlertQuery,
        response: { 200: AlertList, ...errorResponses(400, 401) },
      },
    },
    async (request) => ({
      alerts: (await listAlerts(store, request.actor, request.query)).map(presentAlert),
    }),
  );

  app.get(
    '/api/v1/alerts/:id',
    {
      schema: {
        tags: ['alerts'],
        summary: 'One alert; 404 if it does not exist or you may not read it',
        params: z.strictObject({ id: Uuid }),
        response: { 200: AlertSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => presentAlert(await getAlert(store, request.actor, request.params.id)),
  );

  app.post(
    '/api/v1/alerts/:id/acknowledge',
    {
      schema: {
        tags: ['alerts'],
        summary: 'Acknowledge an open alert (mission roles); 409 if already acknowledged',
        params: z.strictObject({ id: Uuid }),
        body: AcknowledgeAlertRequest,
        response: { 200: AlertSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const actor = requireUser(request);
      return presentAlert(
        await store.transaction((tx) =>
          acknowledgeAlert(tx, actor, ctx, request.params.id, request.body),
        ),
      );
    },
  );
}
