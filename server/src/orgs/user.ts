/** User accounts. The password hash never leaves this module's table. */
import type { Language, OrgId, Role, User as UserView, UserId } from '@konbit/core';
import type { UserTable } from './user.table.js';

export interface User {
  readonly id: UserId;
  readonly email: string;
  readonly name: string;
  readonly orgId: OrgId;
  readonly role: Role;
  readonly language: Language | null;
  readonly disabledAt: string | null;
  readonly createdAt: string;
}

export function userRowToUser(row: UserTable): User {
  return {
    id: row.id as UserId,
    email: row.email,
    name: row.name,
    orgId: row.org_id as OrgId,
    role: row.role as Role,
    language: row.language as Language | null,
    disabledAt: row.disabled_at,
    createdAt: row.created_at,
  };
}

/** The fields of a user account that leave the server. */
export function presentUser(user: User): UserView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    orgId: user.orgId,
    language: user.language,
    disabled: user.disabledAt !== null,
    createdAt: user.createdAt,
  };
}
