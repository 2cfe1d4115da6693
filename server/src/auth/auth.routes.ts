/** Sign-in, sign-out, the current user, password change and the user's own API tokens. */
import {
  ApiTokenSchema,
  ChangePasswordRequest,
  CreateTokenRequest,
  LoginRequest,
  LoginResponse,
  Me,
  TokenCreated,
  Uuid,
} from '@konbit/core';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { errorResponses, type Api } from '../http/api.js';
import { clearSessionCookie, requireUser, SESSION_COOKIE } from '../http/actor.js';
import { sendCreated } from '../http/idempotency.js';
import {
  changePassword,
  createToken,
  listTokens,
  login,
  logout,
  me,
  revokeToken,
} from './auth.service.js';

export function authRoutes(app: Api, ctx: AppContext): void {
  const { store, config } = ctx;

  app.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the session cookie and returns a bearer token for scripts',
        body: LoginRequest,
        response: { 200: LoginResponse, ...errorResponses(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const session = await login(
        store,
        ctx.loginLimits,
        {
          email: request.body.email,
          password: request.body.password,
          address: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
        },
        config.sessionHours,
      );
      request.log.info({ user: session.actor.userId, role: session.actor.role }, 'signed in');
      void reply.setCookie(SESSION_COOKIE, session.secret, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: config.cookieSecure,
        expires: new Date(session.expiresAt),
      });
      return {
        user: await me(store.db, session.actor),
        token: session.secret,
        expiresAt: session.expiresAt,
      };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out: the session (or token) is revoked on the server',
        response: { 204: z.undefined(), ...errorResponses(401) },
      },
    },
    async (request, reply) => {
      await logout(store, requireUser(request));
      clearSessionCookie(reply);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user, organisation and permissions',
        response: { 200: Me, ...errorResponses(401) },
      },
    },
    async (request) => me(store.db, requireUser(request)),
  );

  app.post(
    '/api/v1/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change your password; your other sessions end',
        body: ChangePasswordRequest,
        response: { 204: z.undefined(), ...errorResponses(400, 401) },
      },
    },
    async (request, reply) => {
      await changePassword(
        store,
        requireUser(request),
        request.body.currentPassword,
        request.body.newPassword,
      );
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/auth/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'Your API tokens (never their secrets)',
        response: { 200: z.object({ tokens: z.array(ApiTokenSchema) }), ...errorResponses(401) },
      },
    },
    async (request) => {
      const actor = requireUser(request);
      return { tokens: await listTokens(store.db, actor, actor.userId) };
    },
  );

  app.post(
    '/api/v1/auth/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create an API token for yourself; the secret is shown once',
        body: CreateTokenRequest,
        response: { 201: TokenCreated, ...errorResponses(400, 401, 403, 422) },
      },
    },
    async (request, reply) =>
      sendCreated(request, reply, store, (tx, actor) =>
        createToken(tx, actor, { userId: actor.userId, ...request.body }),
      ),
  );

  app.delete(
    '/api/v1/tokens/:id',
    {
      schema: {
        tags: ['auth'],
        summary: 'Revoke an API token (your own, or any as admin)',
        params: z.strictObject({ id: Uuid }),
        response: { 200: ApiTokenSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const actor = requireUser(request);
      return store.transaction((tx) => revokeToken(tx, actor, request.params.id));
    },
  );
}
