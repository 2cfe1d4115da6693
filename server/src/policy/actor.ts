/**
 * Who is asking. Services take an explicit actor, never the HTTP request.
 */
import type { OrgId, OrgKind, Role, UserId } from '@konbit/core';

/** A signed-in user, as resolved from a session cookie or a bearer token. */
export interface UserActor {
  readonly kind: 'user';
  readonly userId: UserId;
  readonly email: string;
  readonly name: string;
  readonly orgId: OrgId;
  readonly orgKind: OrgKind;
  readonly role: Role;
  readonly credential: { readonly type: 'session' | 'token'; readonly id: string };
}

/** Someone not signed in: reads `public` records only. */
export interface AnonymousActor {
  readonly kind: 'anonymous';
}

/** The platform itself: the demo loader, the CLI, migrations. Acts without an organisation. */
export interface SystemActor {
  readonly kind: 'system';
  readonly name: string;
}

export type Actor = UserActor | AnonymousActor | SystemActor;
/** An actor that can write: a user or the system. */
export type Writer = UserActor | SystemActor;

export const ANONYMOUS: AnonymousActor = Object.freeze({ kind: 'anonymous' });

export function systemActor(name: string): SystemActor {
  return Object.freeze({ kind: 'system', name });
}

/** The actor column of the change log and of `created_by`. */
export function actorRef(actor: Writer): string {
  return actor.kind === 'user' ? actor.userId : `system:${actor.name}`;
}

export function actorOrg(actor: Writer): OrgId | null {
  return actor.kind === 'user' ? actor.orgId : null;
}
