/** What the humanitarian tables hold, computed from the API's answers. */
import type { Activity, Figure } from '@konbit/core';

/** A figure about an area (not about an IDP site or a hazard event). */
export function aboutArea(f: Figure): boolean {
  return f.place.idpSiteId === null && f.place.hazardEventId === null;
}

/** Activities and people reached (what is known of them) per cluster and commune, by cluster then commune name. */
export function byClusterAndCommune(activities: readonly Activity[]) {
  const groups = new Map<
    string,
    { sector: string; pcode: string; name: string; activities: number; reached: number }
  >();
  for (const a of activities) {
    const key = `${a.sector}|${a.place.pcode}`;
    const g = groups.get(key) ?? {
      sector: a.sector,
      pcode: a.place.pcode,
      name: a.place.name,
      activities: 0,
      reached: 0,
    };
    g.activities += 1;
    g.reached += a.reached.total ?? 0;
    groups.set(key, g);
  }
  return [...groups.values()].sort(
    (a, b) => a.sector.localeCompare(b.sector) || a.name.localeCompare(b.name),
  );
}
