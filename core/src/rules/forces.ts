/** Force generation rules: pledge and milestone moves, the one lead nation, the summary. Pure. */
import {
  PLEDGE_STATUSES,
  type ForceCapability,
  type MilestoneKind,
  type MilestoneStatus,
  type PledgeStatus,
} from '../vocab/sites.js';
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

export interface SummaryLine {
  readonly capability: ForceCapability;
  readonly personnel: number | null;
  readonly status: PledgeStatus;
}

export interface SummaryContribution {
  readonly country: string;
  readonly countryName: string;
  readonly leadSince: string | null;
  readonly withdrawnOn: string | null;
  readonly lines: readonly SummaryLine[];
}

export interface SummaryMilestone {
  readonly kind: MilestoneKind;
  readonly country: string | null;
  readonly status: MilestoneStatus;
  readonly date: string | null;
  readonly reference: string | null;
}

export interface PersonnelCounts {
  considering: number;
  pledged: number;
  deployed: number;
  unstatedLines: number;
}

export interface ForceTotals extends PersonnelCounts {
  readonly byCountry: (PersonnelCounts & {
    readonly country: string;
    readonly countryName: string;
    readonly byCapability: (PersonnelCounts & { readonly capability: ForceCapability })[];
  })[];
}

const zero = (): PersonnelCounts => ({ considering: 0, pledged: 0, deployed: 0, unstatedLines: 0 });

/** Pledged counts pledged, authorised and deployed lines; withdrawn lines count nowhere. */
function add(counts: PersonnelCounts, line: SummaryLine): void {
  if (line.status === 'withdrawn') return;
  if (line.personnel === null) {
    counts.unstatedLines += 1;
    return;
  }
  if (line.status === 'considering') counts.considering += line.personnel;
  else counts.pledged += line.personnel;
  if (line.status === 'deployed') counts.deployed += line.personnel;
}

/** Personnel by country and capability. */
export function forceTotals(contributions: readonly SummaryContribution[]): ForceTotals {
  const total = zero();
  const byCountry = contributions.map((c) => {
    const country = zero();
    const caps = new Map<ForceCapability, PersonnelCounts>();
    for (const line of c.lines) {
      add(total, line);
      add(country, line);
      const cap = caps.get(line.capability) ?? zero();
      add(cap, line);
      caps.set(line.capability, cap);
    }
    return {
      ...country,
      country: c.country,
      countryName: c.countryName,
      byCapability: [...caps.entries()].map(([capability, counts]) => ({ ...counts, capability })),
    };
  });
  return { ...total, byCountry };
}

const MILESTONE_LABELS: Record<MilestoneKind, string> = {
  'host-government-request': 'Host government request',
  'unsc-resolution': 'UN Security Council resolution',
  'national-approval': 'National approval',
  'status-of-forces-agreement': 'Status-of-forces agreement',
  deployment: 'Deployment',
};

/** The current lead nation, if any: designated and not withdrawn. */
export function currentLead(
  contributions: readonly SummaryContribution[],
): SummaryContribution | null {
  return contributions.find((c) => c.leadSince !== null && c.withdrawnOn === null) ?? null;
}

/**
 * Plain readiness lines for the dashboard and the sitrep, such as "No lead nation designated"
 * and "UN Security Council resolution pending".
 */
export function readinessLines(
  contributions: readonly SummaryContribution[],
  milestones: readonly SummaryMilestone[],
): string[] {
  const lines: string[] = [];
  const lead = currentLead(contributions);
  lines.push(
    lead
      ? `Lead nation: ${lead.countryName} (since ${lead.leadSince})`
      : 'No lead nation designated',
  );
  for (const m of milestones) {
    const label = MILESTONE_LABELS[m.kind] + (m.country ? ` (${m.country})` : '');
    const when = m.date ? ` (${m.date}${m.reference ? `, ${m.reference}` : ''})` : '';
    lines.push(`${label} ${m.status}${m.status === 'pending' ? '' : when}`);
  }
  const totals = forceTotals(contributions);
  const offering = totals.byCountry.filter((c) => c.considering + c.pledged + c.unstatedLines > 0);
  if (offering.length > 0) {
    const names = offering.map((c) => c.countryName).join(', ');
    const stated = `${totals.pledged} personnel pledged with a stated number`;
    const unstated =
      totals.unstatedLines > 0
        ? `; ${totals.unstatedLines} offer${totals.unstatedLines === 1 ? '' : 's'} without a number`
        : '';
    lines.push(
      `${offering.length} ${offering.length === 1 ? 'country has' : 'countries have'} offered personnel (${names}): ${stated}${unstated}`,
    );
  } else {
    lines.push('No country has offered personnel');
  }
  lines.push(
    totals.deployed > 0 ? `${totals.deployed} personnel deployed` : 'No personnel deployed',
  );
  return lines;
}
