/**
 * Who is calling: resolves the session cookie or bearer token on every API request into an
 * actor. A credential that is unknown, expired, revoked or whose user is disabled gets 401 at
 * once; no credential at all is the anonymous actor, who reads `public` records only.
 */
import { KonbitError } from '@konbit/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { resolveSecret } from '../auth/auth.service.js';
import { ANONYMOUS, type Actor, type UserActor } from '../policy/actor.js';
import type { Store } from '../store/store.js';

export const SESSION_COOKIE = 'konbit_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
  }
}

function bearerOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header === undefined) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) {
    throw new KonbitError(
      'Unauthenticated',
      'Authorization must be "Bearer <token>"',
      'Authorization',
    );
  }
  return match[1];
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Cookie-authenticated writes must come from this site: a second guard beside SameSite. */
function checkOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  if (!UNSAFE.has(request.method) || origin === undefined) return;
  const host = request.headers.host;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    originHost = '';
  }
  if (originHost !== host) {
    throw new KonbitError('Forbidden', 'Requests signed in with a cookie must come from this site');
  }
}

export function registerActorResolution(app: FastifyInstance, store: Store): void {
  // Set on every request by the hook below, before any handler reads it.
  app.decorateRequest('actor');
  app.addHook('onRequest', async (request, reply) => {
    request.actor = ANONYMOUS;
    if (!request.url.startsWith('/api/')) return;
    const bearer = bearerOf(request);
    const cookie = bearer === null ? request.cookies[SESSION_COOKIE] : undefined;
    const secret = bearer ?? cookie;
    if (secret === undefined || secret === '') return;
    const actor = await resolveSecret(store.db, secret);
    if (actor === null) {
      // Signing in again must work with a stale cookie still in the browser.
      if (request.url.startsWith('/api/v1/auth/login')) return;
      if (cookie !== undefined) clearSessionCookie(reply);
      throw new KonbitError('Unauthenticated', 'Your session or token has ended; sign in again');
    }
    if (cookie !== undefined) checkOrigin(request);
    request.actor = actor;
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** The signed-in user, or 401. */
export function requireUser(request: FastifyRequest): UserActor {
  const actor = request.actor;
  if (actor.kind !== 'user') throw new KonbitError('Unauthenticated', 'Sign in first');
  return actor;
}
