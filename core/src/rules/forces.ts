/** Force generation rules: pledge and milestone status moves, and the one lead nation. Pure. */
import { PLEDGE_STATUSES, type MilestoneStatus, type PledgeStatus } from '../vocab/sites.js';
import type { TransitionCheck } from './site-status.js';

/**
 * A pledge line moves forward along considering → pledged → authorised → deployed (steps may be
 * skipped when a report comes late) and may be withdrawn from any status; withdrawn is final:
 * a new offer is a new line.
 */
export function checkPledgeTransition(from: PledgeStatus, to: PledgeStatus): TransitionCheck {
  if (from === 'withdrawn') {
    return {
      ok: false,
      reason: 'A withdrawn pledge line stays withdrawn; record a new offer as a new line',
    };
  }
  if (to === 'withdrawn') return { ok: true };
  if (PLEDGE_STATUSES.indexOf(to) > PLEDGE_STATUSES.indexOf(from)) return { ok: true };
  return {
    ok: false,
    reason: `A pledge line moves forward (considering → pledged → authorised → deployed); it is ${from} and cannot become ${to}`,
  };
}

/** A milestone is pending until it is decided; a decision is final (a new vote is a new milestone). */
export function checkMilestoneTransition(
  from: MilestoneStatus,
  to: MilestoneStatus,
): TransitionCheck {
  if (from === 'pending' && to !== 'pending') return { ok: true };
  if (from === 'pending') return { ok: false, reason: 'The milestone is already pending' };
  return {
    ok: false,
    reason: `The milestone was already ${from}; record a new vote or decision as a new milestone`,
  };
}

export interface LeadCandidate {
  readonly contributionId: string;
  readonly country: string;
}

/**
 * At most one current lead nation. Designating `candidate` is refused while another
 * contribution leads; the message names it and says what must happen first.
 */
export function checkLeadNation(
  current: LeadCandidate | null,
  candidate: LeadCandidate,
): TransitionCheck {
  if (current === null || current.contributionId === candidate.contributionId) return { ok: true };
  return {
    ok: false,
    reason: `${current.country} is already the lead nation; withdraw its lead designation (or its contribution) before designating ${candidate.country}`,
  };
}
