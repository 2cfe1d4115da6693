/** Whether a user's permissions (from `/api/v1/auth/me`) allow a view, card or layer. */
import type { Me } from '@konbit/core';

/** True when nothing is required, or when the user has any of the required permissions. */
export function allowedFor(requires: readonly string[] | undefined, me: Me): boolean {
  return !requires || requires.some((p) => me.permissions.includes(p));
}
