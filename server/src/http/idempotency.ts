/**
 * Creates over HTTP: read the idempotency key (the header, or else the client-made id), run the
 * create at most once per key, and answer 201 (or the stored answer to an earlier try).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { actorRef, type UserActor } from '../policy/actor.js';
import {
  checkKey,
  fingerprintOf,
  idempotent,
  type AnswerAgain,
  type IdempotencyRequest,
} from '../idempotency/idempotency.js';
import type { Store, Tx } from '../store/store.js';
import { requireUser } from './actor.js';

export function idempotencyOf(
  request: FastifyRequest,
  clientId?: string,
): IdempotencyRequest | null {
  const header = request.headers['idempotency-key'];
  const raw = Array.isArray(header) ? header[0] : header;
  const key = raw !== undefined ? checkKey(raw) : clientId !== undefined ? `id:${clientId}` : null;
  if (key === null) return null;
  const path = request.url.split('?')[0] ?? request.url;
  return {
    scope: actorRef(requireUser(request)),
    key,
    fingerprint: fingerprintOf(request.method, path, request.body),
  };
}

/**
 * Runs `create` for the signed-in user in one transaction, idempotently, and sends 201 with
 * what it returns (already presented). A retry gets the first answer again, or `again`'s when
 * the first was not kept.
 */
export async function sendCreated<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  store: Store,
  create: (tx: Tx, actor: UserActor) => Promise<T>,
  clientId?: string,
  again?: (actor: UserActor) => AnswerAgain<T>,
): Promise<FastifyReply> {
  const actor = requireUser(request);
  const result = await idempotent(
    store,
    idempotencyOf(request, clientId),
    async (tx) => ({ status: 201, body: await create(tx, actor) }),
    again?.(actor),
  );
  return reply
    .code(result.status)
    .header('idempotent-replayed', String(result.replayed))
    .send(result.body);
}
