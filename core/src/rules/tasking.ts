/**
 * The assignment clash check: a unit may never have more personnel assigned than its strength
 * at any moment, counting every planned and active assignment (double-booking included). Pure.
 */
import { instantMs, onDutyIntervals, type Interval, type ShiftPattern } from './shifts.js';

export interface BookedAssignment {
  readonly id: string;
  readonly personnel: number;
  readonly startsAt: string;
  readonly endsAt: string | null;
  readonly shift: ShiftPattern;
}

export interface UnitClash {
  /** The first moment (epoch ms) at which the unit is over-committed. */
  readonly at: number;
  readonly assigned: number;
  readonly strength: number;
  /** The assignments on duty at that moment. */
  readonly involved: readonly BookedAssignment[];
}

/** Daily patterns repeat every Port-au-Prince day; three days cover every wall-clock minute. */
const PATTERN_SPAN_MS = 3 * 24 * 3600 * 1000;

/**
 * The first moment `assignments` together need more than `strength` personnel, or null.
 * Between two period boundaries the set of assignments in force is fixed and their shifts
 * repeat daily, so each such stretch is checked over its first three days only.
 */
export function findUnitClash(
  strength: number,
  assignments: readonly BookedAssignment[],
): UnitClash | null {
  const periods = assignments.map((a) => ({
    a,
    start: instantMs(a.startsAt),
    end: instantMs(a.endsAt),
  }));
  const bounds = [
    ...new Set(periods.flatMap((p) => [p.start, p.end]).filter((t) => Number.isFinite(t))),
  ].sort((x, y) => x - y);
  for (let i = 0; i < bounds.length; i += 1) {
    const segStart = bounds[i] as number;
    const segEnd = bounds[i + 1] ?? Infinity;
    const inForce = periods.filter((p) => p.start <= segStart && p.end > segStart);
    if (inForce.reduce((s, p) => s + p.a.personnel, 0) <= strength) continue;
    const window: Interval = [segStart, Math.min(segEnd, segStart + PATTERN_SPAN_MS)];
    const events: { t: number; delta: number; a: BookedAssignment }[] = [];
    for (const p of inForce) {
      for (const [s, e] of onDutyIntervals(
        { start: p.start, end: p.end, shift: p.a.shift },
        window,
      )) {
        events.push(
          { t: s, delta: p.a.personnel, a: p.a },
          { t: e, delta: -p.a.personnel, a: p.a },
        );
      }
    }
    events.sort((x, y) => x.t - y.t || x.delta - y.delta);
    const onDuty = new Set<BookedAssignment>();
    let level = 0;
    for (const ev of events) {
      level += ev.delta;
      if (ev.delta > 0) onDuty.add(ev.a);
      else onDuty.delete(ev.a);
      if (level > strength) {
        return { at: ev.t, assigned: level, strength, involved: [...onDuty] };
      }
    }
  }
  return null;
}
