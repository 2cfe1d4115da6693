/**
 * The server's notion of "now". Production uses the real clock. A scenario (the demo) starts
 * its clock at a chosen instant and lets it run, so "latest", "today" and "the last 7 days"
 * mean what they meant then, and new records still sort after the ones loaded.
 */

export interface Clock {
  /** The current instant. */
  now(): Date;
  /** True when the clock is a scenario's rather than the real one. */
  readonly scenario: boolean;
}

export const systemClock: Clock = Object.freeze({ now: () => new Date(), scenario: false });

/** A clock that reads `start` at creation and then advances with real time. */
export function scenarioClock(start: Date, realNow: () => number = Date.now): Clock {
  const offset = start.getTime() - realNow();
  return Object.freeze({ now: () => new Date(realNow() + offset), scenario: true });
}

/** A clock that never moves, for tests. */
export function fixedClock(at: Date): Clock {
  return Object.freeze({ now: () => new Date(at.getTime()), scenario: true });
}

/** The clock configured by `KONBIT_NOW` (or `--as-of`). */
export function clockFor(now: string | null): Clock {
  return now === null ? systemClock : scenarioClock(new Date(now));
}
