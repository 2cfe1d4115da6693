/**
 * Figures as the dashboard shows them: the latest per metric and place, and where sources
 * disagree (`conflict: true` on two or more figures of one metric and place) all of them.
 * A place is a P-code, or an IDP site or hazard event within it: a figure about a site in
 * Delmas is not a figure about Delmas.
 */
import type { ListedFigure } from '../../api/client';

export interface FigureGroup {
  readonly metric: ListedFigure['metric'];
  readonly pcode: string;
  /** Set when the figures describe an IDP site or a hazard event rather than the area itself. */
  readonly subject: string | null;
  /** Newest first (by as-of date, then recording time). */
  readonly figures: readonly ListedFigure[];
  /** True when the server flagged the figures of this metric and place as disagreeing. */
  readonly conflict: boolean;
}

function newestFirst(a: ListedFigure, b: ListedFigure): number {
  return b.asOf.localeCompare(a.asOf) || b.createdAt.localeCompare(a.createdAt);
}

function subjectOf(f: ListedFigure): string | null {
  if (f.place.idpSiteId) return `idp-site:${f.place.idpSiteId}`;
  if (f.place.hazardEventId) return `hazard:${f.place.hazardEventId}`;
  return null;
}

/** True for a figure about an area itself (not an IDP site or hazard event within it). */
export function isAreaFigure(f: ListedFigure): boolean {
  return subjectOf(f) === null;
}

/** Groups figures by metric and place; a group without a conflict keeps only its latest figure. */
export function groupFigures(figures: readonly ListedFigure[]): FigureGroup[] {
  const groups = new Map<string, ListedFigure[]>();
  for (const f of figures) {
    const key = `${f.metric}\u0000${f.place.pcode}\u0000${subjectOf(f) ?? ''}`;
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
      subject: subjectOf(first),
      figures: conflict ? sorted.filter((f) => f.conflict === true) : [first],
      conflict,
    };
  });
}
