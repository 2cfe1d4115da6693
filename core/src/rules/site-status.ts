/** Which way a site's security posture may move. Pure. */
import type { SiteStatus } from '../vocab/sites.js';

/**
 * The statuses each status may move to. Anything may go to `unknown` or `closed`, and a report
 * may repeat the current status (a new holder, a fresh confirmation). A site is only `lost`
 * after it was `contested` or `threatened`; `threatened` describes a site still held, so a lost
 * site is first retaken (`contested` or `secured`).
 */
const ALLOWED: Record<SiteStatus, readonly SiteStatus[]> = {
  unknown: ['unknown', 'secured', 'contested', 'threatened', 'closed'],
  secured: ['secured', 'contested', 'threatened', 'unknown', 'closed'],
  contested: ['contested', 'secured', 'threatened', 'lost', 'unknown', 'closed'],
  threatened: ['threatened', 'secured', 'contested', 'lost', 'unknown', 'closed'],
  lost: ['lost', 'contested', 'secured', 'unknown', 'closed'],
  closed: ['closed', 'secured', 'contested', 'threatened', 'unknown'],
};

export type TransitionCheck =
  { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * May a site whose current status is `from` (null: no status recorded yet) be reported `to`?
 * A site's first report may be any status: it describes what was found, not a move.
 */
export function checkSiteTransition(from: SiteStatus | null, to: SiteStatus): TransitionCheck {
  if (from === null || ALLOWED[from].includes(to)) return { ok: true };
  if (to === 'lost') {
    return {
      ok: false,
      reason: `A site can only be marked lost from contested or threatened; it is ${from}. Report it contested or threatened first`,
    };
  }
  if (from === 'lost' && to === 'threatened') {
    return {
      ok: false,
      reason:
        'A lost site cannot be threatened: report it contested while it is being retaken, or secured once it is held',
    };
  }
  return { ok: false, reason: `A site cannot move from ${from} to ${to}` };
}

/** The statuses a site in `from` may be reported next, for forms. */
export function nextSiteStatuses(from: SiteStatus | null): readonly SiteStatus[] {
  return from === null
    ? ['unknown', 'secured', 'contested', 'threatened', 'lost', 'closed']
    : ALLOWED[from];
}
