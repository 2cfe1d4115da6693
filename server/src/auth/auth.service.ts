/** Sign-in, sessions, API tokens and passwords. */
import {
  KonbitError,
  newId,
  type Me,
  type OrgId,
  type OrgKind,
  type Role,
  type UserId,
} from '@konbit/core';
import { recordChange } from '../changelog/changelog.service.js';
import { ACCOUNT_CLASSIFICATION, getOrganisation, requireAction } from '../orgs/orgs.service.js';
import { findUser, findUserByEmail, updateUser } from '../orgs/orgs.repository.js';
import { presentOrganisation } from '../orgs/organisation.js';
import { userRowToUser } from '../orgs/user.js';
import type { UserActor, Writer } from '../policy/actor.js';
import { permissionsOf } from '../policy/policy.js';
import type { Db, Store, Tx } from '../store/store.js';
import {
  findLiveSession,
  findLiveToken,
  findToken,
  insertSession,
  insertToken,
  listTokensOf,
  revokeSession,
  revokeSessionsOf,
  revokeToken as revokeTokenRow,
} from './credential.repository.js';
import type { ApiTokenTable } from './credential.table.js';
import { hashPassword, UNUSABLE_HASH, verifyPassword } from './password.js';
import type { FailureLimiter } from './rate-limiter.js';
import { hashSecret, newSecret, SESSION_PREFIX, TOKEN_PREFIX } from './secrets.js';

export interface LoginLimits {
  readonly perAccount: FailureLimiter;
  readonly perAddress: FailureLimiter;
}

export interface LoginAttempt {
  readonly email: string;
  readonly password: string;
  readonly address: string;
  readonly userAgent: string | null;
}

export interface SessionCreated {
  readonly actor: UserActor;
  readonly secret: string;
  readonly expiresAt: string;
}

function rateLimited(seconds: number): KonbitError {
  const err = new KonbitError(
    'RateLimited',
    `Too many failed sign-ins; try again in ${Math.ceil(seconds / 60)} minute(s)`,
  );
  return Object.assign(err, { retryAfter: seconds });
}

/**
 * Checks a password and opens a session. Failures count against the account and the address;
 * past the limit every attempt is refused until the window ends, right password or not.
 */
export async function login(
  store: Store,
  limits: LoginLimits,
  attempt: LoginAttempt,
  sessionHours: number,
): Promise<SessionCreated> {
  const accountKey = attempt.email;
  const wait = Math.max(
    limits.perAccount.retryAfter(accountKey),
    limits.perAddress.retryAfter(attempt.address),
  );
  if (wait > 0) throw rateLimited(wait);

  const row = await findUserByEmail(store.db, attempt.email);
  const ok = await verifyPassword(attempt.password, row?.password_hash ?? UNUSABLE_HASH);
  if (!row || !ok || row.disabled_at !== null) {
    limits.perAccount.fail(accountKey);
    limits.perAddress.fail(attempt.address);
    throw new KonbitError(
      'InvalidCredentials',
      'E-mail or password is wrong, or the account is disabled',
    );
  }
  limits.perAccount.reset(accountKey);

  const org = await getOrganisation(store.db, row.org_id);
  if (!org) throw new KonbitError('Internal', 'The account has no organisation');
  const secret = newSecret(SESSION_PREFIX);
  const now = new Date();
  const expiresAt = new Date(now.getTime() + sessionHours * 3_600_000).toISOString();
  const sessionId = newId();
  const actor: UserActor = {
    kind: 'user',
    userId: row.id as UserId,
    email: row.email,
    name: row.name,
    orgId: org.id,
    orgKind: org.kind,
    role: row.role as Role,
    credential: { type: 'session', id: sessionId },
  };
  await store.transaction(async (tx) => {
    await insertSession(tx, {
      id: sessionId,
      token_hash: hashSecret(secret),
      user_id: row.id,
      created_at: now.toISOString(),
      expires_at: expiresAt,
      revoked_at: null,
      address: attempt.address,
      user_agent: attempt.userAgent?.slice(0, 300) ?? null,
    });
    await recordChange(tx, actor, {
      entity: 'session',
      entityId: sessionId,
      op: 'create',
      ...ACCOUNT_CLASSIFICATION,
      payload: { id: sessionId, userId: row.id, expiresAt, address: attempt.address },
    });
  });
  return { actor, secret, expiresAt };
}

/** The actor a session or token secret stands for, or null if it is unknown, expired or revoked. */
export async function resolveSecret(db: Db, secret: string): Promise<UserActor | null> {
  const now = new Date().toISOString();
  const hash = hashSecret(secret);
  let found;
  let type: 'session' | 'token';
  if (secret.startsWith(SESSION_PREFIX)) {
    found = await findLiveSession(db, hash, now);
    type = 'session';
  } else if (secret.startsWith(TOKEN_PREFIX)) {
    found = await findLiveToken(db, hash, now);
    type = 'token';
  } else {
    return null;
  }
  if (!found || found.disabled_at !== null) return null;
  return {
    kind: 'user',
    userId: found.user_id as UserId,
    email: found.email,
    name: found.name,
    orgId: found.org_id as OrgId,
    orgKind: found.org_kind as OrgKind,
    role: found.role as Role,
    credential: { type, id: found.credential_id },
  };
}

