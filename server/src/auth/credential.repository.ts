/** SQL for sessions and API tokens. */
import type { Db, Tx } from '../store/store.js';
import type { ApiTokenTable, SessionTable } from './credential.table.js';

type Q = Db | Tx;

export function insertSession(tx: Tx, row: SessionTable) {
  return tx.insertInto('sessions').values(row).execute();
}

export function insertToken(tx: Tx, row: ApiTokenTable) {
  return tx.insertInto('api_tokens').values(row).execute();
}

const principalColumns = [
  'users.id as user_id',
  'users.email',
  'users.name',
  'users.role',
  'users.disabled_at',
  'organisations.id as org_id',
  'organisations.kind as org_kind',
] as const;

/** The live session with this secret hash, with its user and organisation. */
export function findLiveSession(db: Q, tokenHash: string, now: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('organisations', 'organisations.id', 'users.org_id')
    .select(['sessions.id as credential_id', ...principalColumns])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.revoked_at', 'is', null)
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst();
}

/** The live API token with this secret hash, with its user and organisation. */
export function findLiveToken(db: Q, tokenHash: string, now: string) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .innerJoin('organisations', 'organisations.id', 'users.org_id')
    .select(['api_tokens.id as credential_id', ...principalColumns])
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .where((eb) =>
      eb.or([eb('api_tokens.expires_at', 'is', null), eb('api_tokens.expires_at', '>', now)]),
    )
    .executeTakeFirst();
}

export function revokeSession(tx: Tx, id: string, at: string) {
  return tx
    .updateTable('sessions')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

/** Revokes every live session of a user, but `keep` if given. Returns how many. */
export async function revokeSessionsOf(
  tx: Tx,
  userId: string,
  at: string,
  keep?: string,
): Promise<number> {
  let q = tx
    .updateTable('sessions')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (keep !== undefined) q = q.where('id', '!=', keep);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function revokeTokensOf(tx: Tx, userId: string, at: string): Promise<number> {
  const r = await tx
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export function findToken(db: Q, id: string) {
  return db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
}

export function revokeToken(tx: Tx, id: string, at: string) {
  return tx
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export function listTokensOf(db: Q, userId: string) {
  return db
    .selectFrom('api_tokens')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .execute();
}
