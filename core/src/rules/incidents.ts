/**
 * Rules about incidents. Pure functions over plain values: which reports are sensitive, the
 * classification a report gets, how verification may move and who holds a claim, when two
 * reports are possibly the same event, and which report fields hang together.
 */
import { distanceMetres, type LonLat } from '../geo.js';
import { addDays, missionDayBounds, type LocalDate } from '../time.js';
import type { ClassificationLevel } from '../vocab/classification.js';
import type {
  ActorType,
  IncidentType,
  LocationPrecision,
  TimePrecision,
  VerificationState,
} from '../vocab/incidents.js';
import { compartmentOf, type OrgKind } from '../vocab/organisations.js';

// ---------------------------------------------------------------------------------------------
// Sensitivity and classification

/**
 * Sensitive reports: sexual violence always; an abduction or kidnapping when civilians are
 * among its actors or no actor is named (most abductions in Port-au-Prince are of civilians,
 * so an unnamed victim is treated as one). Their exact place is shown only to the reporting
 * organisation and to analysts, and they stay in the reporter's compartment by default.
 */
export function isSensitive(
  type: IncidentType,
  actors: readonly { readonly type: ActorType }[],
): boolean {
  if (type === 'sexual-violence') return true;
  if (type === 'abduction-kidnapping') {
    return actors.length === 0 || actors.some((a) => a.type === 'civilians');
  }
  return false;
}

/**
 * The classification a report gets when the reporter does not choose: `mission` from a
 * mission organisation, `humanitarian` from a UN agency or NGO, none (the reporter must
 * choose) from an organisation outside both compartments.
 */
export function defaultIncidentClassification(orgKind: OrgKind | null): ClassificationLevel | null {
  return orgKind === null ? null : compartmentOf(orgKind);
}

/**
 * A sensitive report may be classified no wider than the reporter's compartment: the
 * compartment itself, or `restricted` to named organisations. Widening it is an analyst's
 * deliberate decision, not a reporter's.
 */
export function sensitiveClassificationAllowed(
  level: ClassificationLevel,
  orgKind: OrgKind | null,
): boolean {
  if (level === 'restricted') return true;
  return orgKind !== null && compartmentOf(orgKind) === level;
}

/** The Admiralty code of a source and its information, such as `B2`. */
export function admiraltyCode(reliability: string, credibility: string): string {
  return `${reliability}${credibility}`;
}

// ---------------------------------------------------------------------------------------------
// Verification and claims

/**
 * Verification moves from `unverified` to a judgement (`verified`, `disputed`, `false`) and
 * back to `unverified` when new evidence reopens it; never from one judgement straight to
 * another, so every change of mind is visible as two steps with two reasons.
 */
export const VERIFICATION_TRANSITIONS: Readonly<
  Record<VerificationState, readonly VerificationState[]>
> = {
  unverified: ['verified', 'disputed', 'false'],
  verified: ['unverified'],
  disputed: ['unverified'],
  false: ['unverified'],
};

/** Null when `from → to` is allowed; otherwise a message saying what is allowed instead. */
export function verificationStepProblem(
  from: VerificationState,
  to: VerificationState,
): string | null {
  if (from === to) return `The report is already ${from}`;
  if (VERIFICATION_TRANSITIONS[from].includes(to)) return null;
  if (from === 'unverified') return `A report cannot move from unverified to ${to}`;
  return `A ${from} report can only go back to unverified (with the new evidence as the reason) before it is judged ${to}`;
}

/** How long a claim holds before it lapses, so a claim left behind never blocks the desk. */
export const CLAIM_HOURS = 8;

export interface Claim {
  readonly by: string;
  readonly at: string;
}

/** The claim still in force at `now`, or null when there is none or it has lapsed. */
export function activeClaim(claim: Claim | null, now: Date): Claim | null {
  if (claim === null) return null;
  return claimExpiry(claim).getTime() > now.getTime() ? claim : null;
}

export function claimExpiry(claim: Claim): Date {
  return new Date(new Date(claim.at).getTime() + CLAIM_HOURS * 3_600_000);
}

// ---------------------------------------------------------------------------------------------
// When and where

/** The earliest instant a report may give for when an incident occurred. */
export const EARLIEST_OCCURRED_AT = '2000-01-01T00:00:00.000Z';
/** How far a device's clock may run ahead of the server's before a time counts as future. */
export const CLOCK_SKEW_MINUTES = 10;

/** Null when an instant is a plausible past time at `now`; otherwise what is wrong with it. */
export function pastInstantProblem(instant: string, now: Date, what: string): string | null {
  if (instant < EARLIEST_OCCURRED_AT) return `${what} must be on or after 2000-01-01`;
  if (new Date(instant).getTime() > now.getTime() + CLOCK_SKEW_MINUTES * 60_000) {
    return `${what} is in the future (the server's time is ${now.toISOString()})`;
  }
  return null;
}

export interface LocationInput {
  readonly location?: { readonly lon: number; readonly lat: number } | undefined;
  readonly locationPrecision: LocationPrecision;
  readonly pcode?: string | undefined;
}

/**
 * Null when the location fields hang together; otherwise the field and what to do. An exact
 * or neighbourhood report needs a point; a commune report needs a point or the commune; an
 * unknown place has no point.
 */
