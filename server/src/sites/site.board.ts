/**
 * The site board: for each site the reader may read, the incidents they may read within 1 km in
 * the last 7 days and the personnel on duty there now. Each figure is computed from what the
 * reader may read: a humanitarian reader counts the incidents shared with them, at the position
 * they see, and no tasking.
 */
import {
  BOARD_DAYS,
  BOARD_RADIUS_METRES,
  distanceMetres,
  IncidentListQuery,
  MAX_INCIDENT_LIMIT,
  onDutyIntervals,
  instantMs,
  type LonLat,
} from '@konbit/core';
import type { Clock } from '../clock/clock.js';
import { listIncidents } from '../incidents/incident.service.js';
import type { Actor } from '../policy/actor.js';
import type { Store } from '../store/store.js';
import { listAssignments } from '../tasking/tasking.service.js';
import type { Assignment } from '../tasking/tasking.js';
import { readableSites } from './site.service.js';

export interface SiteBoardEntry {
  readonly siteId: string;
  readonly incidentsNearby: number;
  readonly personnelNow: number;
  readonly plannedPersonnelNow: number;
}

export interface SiteBoardResult {
  readonly asOf: string;
  readonly from: string;
  readonly to: string;
  readonly sites: readonly SiteBoardEntry[];
}

const METRES_PER_DEGREE = 111_320;

/** A west,south,east,north box that holds every point within `metres` of `p`. */
function boxAround(p: LonLat, metres: number): string {
  const dLat = metres / METRES_PER_DEGREE;
  const dLon = metres / (METRES_PER_DEGREE * Math.max(0.01, Math.cos((p[1] * Math.PI) / 180)));
  return [p[0] - dLon, p[1] - dLat, p[0] + dLon, p[1] + dLat].map((v) => v.toFixed(6)).join(',');
}

/** Readable incidents within `BOARD_RADIUS_METRES` of `position` in the window, every page. */
async function incidentsNear(
  store: Store,
  actor: Actor,
  clock: Clock,
  position: LonLat,
  window: { from: string; to: string },
): Promise<number> {
  let count = 0;
  let cursor: string | undefined;
  do {
    const query = IncidentListQuery.parse({
      bbox: boxAround(position, BOARD_RADIUS_METRES),
      ...window,
      limit: MAX_INCIDENT_LIMIT,
      ...(cursor ? { cursor } : {}),
    });
    const page = await listIncidents(store, actor, clock, query);
    for (const item of page.items) {
      const at = item.position;
      if (at && distanceMetres(at, position) <= BOARD_RADIUS_METRES) count += 1;
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return count;
}

/** Personnel of `assignments` whose period and shift include the instant `now` (epoch ms). */
export function personnelOnDuty(assignments: readonly Assignment[], now: number): number {
  return assignments
    .filter(
      (a) =>
        onDutyIntervals(
          { start: instantMs(a.startsAt), end: instantMs(a.endsAt), shift: a.shift },
          [now, now + 1],
        ).length > 0,
    )
    .reduce((sum, a) => sum + a.personnel, 0);
}

export async function siteBoard(
  store: Store,
  actor: Actor,
  clock: Clock,
): Promise<SiteBoardResult> {
  const nowDate = clock.now();
  const now = nowDate.getTime();
  const window = {
    from: new Date(now - BOARD_DAYS * 86_400_000).toISOString(),
    to: nowDate.toISOString(),
  };
  const sites = await readableSites(store, actor);
  const assignments = await listAssignments(store, actor, {});
  const bySite = (siteId: string, state: Assignment['state']) =>
    assignments.filter((a) => a.siteId === siteId && a.state === state);
  const rows: SiteBoardEntry[] = [];
  for (const site of sites) {
    rows.push({
      siteId: site.id,
      incidentsNearby: await incidentsNear(store, actor, clock, site.position, window),
      personnelNow: personnelOnDuty(bySite(site.id, 'active'), now),
      plannedPersonnelNow: personnelOnDuty(bySite(site.id, 'planned'), now),
    });
  }
  return { asOf: window.to, ...window, sites: rows };
}
