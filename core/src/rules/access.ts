/** Access constraints: when one is open. */

export interface Period {
  /** `YYYY-MM-DD`, first day in force. */
  readonly start: string;
  /** `YYYY-MM-DD`, last day in force; null while it lasts. */
  readonly end: string | null;
}

/** Is a constraint in force on `day`? */
export function isOpenOn(p: Period, day: string): boolean {
  return p.start <= day && (p.end === null || p.end >= day);
}

/** Is a constraint in force on some day from `from` to `to` (both included)? */
export function isOpenDuring(p: Period, from: string, to: string): boolean {
  return p.start <= to && (p.end === null || p.end >= from);
}
