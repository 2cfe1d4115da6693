/** Who-does-what-where: people reached, by sex and age where given. */

/** People reached by one activity. A part left out is unknown, not zero. */
export interface Reached {
  readonly total: number | null;
  readonly women: number | null;
  readonly men: number | null;
  readonly girls: number | null;
  readonly boys: number | null;
}

export const REACHED_PARTS = ['women', 'men', 'girls', 'boys'] as const;

/**
 * The total an activity reached: the total given, or else the sum of its parts when all four
 * are given. Null when neither is known.
 */
export function reachedTotal(r: Reached): number | null {
  if (r.total !== null) return r.total;
  const parts = REACHED_PARTS.map((p) => r[p]);
  return parts.every((p) => p !== null) ? parts.reduce<number>((s, p) => s + (p ?? 0), 0) : null;
}

/**
 * Checks the parts against the total: the parts given cannot add up to more than the total.
 * Returns a message naming the problem, or null.
 */
export function checkReached(r: Reached): string | null {
  if (r.total === null) return null;
  const sum = REACHED_PARTS.reduce((s, p) => s + (r[p] ?? 0), 0);
  return sum > r.total
    ? `women, men, girls and boys add up to ${sum}, more than the total of ${r.total}`
    : null;
}

export interface ReachedTotals {
  readonly activities: number;
  /** Activities whose total reached is known, and so counted in `reached.total`. */
  readonly withReached: number;
  readonly reached: {
    readonly total: number;
    readonly women: number;
    readonly men: number;
    readonly girls: number;
    readonly boys: number;
  };
}

/**
 * Totals of people reached over activities. Each part sums what is known; activities that do
 * not say are counted in `activities` but not in `withReached`. People reached by several
 * activities are counted once per activity, as 3W reports do.
 */
export function totalReached(activities: readonly { readonly reached: Reached }[]): ReachedTotals {
  const reached = { total: 0, women: 0, men: 0, girls: 0, boys: 0 };
  let withReached = 0;
  for (const { reached: r } of activities) {
    const total = reachedTotal(r);
    if (total !== null) {
      withReached += 1;
      reached.total += total;
    }
    for (const p of REACHED_PARTS) reached[p] += r[p] ?? 0;
  }
  return { activities: activities.length, withReached, reached };
}
