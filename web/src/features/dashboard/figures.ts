/**
 * Figures as the dashboard shows them: the latest per metric and place, and where sources
 * disagree (`conflict: true` on two or more figures of one metric and place) all of them.
 */
import type { ListedFigure } from '../../api/client';

export interface FigureGroup {
  readonly metric: ListedFigure['metric'];
  readonly pcode: string;
  /** Newest first (by as-of date, then recording time). */
  readonly figures: readonly ListedFigure[];
  /** True when the server flagged the figures of this metric and place as disagreeing. */
  readonly conflict: boolean;
}

function newestFirst(a: ListedFigure, b: ListedFigure): number {
  return b.asOf.localeCompare(a.asOf) || b.createdAt.localeCompare(a.createdAt);
}

/** Groups figures by metric and place; a group without a conflict keeps only its latest figure. */
export function groupFigures(figures: readonly ListedFigure[]): FigureGroup[] {
  const groups = new Map<string, ListedFigure[]>();
  for (const f of figures) {
    const key = `${f.metric}\u0000${f.place.pcode}`;
    const list = groups.get(key) ?? [];
    list.push(f);
    groups.set(key, list);
  }
  return [...groups.values()].map((list) => {
    const sorted = [...list].sort(newestFirst);
    const conflict = sorted.length > 1 && sorted.some((f) => f.conflict === true);
    const first = sorted[0] as ListedFigure;
    return {
      metric: first.metric,
      pcode: first.place.pcode,
      figures: conflict ? sorted.filter((f) => f.conflict === true) : [first],
      conflict,
    };
  });
}
