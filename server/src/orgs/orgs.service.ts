/** Use cases for organisations and user accounts. Account records are visible to admins only. */
import {
  KonbitError,
  newId,
  type CreateOrganisationRequest,
  type CreateUserRequest,
  type OrgId,
} from '@konbit/core';
import { hashPassword } from '../auth/password.js';
import { revokeSessionsOf, revokeTokensOf } from '../auth/credential.repository.js';
import { recordChange } from '../changelog/changelog.service.js';
import type { Actor, Writer } from '../policy/actor.js';
import { can, type Action } from '../policy/policy.js';
import type { Db, Tx } from '../store/store.js';
import { organisationRowToOrganisation, type Organisation } from './organisation.js';
import {
  findOrganisation,
  findOrganisationByName,
  findUser,
  findUserByEmail,
  insertOrganisation,
  insertUser,
  listOrganisations as listOrganisationRows,
  listUsers as listUserRows,
  updateUser,
} from './orgs.repository.js';
import { userRowToUser, type User } from './user.js';

/** Account records (users, sessions, tokens) go to the log readable by admins only. */
export const ACCOUNT_CLASSIFICATION = { classification: 'restricted', restrictedTo: [] } as const;

export function requireAction(actor: Actor, action: Action): void {
  if (!can(actor, action)) {
    throw new KonbitError('Forbidden', `Your role may not do this (${action})`);
  }
}

export async function createOrganisation(
  tx: Tx,
  actor: Writer,
  input: CreateOrganisationRequest,
): Promise<Organisation> {
  requireAction(actor, 'organisation.manage');
  if (await findOrganisationByName(tx, input.name)) {
    throw new KonbitError(
      'AlreadyExists',
      `An organisation named "${input.name}" already exists`,
      'name',
    );
  }
  const id = input.id ?? newId<OrgId>();
  if (await findOrganisation(tx, id)) {
    throw new KonbitError('AlreadyExists', `An organisation with id ${id} already exists`, 'id');
  }
  const row = {
    id,
    name: input.name,
    kind: input.kind,
    country: input.country ?? null,
    created_at: new Date().toISOString(),
  };
  await insertOrganisation(tx, row);
  const org = organisationRowToOrganisation(row);
  await recordChange(tx, actor, {
    entity: 'organisation',
    entityId: org.id,
    op: 'create',
    classification: 'partners',
    payload: org,
  });
  return org;
}

export async function createUser(tx: Tx, actor: Writer, input: CreateUserRequest): Promise<User> {
  requireAction(actor, 'user.manage');
  if (!(await findOrganisation(tx, input.orgId))) {
    throw new KonbitError('ValidationFailed', `No organisation has id ${input.orgId}`, 'orgId');
  }
  if (await findUserByEmail(tx, input.email)) {
    throw new KonbitError(
      'AlreadyExists',
      `A user with e-mail ${input.email} already exists`,
      'email',
    );
  }
  const id = input.id ?? newId();
  if (await findUser(tx, id)) {
    throw new KonbitError('AlreadyExists', `A user with id ${id} already exists`, 'id');
  }
  const now = new Date().toISOString();
  const row = {
    id,
    email: input.email,
    name: input.name,
    org_id: input.orgId,
    role: input.role,
    password_hash: await hashPassword(input.password),
    language: input.language ?? null,
    disabled_at: null,
    created_at: now,
    updated_at: now,
  };
  await insertUser(tx, row);
  const user = userRowToUser(row);
  await recordChange(tx, actor, {
    entity: 'user',
    entityId: user.id,
    op: 'create',
    ...ACCOUNT_CLASSIFICATION,
    payload: user,
  });
  return user;
}

/**
 * Disables (or re-enables) an account. Disabling revokes every session and token of the user
 * in the same transaction, and sign-in checks the flag, so nothing of theirs works after it.
 */
export async function setUserDisabled(
  tx: Tx,
  actor: Writer,
  userId: string,
  disabled: boolean,
): Promise<User> {
  requireAction(actor, 'user.manage');
  const row = await findUser(tx, userId);
  if (!row) throw new KonbitError('NotFound', `No user has id ${userId}`, 'id');
  if (actor.kind === 'user' && actor.userId === userId && disabled) {
    throw new KonbitError('Conflict', 'You cannot disable your own account; ask another admin');
  }
  const now = new Date().toISOString();
  const set = { disabled_at: disabled ? (row.disabled_at ?? now) : null, updated_at: now };
  await updateUser(tx, userId, set);
  let revoked = { sessions: 0, tokens: 0 };
  if (disabled) {
    revoked = {
      sessions: await revokeSessionsOf(tx, userId, now),
      tokens: await revokeTokensOf(tx, userId, now),
    };
  }
  const user = userRowToUser({ ...row, ...set });
  await recordChange(tx, actor, {
    entity: 'user',
    entityId: user.id,
    op: 'update',
    ...ACCOUNT_CLASSIFICATION,
    payload: { ...user, revoked },
  });
  return user;
}

export async function listUsers(db: Db, actor: Actor): Promise<User[]> {
  requireAction(actor, 'user.manage');
  return (await listUserRows(db)).map(userRowToUser);
}

/** Organisation names are `partners` information: anyone signed in may list them. */
export async function listOrganisations(db: Db, actor: Actor): Promise<Organisation[]> {
  if (actor.kind === 'anonymous')
    throw new KonbitError('Unauthenticated', 'Sign in to list organisations');
  return (await listOrganisationRows(db)).map(organisationRowToOrganisation);
}

export async function getUser(db: Db, id: string): Promise<User | null> {
  const row = await findUser(db, id);
  return row ? userRowToUser(row) : null;
}

export async function getOrganisation(db: Db, id: string): Promise<Organisation | null> {
  const row = await findOrganisation(db, id);
  return row ? organisationRowToOrganisation(row) : null;
}
