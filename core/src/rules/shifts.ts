/**
 * Shift patterns and the on-duty intervals they give. Shift times are Port-au-Prince wall-clock
 * times, so a 06:00–18:00 shift stays 06:00–18:00 across daylight-time changes. Pure.
 */
import { addDays, missionDay, missionInstant, type LocalDate } from '../time.js';

/** `HH:MM`, 00:00 to 23:59; a range may end at `24:00` (midnight at the end of the day). */
export interface ShiftRange {
  readonly from: string;
  readonly to: string;
}

export type ShiftPattern =
  | { readonly pattern: 'round-the-clock' }
  /** One or more daily ranges; a range whose end is not after its start crosses midnight. */
  | { readonly pattern: 'daily'; readonly ranges: readonly ShiftRange[] };

/** A half-open interval of epoch milliseconds. */
export type Interval = readonly [start: number, end: number];

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after midnight of `HH:MM` (and of `24:00` when `end`), or null when malformed. */
export function minutesOf(text: string, end = false): number | null {
  if (end && text === '24:00') return 1440;
  const m = HHMM.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** Why a range is not usable, or null. A range of zero length is refused; use round-the-clock. */
export function shiftRangeProblem(range: ShiftRange): string | null {
  const from = minutesOf(range.from);
  const to = minutesOf(range.to, true);
  if (from === null) return `Shift start "${range.from}" must be HH:MM between 00:00 and 23:59`;
  if (to === null) return `Shift end "${range.to}" must be HH:MM between 00:00 and 24:00`;
  if (from === to || (from === 0 && to === 1440)) {
    return `Shift ${range.from}–${range.to} covers no time or the whole day; use round-the-clock for the whole day`;
  }
  return null;
}

/** A pattern as people write it: `round the clock` or `06:00–18:00, 20:00–02:00`. */
export function describeShift(shift: ShiftPattern): string {
  if (shift.pattern === 'round-the-clock') return 'round the clock';
  return shift.ranges.map((r) => `${r.from}–${r.to}`).join(', ');
}

/** Sorts and joins touching or overlapping intervals. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/**
 * Instants of Port-au-Prince wall-clock times, memoised: the time-zone arithmetic behind
 * `missionInstant` is slow next to the sweep, and a month of shifts asks for the same few
 * hundred instants again and again.
 */
const instantCache = new Map<string, number>();

export function localInstantMs(day: LocalDate, minutes: number): number {
  const key = `${day}|${minutes}`;
  let value = instantCache.get(key);
  if (value === undefined) {
    if (instantCache.size >= 100_000) instantCache.clear();
    value = missionInstant(day, minutes).getTime();
    instantCache.set(key, value);
  }
  return value;
}

/** A Port-au-Prince day as an interval of epoch ms (23 or 25 hours when daylight time changes). */
export function missionDayWindow(day: LocalDate): Interval {
  return [localInstantMs(day, 0), localInstantMs(addDays(day, 1), 0)];
}

export interface DutyPeriod {
  /** When the duty starts (epoch ms). */
  readonly start: number;
  /** When it ends (epoch ms); `Infinity` when open-ended. */
  readonly end: number;
  readonly shift: ShiftPattern;
}

/** The intervals within `window` when a duty period's shift is on, merged and sorted. */
export function onDutyIntervals(duty: DutyPeriod, window: Interval): Interval[] {
  const lo = Math.max(window[0], duty.start);
  const hi = Math.min(window[1], duty.end);
  if (!(lo < hi)) return [];
  if (duty.shift.pattern === 'round-the-clock') return [[lo, hi]];
  const out: Interval[] = [];
  // Start a day early: a shift that crossed midnight the day before may still be on at `lo`.
  let day: LocalDate = addDays(missionDay(new Date(lo)), -1);
  const last = missionDay(new Date(hi));
  while (day <= last) {
    for (const range of duty.shift.ranges) {
      const from = minutesOf(range.from) ?? 0;
      const to = minutesOf(range.to, true) ?? 0;
      const start = localInstantMs(day, from);
      const end = to > from ? localInstantMs(day, to) : localInstantMs(addDays(day, 1), to);
      const s = Math.max(start, lo);
      const e = Math.min(end, hi);
      if (s < e) out.push([s, e]);
    }
    day = addDays(day, 1);
  }
  return mergeIntervals(out);
}

/** Parses an ISO instant (or null for open-ended) into epoch ms (or Infinity). */
export function instantMs(value: string | null): number {
  return value === null ? Infinity : new Date(value).getTime();
}
