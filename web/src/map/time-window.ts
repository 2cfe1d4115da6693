/**
 * The map's time window: the period whose records time-aware layers show (figures as of its
 * end now; incidents and site postures in it when they land). Pure functions, no React.
 */
import { addDays, type LocalDate } from '@konbit/core';

export interface TimeWindow {
  /** First Port-au-Prince day in the window. */
  readonly from: LocalDate;
  /** Last Port-au-Prince day in the window (inclusive). */
  readonly to: LocalDate;
}

export const WINDOW_LENGTHS = [1, 7, 30, 90] as const;

/** The window of `days` days ending on `to`. */
export function windowEnding(to: LocalDate, days: number): TimeWindow {
  return { from: addDays(to, -(days - 1)), to };
}

export function lengthOf(w: TimeWindow): number {
  return Math.round((Date.parse(w.to) - Date.parse(w.from)) / 86_400_000) + 1;
}

/** The window moved by `days` (negative: back), never past `last`. */
export function shift(w: TimeWindow, days: number, last: LocalDate): TimeWindow {
  const length = lengthOf(w);
  const to = addDays(w.to, days) > last ? last : addDays(w.to, days);
  return windowEnding(to, length);
}
