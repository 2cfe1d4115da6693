/** Organisations and user accounts. */
import {
  CreateOrganisationRequest,
  CreateUserRequest,
  OrganisationSchema,
  UserSchema,
  Uuid,
} from '@konbit/core';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { errorResponses, type Api } from '../http/api.js';
import { requireUser } from '../http/actor.js';
import { sendCreated } from '../http/idempotency.js';
import { presentOrganisation } from './organisation.js';
import {
  createOrganisation,
  createUser,
  listOrganisations,
  listUsers,
  setUserDisabled,
} from './orgs.service.js';
import { presentUser } from './user.js';

export function orgsRoutes(app: Api, ctx: AppContext): void {
  const { store } = ctx;

  app.get(
    '/api/v1/organisations',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Every organisation (names and kinds are partners information)',
        response: {
          200: z.object({ organisations: z.array(OrganisationSchema) }),
          ...errorResponses(401),
        },
      },
    },
    async (request) => ({
      organisations: (await listOrganisations(store.db, requireUser(request))).map(
        presentOrganisation,
      ),
    }),
  );

  app.post(
    '/api/v1/organisations',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Add an organisation (admin)',
        body: CreateOrganisationRequest,
        response: { 201: OrganisationSchema, ...errorResponses(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) =>
      sendCreated(
        request,
        reply,
        store,
        async (tx, actor) => presentOrganisation(await createOrganisation(tx, actor, request.body)),
        request.body.id,
      ),
  );

  app.get(
    '/api/v1/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Every user account (admin)',
        response: { 200: z.object({ users: z.array(UserSchema) }), ...errorResponses(401, 403) },
      },
    },
    async (request) => ({
      users: (await listUsers(store.db, requireUser(request))).map(presentUser),
    }),
  );

  app.post(
    '/api/v1/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Add a user account (admin)',
        body: CreateUserRequest,
        response: { 201: UserSchema, ...errorResponses(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) =>
      sendCreated(
        request,
        reply,
        store,
        async (tx, actor) => presentUser(await createUser(tx, actor, request.body)),
        request.body.id,
      ),
  );

  for (const [action, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    app.post(
      `/api/v1/users/:id/${action}`,
      {
        schema: {
          tags: ['users'],
          summary: disabled
            ? 'Disable a user (admin): every session and token of theirs stops working at once'
            : 'Enable a disabled user (admin)',
          params: z.strictObject({ id: Uuid }),
          response: { 200: UserSchema, ...errorResponses(401, 403, 404, 409) },
        },
      },
      async (request) => {
        const actor = requireUser(request);
        const user = await store.transaction((tx) =>
          setUserDisabled(tx, actor, request.params.id, disabled),
        );
        request.log.info({ user: user.id, disabled }, 'user access changed');
        return presentUser(user);
      },
    );
  }
}