export function locationProblem(input: LocationInput): { field: string; message: string } | null {
  const { location, locationPrecision, pcode } = input;
  if ((locationPrecision === 'exact' || locationPrecision === 'neighbourhood') && !location) {
    return {
      field: 'location',
      message: `A location is required when locationPrecision is ${locationPrecision}; send lon and lat, or use locationPrecision "commune" with a pcode`,
    };
  }
  if (locationPrecision === 'commune' && !location && pcode === undefined) {
    return {
      field: 'pcode',
      message: 'A commune report needs the commune: send pcode (or a location inside it)',
    };
  }
  if (locationPrecision === 'unknown' && location) {
    return {
      field: 'location',
      message:
        'locationPrecision "unknown" cannot carry a location; send the precision the location has',
    };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Possible duplicates

/** Two reports of the same type are possibly the same event within these windows. */
export const DUPLICATE_EXACT_METRES = 500;
/** For a place known to the neighbourhood, the window widens to a neighbourhood's size. */
export const DUPLICATE_NEIGHBOURHOOD_METRES = 1_500;
export const DUPLICATE_EXACT_MS = 2 * 3_600_000;

const TIME_ORDER: readonly TimePrecision[] = ['exact', 'day', 'week'];
const PLACE_ORDER: readonly LocationPrecision[] = ['exact', 'neighbourhood', 'commune', 'unknown'];

/** What the duplicate rule needs to know about a report. */
export interface DuplicateFacts {
  readonly type: IncidentType;
  readonly occurredAt: string;
  readonly occurredPrecision: TimePrecision;
  /** The Port-au-Prince day and the Monday of its week (`missionDay`, `weekStart`). */
  readonly occurredDay: string;
  readonly occurredWeek: string;
  readonly position: LonLat | null;
  readonly locationPrecision: LocationPrecision;
  readonly pcode: string | null;
}

function coarser<T>(order: readonly T[], a: T, b: T): T {
  return order.indexOf(a) >= order.indexOf(b) ? a : b;
}

/** Do two reports fall in the same time window, at the coarser of their two precisions? */
export function sameTimeWindow(a: DuplicateFacts, b: DuplicateFacts): boolean {
  switch (coarser(TIME_ORDER, a.occurredPrecision, b.occurredPrecision)) {
    case 'exact':
      return (
        Math.abs(new Date(a.occurredAt).getTime() - new Date(b.occurredAt).getTime()) <=
        DUPLICATE_EXACT_MS
      );
    case 'day':
      return a.occurredDay === b.occurredDay;
    case 'week':
      return a.occurredWeek === b.occurredWeek;
  }
}

/**
 * Do two reports fall in the same place window, at the coarser of their two precisions? An
 * unknown place matches any place (time and type decide).
 */
export function samePlaceWindow(a: DuplicateFacts, b: DuplicateFacts): boolean {
  const precision = coarser(PLACE_ORDER, a.locationPrecision, b.locationPrecision);
  if (precision === 'unknown') return true;
  if (precision === 'commune') return a.pcode !== null && a.pcode === b.pcode;
  if (a.position === null || b.position === null) return false;
  const limit = precision === 'exact' ? DUPLICATE_EXACT_METRES : DUPLICATE_NEIGHBOURHOOD_METRES;
  return distanceMetres(a.position, b.position) <= limit;
}

/** Same type, same time window, same place window: possibly the same event. */
export function isPossibleDuplicate(a: DuplicateFacts, b: DuplicateFacts): boolean {
  return a.type === b.type && sameTimeWindow(a, b) && samePlaceWindow(a, b);
}

/**
 * The widest windows a store must search to find every possible duplicate of `report`: the
 * instants an exactly-timed candidate may have, and the radius around the report's point an
 * exactly-placed candidate may have. Coarser candidates are found by week and by commune.
 */
export function duplicateSearchWindow(report: DuplicateFacts): {
  from: string;
  to: string;
  radiusMetres: number;
} {
  const at = new Date(report.occurredAt).getTime();
  let from: Date;
  let to: Date;
  if (report.occurredPrecision === 'exact') {
    from = new Date(at - DUPLICATE_EXACT_MS);
    // Inclusive of the 2 h boundary: the store's ranges end before `to`.
    to = new Date(at + DUPLICATE_EXACT_MS + 1);
  } else if (report.occurredPrecision === 'day') {
    ({ start: from, end: to } = missionDayBounds(report.occurredDay as LocalDate));
  } else {
    from = missionDayBounds(report.occurredWeek as LocalDate).start;
    to = missionDayBounds(addDays(report.occurredWeek as LocalDate, 7)).start;
  }
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    radiusMetres: DUPLICATE_NEIGHBOURHOOD_METRES,
  };
}

/** Orders duplicate candidates: nearest in time first. */
export function byTimeDistance(report: DuplicateFacts) {
  const at = new Date(report.occurredAt).getTime();
  return (a: DuplicateFacts, b: DuplicateFacts): number =>
    Math.abs(new Date(a.occurredAt).getTime() - at) -
    Math.abs(new Date(b.occurredAt).getTime() - at);
}

// ---------------------------------------------------------------------------------------------
// Merging

/**
 * Null when `duplicate` may be merged into `survivor`; otherwise why not. A report merged
 * elsewhere is merged through its survivor, never chained.
 */
export function mergeProblem(
  duplicate: { readonly id: string; readonly mergedInto: string | null },
  survivor: { readonly id: string; readonly mergedInto: string | null },
): string | null {
  if (duplicate.id === survivor.id) return 'A report cannot be merged into itself';
  if (duplicate.mergedInto !== null) {
    return `This report is already merged into ${duplicate.mergedInto}; unmerge it first`;
  }
  if (survivor.mergedInto !== null) {
    return `The target is itself merged into ${survivor.mergedInto}; merge into that report instead`;
  }
  return null;
}
