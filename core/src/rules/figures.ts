/** Rules about figures. Pure functions over plain values. */

export interface DatedFigure {
  readonly metric: string;
  readonly pcode: string;
  /** `YYYY-MM-DD` */
  readonly asOf: string;
  /** ISO instant the figure was recorded; breaks ties between figures of the same day. */
  readonly createdAt: string;
}

/**
 * The latest figure per metric and place, counting only figures dated on or before `today`
 * (a figure dated after the scenario's "now" is kept but is not yet the latest).
 */
export function latestPerMetricAndPlace<F extends DatedFigure>(
  figures: readonly F[],
  today: string,
): F[] {
  const best = new Map<string, F>();
  for (const f of figures) {
    if (f.asOf > today) continue;
    const key = `${f.metric}\u0000${f.pcode}`;
    const current = best.get(key);
    if (
      current === undefined ||
      f.asOf > current.asOf ||
      (f.asOf === current.asOf && f.createdAt > current.createdAt)
    ) {
      best.set(key, f);
    }
  }
  return [...best.values()];
}