/** Ends the credential the actor used: a session is revoked server-side, not just forgotten. */
export async function logout(store: Store, actor: UserActor): Promise<void> {
  await store.transaction(async (tx) => {
    const at = new Date().toISOString();
    if (actor.credential.type === 'session') await revokeSession(tx, actor.credential.id, at);
    else await revokeTokenRow(tx, actor.credential.id, at);
    await recordChange(tx, actor, {
      entity: actor.credential.type === 'session' ? 'session' : 'api-token',
      entityId: actor.credential.id,
      op: 'update',
      ...ACCOUNT_CLASSIFICATION,
      payload: { id: actor.credential.id, userId: actor.userId, revokedAt: at },
    });
  });
}

export async function me(db: Db, actor: UserActor): Promise<Me> {
  const row = await findUser(db, actor.userId);
  const org = await getOrganisation(db, actor.orgId);
  if (!row || !org) throw new KonbitError('Unauthenticated', 'Your account no longer exists');
  const user = userRowToUser(row);
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    language: user.language,
    organisation: presentOrganisation(org),
    permissions: permissionsOf(actor),
  };
}

/** Changes the actor's password and ends their other sessions. */
export async function changePassword(
  store: Store,
  actor: UserActor,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const row = await findUser(store.db, actor.userId);
  if (!row || !(await verifyPassword(currentPassword, row.password_hash))) {
    throw new KonbitError('InvalidCredentials', 'The current password is wrong', 'currentPassword');
  }
  if (currentPassword === newPassword) {
    throw new KonbitError(
      'ValidationFailed',
      'The new password must differ from the current one',
      'newPassword',
    );
  }
  const hash = await hashPassword(newPassword);
  await store.transaction(async (tx) => {
    const at = new Date().toISOString();
    await updateUser(tx, actor.userId, { password_hash: hash, updated_at: at });
    const keep = actor.credential.type === 'session' ? actor.credential.id : undefined;
    const ended = await revokeSessionsOf(tx, actor.userId, at, keep);
    await recordChange(tx, actor, {
      entity: 'user',
      entityId: actor.userId,
      op: 'update',
      ...ACCOUNT_CLASSIFICATION,
      payload: { id: actor.userId, passwordChangedAt: at, sessionsEnded: ended },
    });
  });
}

export interface ApiToken {
  readonly id: string;
  readonly name: string;
  readonly userId: string;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
}

function tokenRowToToken(row: ApiTokenTable): ApiToken {
  return {
    id: row.id,
    name: row.name,
    userId: row.user_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}

/**
 * Creates an API token for `userId` (the actor's own unless an admin says otherwise).
 * Returns the secret once; only its hash is kept.
 */
export async function createToken(
  tx: Tx,
  actor: Writer,
  input: { userId: string; name: string; expiresInDays?: number | undefined },
): Promise<ApiToken & { token: string }> {
  const own = actor.kind === 'user' && actor.userId === input.userId;
  requireAction(actor, own ? 'token.manage-own' : 'user.manage');
  const user = await findUser(tx, input.userId);
  if (!user) throw new KonbitError('NotFound', `No user has id ${input.userId}`, 'userId');
  if (user.disabled_at !== null) {
    throw new KonbitError(
      'Conflict',
      `The account ${user.email} is disabled; enable it before creating a token`,
    );
  }
  const secret = newSecret(TOKEN_PREFIX);
  const now = new Date();
  const row: ApiTokenTable = {
    id: newId(),
    token_hash: hashSecret(secret),
    user_id: user.id,
    name: input.name,
    created_at: now.toISOString(),
    expires_at:
      input.expiresInDays === undefined
        ? null
        : new Date(now.getTime() + input.expiresInDays * 86_400_000).toISOString(),
    revoked_at: null,
  };
  await insertToken(tx, row);
  const token = tokenRowToToken(row);
  await recordChange(tx, actor, {
    entity: 'api-token',
    entityId: token.id,
    op: 'create',
    ...ACCOUNT_CLASSIFICATION,
    payload: token,
  });
  return { ...token, token: secret };
}

/** Revokes a token: its owner or an admin may. */
export async function revokeToken(tx: Tx, actor: Writer, tokenId: string): Promise<ApiToken> {
  const row = await findToken(tx, tokenId);
  const own = row !== undefined && actor.kind === 'user' && actor.userId === row.user_id;
  if (
    !row ||
    !(own || actor.kind === 'system' || (actor.kind === 'user' && actor.role === 'admin'))
  ) {
    // The same answer whether the token is someone else's or does not exist.
    throw new KonbitError('NotFound', `No token of yours has id ${tokenId}`, 'id');
  }
  requireAction(actor, own ? 'token.manage-own' : 'user.manage');
  const at = new Date().toISOString();
  await revokeTokenRow(tx, tokenId, at);
  const token = tokenRowToToken({ ...row, revoked_at: row.revoked_at ?? at });
  await recordChange(tx, actor, {
    entity: 'api-token',
    entityId: token.id,
    op: 'update',
    ...ACCOUNT_CLASSIFICATION,
    payload: token,
  });
  return token;
}

export async function listTokens(db: Db, actor: UserActor, userId: string): Promise<ApiToken[]> {
  if (userId !== actor.userId) requireAction(actor, 'user.manage');
  return (await listTokensOf(db, userId)).map(tokenRowToToken);
}
