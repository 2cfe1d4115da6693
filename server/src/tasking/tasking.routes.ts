/** Units, assignments of units to sites, and the police-freed figure. */
import {
  AssignmentList,
  AssignmentQuery,
  AssignmentSchema,
  AssignmentStateRequest,
  CreateAssignmentRequest,
  CreateUnitRequest,
  PoliceFreedQuery,
  PoliceFreedResponse,
  UnitList,
  UnitSchema,
  Uuid,
} from '@konbit/core';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { requireUser } from '../http/actor.js';
import { errorResponses, type Api } from '../http/api.js';
import { sendCreated } from '../http/idempotency.js';
import { presentAssignment, presentPoliceFreed, presentUnit } from './tasking.presenter.js';
import {
  createAssignment,
  createUnit,
  getAssignment,
  getUnit,
  listAssignments,
  listUnits,
  policeFreedReport,
  setAssignmentState,
} from './tasking.service.js';

const Params = z.strictObject({ id: Uuid });

export function taskingRoutes(app: Api, ctx: AppContext): void {
  const { store } = ctx;

  app.get(
    '/api/v1/units',
    {
      schema: {
        tags: ['tasking'],
        summary: 'Units you may read (mission by default), by name',
        response: { 200: UnitList, ...errorResponses(401) },
      },
    },
    async (request) => ({ units: (await listUnits(store, request.actor)).map(presentUnit) }),
  );

  app.get(
    '/api/v1/units/:id',
    {
      schema: {
        tags: ['tasking'],
        summary: 'One unit; 404 if it does not exist or you may not read it',
        params: Params,
        response: { 200: UnitSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => presentUnit(await getUnit(store, request.actor, request.params.id)),
  );

  app.post(
    '/api/v1/units',
    {
      schema: {
        tags: ['tasking'],
        summary:
          'Register a unit with its personnel strength and capabilities; service "police" for HNP units, which free no police',
        body: CreateUnitRequest,
        response: { 201: UnitSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      sendCreated(
        request,
        reply,
        store,
        async (tx, actor) => presentUnit(await createUnit(tx, actor, ctx, request.body)),
        request.body.id,
      ),
  );

  app.get(
    '/api/v1/assignments',
    {
      schema: {
        tags: ['tasking'],
        summary:
          'Assignments of units to sites that you may read (tasking is mission by default: others get none), earliest first',
        querystring: AssignmentQuery,
        response: { 200: AssignmentList, ...errorResponses(400, 401) },
      },
    },
    async (request) => ({
      assignments: (await listAssignments(store, request.actor, request.query)).map(
        presentAssignment,
      ),
    }),
  );

  app.get(
    '/api/v1/assignments/:id',
    {
      schema: {
        tags: ['tasking'],
        summary: 'One assignment; 404 if it does not exist or you may not read it',
        params: Params,
        response: { 200: AssignmentSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) =>
      presentAssignment(await getAssignment(store, request.actor, request.params.id)),
  );

  app.post(
    '/api/v1/assignments',
    {
      schema: {
        tags: ['tasking'],
        summary:
          'Assign a unit to a site for a period with personnel and a shift (planned by default); 409 AssignmentClash if the unit would be over-committed at any moment',
        body: CreateAssignmentRequest,
        response: { 201: AssignmentSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      sendCreated(
        request,
        reply,
        store,
        async (tx, actor) =>
          presentAssignment(await createAssignment(tx, actor, ctx, request.body)),
        request.body.id,
      ),
  );

  app.post(
    '/api/v1/assignments/:id/state',
    {
      schema: {
        tags: ['tasking'],
        summary:
          'Move an assignment planned → active → ended (planned → ended drops a plan); ending cuts its period',
        params: Params,
        body: AssignmentStateRequest,
        response: { 200: AssignmentSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request) => {
      const actor = requireUser(request);
      return presentAssignment(
        await store.transaction((tx) =>
          setAssignmentState(tx, actor, ctx, request.params.id, request.body),
        ),
      );
    },
  );

  app.get(
    '/api/v1/kpi/police-freed',
    {
      schema: {
        tags: ['tasking', 'kpi'],
        summary:
          'HNP officers freed per Port-au-Prince day and per site, actual (active assignments) and projected (planned and active), from the sites and assignments you may read; today to six days on by default',
        querystring: PoliceFreedQuery,
        response: { 200: PoliceFreedResponse, ...errorResponses(400, 401) },
      },
    },
    async (request) =>
      presentPoliceFreed(await policeFreedReport(store, request.actor, ctx, request.query)),
  );
}
