/** Who does what where (3W). */
import {
  ActivityList,
  ActivityQuery,
  ActivitySchema,
  CreateActivityRequest,
  UpdateActivityRequest,
  Uuid,
} from '@konbit/core';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { requireUser } from '../../http/actor.js';
import { errorResponses, type Api } from '../../http/api.js';
import { sendCreated } from '../../http/idempotency.js';
import { presentActivity } from './activity.presenter.js';
import { createActivity, getActivity, listActivities, updateActivity } from './activity.service.js';

export function activityRoutes(app: Api, ctx: AppContext): void {
  const { store, areas } = ctx;

  app.get(
    '/api/v1/activities',
    {
      schema: {
        tags: ['humanitarian'],
        summary:
          'Who does what where: activities you may read by cluster, area, status, organisation and window, with totals of people reached',
        querystring: ActivityQuery,
        response: { 200: ActivityList, ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const { activities, totals } = await listActivities(store, request.actor, request.query);
      return { activities: activities.map((a) => presentActivity(a, areas)), totals };
    },
  );

  app.get(
    '/api/v1/activities/:id',
    {
      schema: {
        tags: ['humanitarian'],
        summary: 'One activity; 404 if it does not exist or you may not read it',
        params: z.strictObject({ id: Uuid }),
        response: { 200: ActivitySchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) =>
      presentActivity(await getActivity(store, request.actor, request.params.id), areas),
  );

  app.post(
    '/api/v1/activities',
    {
      schema: {
        tags: ['humanitarian'],
        summary: 'Report a 3W activity (for partners unless you say otherwise)',
        body: CreateActivityRequest,
        response: { 201: ActivitySchema, ...errorResponses(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) =>
      sendCreated(
        request,
        reply,
        store,
        async (tx, actor) =>
          presentActivity(await createActivity(tx, actor, ctx, request.body), areas),
        request.body.id,
      ),
  );

  app.patch(
    '/api/v1/activities/:id',
    {
      schema: {
        tags: ['humanitarian'],
        summary: 'Change an activity: status, dates, description, people reached',
        params: z.strictObject({ id: Uuid }),
        body: UpdateActivityRequest,
        response: { 200: ActivitySchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const actor = requireUser(request);
      const activity = await store.transaction((tx) =>
        updateActivity(tx, actor, ctx, request.params.id, request.body),
      );
      return presentActivity(activity, areas);
    },
  );
}
