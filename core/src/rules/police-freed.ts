/**
 * Police freed: the mission's key figure. A site is *covered* at a moment when the force
 * personnel assigned to it then (HNP units do not count) reach its `forceRequired`; for each
 * site and Port-au-Prince day, officers freed = `policeRequired` × the covered fraction of the
 * day. *Actual* counts active assignments; *projected* counts planned and active. An ended
 * assignment counts in both for the time it ran: ending cuts its period (a dropped plan's period
 * is empty). Pure.
 */
import { addDays, type LocalDate } from '../time.js';
import type { AssignmentState, UnitService } from '../vocab/sites.js';
import {
  instantMs,
  missionDayWindow,
  onDutyIntervals,
  type Interval,
  type ShiftPattern,
} from './shifts.js';

export interface FreedSite {
  readonly id: string;
  /** Officers the HNP needs to guard the site alone; null when there is no baseline. */
  readonly policeRequired: number | null;
  /** Force personnel needed to hold it (at least 1). */
  readonly forceRequired: number;
}

export interface FreedAssignment {
  readonly siteId: string;
  readonly personnel: number;
  readonly service: UnitService;
  readonly state: AssignmentState;
  /** ISO instant. */
  readonly startsAt: string;
  /** ISO instant, or null when open-ended. */
  readonly endsAt: string | null;
  readonly shift: ShiftPattern;
}

export interface FreedSiteDay {
  readonly day: LocalDate;
  /** Covered fraction of the day, 0 to 1. */
  readonly actualCoverage: number;
  readonly projectedCoverage: number;
  /** Officers freed; null when the site has no baseline. */
  readonly actual: number | null;
  readonly projected: number | null;
}

export interface FreedSiteResult {
  readonly siteId: string;
  readonly policeRequired: number | null;
  readonly forceRequired: number;
  readonly days: readonly FreedSiteDay[];
  /** Officer-days freed over the window; null when the site has no baseline. */
  readonly actual: number | null;
  readonly projected: number | null;
}

export interface FreedDay {
  readonly day: LocalDate;
  readonly actual: number;
  readonly projected: number;
}

export interface PoliceFreed {
  readonly from: LocalDate;
  readonly to: LocalDate;
  readonly days: readonly FreedDay[];
  readonly sites: readonly FreedSiteResult[];
  /** Officer-days freed over the window, and the average per day. */
  readonly total: { readonly actual: number; readonly projected: number };
  readonly averagePerDay: { readonly actual: number; readonly projected: number };
  /** Sites left out of the totals because the HNP's baseline is not known. */
  readonly sitesWithoutBaseline: readonly string[];
}

/** The days from `from` to `to`, both included. */
export function daysBetween(from: LocalDate, to: LocalDate): LocalDate[] {
  const out: LocalDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/**
 * Milliseconds of `window` during which the summed personnel of `duties` reach `required`.
 * Overlapping assignments add up; a shortfall covers nothing.
 */
export function coveredMs(
  duties: readonly { readonly personnel: number; readonly intervals: readonly Interval[] }[],
  required: number,
): number {
  const events: [number, number][] = [];
  for (const d of duties) {
    for (const [s, e] of d.intervals) {
      events.push([s, d.personnel], [e, -d.personnel]);
    }
  }
  // At equal times, ends before starts: a hand-over at 18:00 leaves no gap and no double count.
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let level = 0;
  let covered = 0;
  let since = 0;
  for (const [t, delta] of events) {
    const was = level >= required;
    level += delta;
    const is = level >= required;
    if (!was && is) since = t;
    if (was && !is) covered += t - since;
  }
  return covered;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Computes police freed per site and per day for the days `from` to `to` (inclusive). */
export function policeFreed(
  sites: readonly FreedSite[],
  assignments: readonly FreedAssignment[],
  from: LocalDate,
  to: LocalDate,
): PoliceFreed {
  const days = daysBetween(from, to);
  const bySite = new Map<string, FreedAssignment[]>();
  for (const a of assignments) {
    if (a.service !== 'force' || a.personnel <= 0) continue;
    const list = bySite.get(a.siteId) ?? [];
    list.push(a);
    bySite.set(a.siteId, list);
  }
  const dayTotals = new Map<LocalDate, { actual: number; projected: number }>(
    days.map((d) => [d, { actual: 0, projected: 0 }]),
  );
  const results: FreedSiteResult[] = [];
  for (const site of sites) {
    const mine = bySite.get(site.id) ?? [];
    const required = Math.max(1, site.forceRequired);
    const siteDays: FreedSiteDay[] = [];
    let actualSum = 0;
    let projectedSum = 0;
    for (const day of days) {
      const window = missionDayWindow(day);
      const length = window[1] - window[0];
      const duties = mine.map((a) => ({
        state: a.state,
        personnel: a.personnel,
        intervals: onDutyIntervals(
          { start: instantMs(a.startsAt), end: instantMs(a.endsAt), shift: a.shift },
          window,
        ),
      }));
      const actualCoverage =
        coveredMs(
          duties.filter((d) => d.state !== 'planned'),
          required,
        ) / length;
      const projectedCoverage = coveredMs(duties, required) / length;
      const baseline = site.policeRequired;
      const actual = baseline === null ? null : baseline * actualCoverage;
      const projected = baseline === null ? null : baseline * projectedCoverage;
      siteDays.push({
        day,
        actualCoverage: round2(actualCoverage),
        projectedCoverage: round2(projectedCoverage),
        actual: actual === null ? null : round2(actual),
        projected: projected === null ? null : round2(projected),
      });
      if (actual !== null && projected !== null) {
        actualSum += actual;
        projectedSum += projected;
        const t = dayTotals.get(day);
        if (t) {
          t.actual += actual;
          t.projected += projected;
        }
      }
    }
    results.push({
      siteId: site.id,
      policeRequired: site.policeRequired,
      forceRequired: required,
      days: siteDays,
      actual: site.policeRequired === null ? null : round2(actualSum),
      projected: site.policeRequired === null ? null : round2(projectedSum),
    });
  }
  const dayList = days.map((day) => {
    const t = dayTotals.get(day) ?? { actual: 0, projected: 0 };
    return { day, actual: round2(t.actual), projected: round2(t.projected) };
  });
  const totalActual = [...dayTotals.values()].reduce((s, t) => s + t.actual, 0);
  const totalProjected = [...dayTotals.values()].reduce((s, t) => s + t.projected, 0);
  return {
    from,
    to,
    days: dayList,
    sites: results,
    total: { actual: round2(totalActual), projected: round2(totalProjected) },
    averagePerDay: {
      actual: days.length === 0 ? 0 : round2(totalActual / days.length),
      projected: days.length === 0 ? 0 : round2(totalProjected / days.length),
    },
    sitesWithoutBaseline: sites.filter((s) => s.policeRequired === null).map((s) => s.id),
  };
}
