/**
 * The site board's rows: each readable site joined with its board counts, and the sort order
 * (numbers by value, text by the language's collation, unknown "since" first; ties by name).
 */
import type { SiteBoardRow, SiteCollection, TaskingUnit } from '@konbit/core';

type SiteFeature = SiteCollection['features'][number];

export interface BoardSite {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly criticality: number;
  readonly status: string;
  readonly holder: string;
  readonly since: string | null;
  readonly incidents: number;
  readonly personnel: number;
  readonly planned: number;
  readonly feature: SiteFeature;
}

export const COLUMNS = [
  'name',
  'kind',
  'criticality',
  'status',
  'holder',
  'since',
  'incidents',
  'personnel',
] as const;
export type Column = (typeof COLUMNS)[number];
export const NUMERIC: readonly Column[] = ['criticality', 'incidents', 'personnel'];

function holderOf(f: SiteFeature, units: ReadonlyMap<string, TaskingUnit>): string {
  const h = f.properties.status?.holder;
  if (!h) return '';
  const unit = h.unitId ? units.get(h.unitId)?.name : undefined;
  return [h.organisation, unit].filter(Boolean).join(' · ');
}

export function boardSites(
  sites: SiteCollection,
  rows: readonly SiteBoardRow[],
  units: ReadonlyMap<string, TaskingUnit>,
): BoardSite[] {
  const byId = new Map(rows.map((r) => [r.siteId, r]));
  return sites.features.map((f) => {
    const row = byId.get(f.id);
    return {
      id: f.id,
      name: f.properties.name,
      kind: f.properties.kind,
      criticality: f.properties.criticality,
      status: f.properties.status?.status ?? 'unknown',
      holder: holderOf(f, units),
      since: f.properties.status?.at ?? null,
      incidents: row?.incidentsNearby ?? 0,
      personnel: row?.personnelNow ?? 0,
      planned: row?.plannedPersonnelNow ?? 0,
      feature: f,
    };
  });
}

export function compare(a: BoardSite, b: BoardSite, column: Column): number {
  const x = a[column];
  const y = b[column];
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  if (x === null || y === null) return x === y ? 0 : x === null ? -1 : 1;
  return String(x).localeCompare(String(y));
}

/** The rows sorted by `column`, ascending (1) or descending (-1); ties by name. */
export function sortSites(rows: BoardSite[], column: Column, dir: 1 | -1): BoardSite[] {
  return [...rows].sort((a, b) => dir * compare(a, b, column) || a.name.localeCompare(b.name));
}
