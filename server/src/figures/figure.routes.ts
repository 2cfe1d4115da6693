/** Figures with their sources. */
import { CreateFigureRequest, FigureList, FigureQuery, FigureSchema, Uuid } from '@konbit/core';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { errorResponses, type Api } from '../http/api.js';
import { sendCreated } from '../http/idempotency.js';
import { presentFigure } from './figure.presenter.js';
import { createFigure, getFigure, listFigures } from './figure.service.js';

export function figureRoutes(app: Api, ctx: AppContext): void {
  const { store, areas } = ctx;

  app.get(
    '/api/v1/figures',
    {
      schema: {
        tags: ['figures'],
        summary:
          'Figures you may read, newest first, each flagged when another source disagrees (conflict, conflictsWith); latest=1 keeps the latest per metric and place, with any figure that conflicts with it beside it',
        querystring: FigureQuery,
        response: { 200: FigureList, ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const { figures, today } = await listFigures(store, request.actor, ctx, request.query);
      return {
        figures: figures.map((f) => presentFigure(f.figure, areas, f.conflictsWith)),
        asOf: today,
      };
    },
  );

  app.get(
    '/api/v1/figures/:id',
    {
      schema: {
        tags: ['figures'],
        summary:
          'One figure with its source and the figures it conflicts with; 404 if it does not exist or you may not read it',
        params: z.strictObject({ id: Uuid }),
        response: { 200: FigureSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { figure, conflictsWith } = await getFigure(
        store,
        request.actor,
        ctx,
        request.params.id,
      );
      return presentFigure(figure, areas, conflictsWith);
    },
  );

  app.post(
    '/api/v1/figures',
    {
      schema: {
        tags: ['figures'],
        summary: 'Record a figure with its source',
        body: CreateFigureRequest,
        response: { 201: FigureSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) =>
      sendCreated(
        request,
        reply,
        store,
        async (tx, actor) => presentFigure(await createFigure(tx, actor, ctx, request.body), areas),
        request.body.id,
      ),
  );
}
