/**
 * Session and API-token secrets. The prefix says which table to look in; only a SHA-256 of the
 * secret is stored, so a copy of the database does not let anyone sign in.
 */
import { createHash, randomBytes } from 'node:crypto';

export const SESSION_PREFIX = 'kbs_';
export const TOKEN_PREFIX = 'kbt_';

export function newSecret(prefix: string): string {
  return prefix + randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
