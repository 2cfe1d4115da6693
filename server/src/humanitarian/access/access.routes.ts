/** Access constraints. */
import {
  AccessConstraintList,
  AccessConstraintQuery,
  AccessConstraintSchema,
  CreateAccessConstraintRequest,
  missionDay,
  UpdateAccessConstraintRequest,
  Uuid,
} from '@konbit/core';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { requireUser } from '../../http/actor.js';
import { errorResponses, type Api } from '../../http/api.js';
import { sendCreated } from '../../http/idempotency.js';
import { presentAccessConstraint } from './access.presenter.js';
import {
  createAccessConstraint,
  getAccessConstraint,
  listAccessConstraints,
  updateAccessConstraint,
} from './access.service.js';

export function accessRoutes(app: Api, ctx: AppContext): void {
  const { store, areas, clock } = ctx;
  const today = () => missionDay(clock.now());

  app.get(
    '/api/v1/access-constraints',
    {
      schema: {
        tags: ['humanitarian'],
        summary:
          'Access constraints you may read: those in force today, or at some day from..to, or all=1 for every one',
        querystring: AccessConstraintQuery,
        response: { 200: AccessConstraintList, ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const constraints = await listAccessConstraints(store, request.actor, clock, request.query);
      const day = today();
      return {
        constraints: constraints.map((c) => presentAccessConstraint(c, areas, day)),
        asOf: day,
      };
    },
  );

  app.get(
    '/api/v1/access-constraints/:id',
    {
      schema: {
        tags: ['humanitarian'],
        summary: 'One access constraint; 404 if it does not exist or you may not read it',
        params: z.strictObject({ id: Uuid }),
        response: { 200: AccessConstraintSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) =>
      presentAccessConstraint(
        await getAccessConstraint(store, request.actor, request.params.id),
        areas,
        today(),
      ),
  );

  app.post(
    '/api/v1/access-constraints',
    {
      schema: {
        tags: ['humanitarian'],
        summary:
          'Record an access constraint on communes, an area (Polygon) or a road segment (LineString)',
        body: CreateAccessConstraintRequest,
        response: { 201: AccessConstraintSchema, ...errorResponses(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) =>
      sendCreated(
        request,
        reply,
        store,
        async (tx, actor) =>
          presentAccessConstraint(
            await createAccessConstraint(tx, actor, ctx, request.body),
            areas,
            today(),
          ),
        request.body.id,
      ),
  );

  app.patch(
    '/api/v1/access-constraints/:id',
    {
      schema: {
        tags: ['humanitarian'],
        summary: 'Change an access constraint: lift it (end), reopen it, severity, wording',
        params: z.strictObject({ id: Uuid }),
        body: UpdateAccessConstraintRequest,
        response: { 200: AccessConstraintSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const actor = requireUser(request);
      const constraint = await store.transaction((tx) =>
        updateAccessConstraint(tx, actor, ctx, request.params.id, request.body),
      );
      return presentAccessConstraint(constraint, areas, today());
    },
  );
}
