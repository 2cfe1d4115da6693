/** Hazard events. */
import {
  CreateHazardEventRequest,
  HazardEventDetail,
  HazardEventList,
  HazardEventSchema,
  HazardQuery,
  missionDay,
  UpdateHazardEventRequest,
  Uuid,
} from '@konbit/core';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { presentFigure } from '../../figures/figure.presenter.js';
import { requireUser } from '../../http/actor.js';
import { errorResponses, type Api } from '../../http/api.js';
import { sendCreated } from '../../http/idempotency.js';
import { presentHazardEvent } from './hazard.presenter.js';
import {
  createHazardEvent,
  getHazardEvent,
  listHazardEvents,
  updateHazardEvent,
} from './hazard.service.js';

export function hazardRoutes(app: Api, ctx: AppContext): void {
  const { store, areas, clock } = ctx;

  app.get(
    '/api/v1/hazards',
    {
      schema: {
        tags: ['humanitarian'],
        summary: 'Hazard events you may read, the latest first: by type, area and window of days',
        querystring: HazardQuery,
        response: { 200: HazardEventList, ...errorResponses(400, 401) },
      },
    },
    async (request) => ({
      hazards: (await listHazardEvents(store, request.actor, request.query)).map((h) =>
        presentHazardEvent(h, areas),
      ),
      asOf: missionDay(clock.now()),
    }),
  );

  app.get(
    '/api/v1/hazards/:id',
    {
      schema: {
        tags: ['humanitarian'],
        summary:
          'One hazard event with the figures linked to it (conflicts flagged); 404 if it does not exist or you may not read it',
        params: z.strictObject({ id: Uuid }),
        response: { 200: HazardEventDetail, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { hazard, figures } = await getHazardEvent(
        store,
        request.actor,
        ctx,
        request.params.id,
      );
      return {
        ...presentHazardEvent(hazard, areas),
        figures: figures.map((f) => presentFigure(f.figure, areas, f.conflictsWith)),
      };
    },
  );

  app.post(
    '/api/v1/hazards',
    {
      schema: {
        tags: ['humanitarian'],
        summary: 'Record a hazard event with its sources (public unless you say otherwise)',
        body: CreateHazardEventRequest,
        response: { 201: HazardEventSchema, ...errorResponses(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) =>
      sendCreated(
        request,
        reply,
        store,
        async (tx, actor) =>
          presentHazardEvent(await createHazardEvent(tx, actor, ctx, request.body), areas),
        request.body.id,
      ),
  );

  app.patch(
    '/api/v1/hazards/:id',
    {
      schema: {
        tags: ['humanitarian'],
        summary: 'Change a hazard event: end it, add affected areas or sources, correct it',
        params: z.strictObject({ id: Uuid }),
        body: UpdateHazardEventRequest,
        response: { 200: HazardEventSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request) => {
      const actor = requireUser(request);
      const hazard = await store.transaction((tx) =>
        updateHazardEvent(tx, actor, ctx, request.params.id, request.body),
      );
      return presentHazardEvent(hazard, areas);
    },
  );
}
