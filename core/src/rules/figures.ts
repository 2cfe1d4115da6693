/** Rules about figures. Pure functions over plain values. */

export interface DatedFigure {
  readonly metric: string;
  readonly pcode: string;
  /** A figure about an IDP site or a hazard event is a place of its own within its P-code. */
  readonly idpSiteId?: string | null;
  readonly hazardEventId?: string | null;
  /** `YYYY-MM-DD` */
  readonly asOf: string;
  /** ISO instant the figure was recorded; breaks ties between figures of the same day. */
  readonly createdAt: string;
}

/**
 * What a figure is about: its P-code, and the IDP site or hazard event it counts. The floods'
 * deaths in Haiti and cholera's deaths in Haiti are different places in this sense.
 */
export function placeKey(f: DatedFigure): string {
  return `${f.pcode}\u0000${f.idpSiteId ?? ''}\u0000${f.hazardEventId ?? ''}`;
}

function groupKey(f: DatedFigure): string {
  return `${f.metric}\u0000${placeKey(f)}`;
}

function isLater(a: DatedFigure, b: DatedFigure): boolean {
  return a.asOf > b.asOf || (a.asOf === b.asOf && a.createdAt > b.createdAt);
}

/** Sort order: the newest as-of date first, then the latest recorded. */
export function newestFirst(a: DatedFigure, b: DatedFigure): number {
  if (a.asOf !== b.asOf) return a.asOf < b.asOf ? 1 : -1;
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return 0;
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
    const key = groupKey(f);
    const current = best.get(key);
    if (current === undefined || isLater(f, current)) best.set(key, f);
  }
  return [...best.values()];
}

export interface ComparableFigure extends DatedFigure {
  readonly id: string;
  readonly value: number;
  readonly source: { readonly organisation: string };
}

/** When two figures disagree enough to be shown together. */
export interface ConflictRule {
  /** As-of dates at most this many days apart can conflict (inclusive). */
  readonly windowDays: number;
  /** Values conflict when they differ by more than this share of the larger one. */
  readonly tolerance: number;
}

export const DEFAULT_CONFLICT_RULE: ConflictRule = Object.freeze({
  windowDays: 30,
  tolerance: 0.1,
});

/** Organisations compare without case, accents or spacing: "IOM" and " iom " are one source. */
export function sameSource(a: string, b: string): boolean {
  const norm = (s: string) =>
    s
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .trim()
      .replace(/\s+/g, ' ')
      .toLowerCase();
  return norm(a) === norm(b);
}

function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date.slice(0, 10)}T00:00:00Z`) / 86_400_000);
}

/** Days between two `YYYY-MM-DD` dates, whatever their order. */
export function daysApart(a: string, b: string): number {
  return Math.abs(dayNumber(a) - dayNumber(b));
}

/** |a − b| as a share of the larger value (0 when both are 0). */
export function relativeDifference(a: number, b: number): number {
  const larger = Math.max(Math.abs(a), Math.abs(b));
  return larger === 0 ? 0 : Math.abs(a - b) / larger;
}

/**
 * Do two figures conflict? Same metric and place, different sources (a source never conflicts
 * with itself: a later number from it is a revision), as-of dates within the window, and values
 * differing by more than the tolerance.
 */
export function figuresConflict(
  a: ComparableFigure,
  b: ComparableFigure,
  rule: ConflictRule = DEFAULT_CONFLICT_RULE,
): boolean {
  if (a.id === b.id) return false;
  if (groupKey(a) !== groupKey(b)) return false;
  if (sameSource(a.source.organisation, b.source.organisation)) return false;
  if (daysApart(a.asOf, b.asOf) > rule.windowDays) return false;
  return relativeDifference(a.value, b.value) > rule.tolerance;
}

/** For each figure, the ids of the figures in `figures` it conflicts with. */
export function conflictsAmong<F extends ComparableFigure>(
  figures: readonly F[],
  rule: ConflictRule = DEFAULT_CONFLICT_RULE,
): Map<string, string[]> {
  const groups = new Map<string, F[]>();
  for (const f of figures) {
    const key = groupKey(f);
    const group = groups.get(key);
    if (group) group.push(f);
    else groups.set(key, [f]);
  }
  const out = new Map<string, string[]>();
  for (const f of figures) out.set(f.id, []);
  for (const group of groups.values()) {
    // Sorted by date, each figure is compared only with those inside the window after it.
    const days = new Map(group.map((f) => [f.id, dayNumber(f.asOf)]));
    const day = (f: F) => days.get(f.id) ?? 0;
    group.sort((x, y) => day(x) - day(y));
    for (let i = 0; i < group.length; i += 1) {
      const a = group[i] as F;
      for (let j = i + 1; j < group.length; j += 1) {
        const b = group[j] as F;
        if (day(b) - day(a) > rule.windowDays) break;
        if (figuresConflict(a, b, rule)) {
          out.get(a.id)?.push(b.id);
          out.get(b.id)?.push(a.id);
        }
      }
    }
  }
  return out;
}

export interface LatestWithConflicts<F> {
  /** The latest figure of each metric and place, each followed by the figures it conflicts with. */
  readonly figures: F[];
  /** For every figure returned, the ids it conflicts with (empty when none). */
  readonly conflicts: Map<string, string[]>;
}

/**
 * The latest figure per metric and place as of `today`, and beside it every figure (also dated
 * on or before `today`) that conflicts with it, so the latest never silently hides another
 * source's number.
 */
export function latestWithConflicts<F extends ComparableFigure>(
  figures: readonly F[],
  today: string,
  rule: ConflictRule = DEFAULT_CONFLICT_RULE,
): LatestWithConflicts<F> {
  const current = figures.filter((f) => f.asOf <= today);
  const all = conflictsAmong(current, rule);
  const byId = new Map(current.map((f) => [f.id, f]));
  const out: F[] = [];
  for (const latest of latestPerMetricAndPlace(current, today)) {
    const rivals = (all.get(latest.id) ?? []).map((id) => byId.get(id) as F);
    out.push(latest, ...rivals.sort(newestFirst));
  }
  const shown = new Set(out.map((f) => f.id));
  const conflicts = new Map(
    out.map((f) => [f.id, (all.get(f.id) ?? []).filter((id) => shown.has(id))]),
  );
  return { figures: out, conflicts };
}
