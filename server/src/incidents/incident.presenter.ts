/**
 * The fields of an incident that leave the server, after the access policy has filtered it
 * and generalised its place: a sensitive report's point reaches only its reporting
 * organisation and analysts; everyone else gets the commune centroid, flagged as generalised.
 */
import {
  activeClaim,
  admiraltyCode,
  cellBounds,
  claimExpiry,
  clusterCellName,
  fromMicro,
  microToBBox,
  type CreateIncidentResponse,
  type IncidentClusterResponse,
  type IncidentDetail,
  type IncidentFeature,
  type IncidentStatsResponse,
  type IncidentType,
  type LocationPrecision,
  type LonLat,
} from '@konbit/core';
import type { Areas } from '../areas/areas.js';
import type { Actor } from '../policy/actor.js';
import { canRead, generaliseLocation } from '../policy/policy.js';
import type { Incident, IncidentRecord, IncidentSummary } from './incident.js';
import { SUMMARY_CHARS } from './incident.repository.js';
import type { ClusterResult, StatsResult } from './incident.service.js';

interface ShownPlace {
  readonly geometry: { type: 'Point'; coordinates: [number, number] } | null;
  readonly locationPrecision: LocationPrecision;
  readonly generalised: boolean;
}

function shownPlace(actor: Actor, s: IncidentSummary, areas: Areas): ShownPlace {
  const point = (p: LonLat) => ({
    type: 'Point' as const,
    coordinates: [p[0], p[1]] as [number, number],
  });
  if (s.position === null) {
    return { geometry: null, locationPrecision: s.locationPrecision, generalised: false };
  }
  if (!s.sensitive) {
    return {
      geometry: point(s.position),
      locationPrecision: s.locationPrecision,
      generalised: false,
    };
  }
  const centroid =
    s.generalPosition ?? (s.pcode ? areas.get(s.pcode)?.centroid : undefined) ?? s.position;
  const shown = generaliseLocation(
    actor,
    { kind: 'sensitive-report', reportingOrg: s.createdOrg },
    { position: s.position, precision: s.locationPrecision },
    centroid,
  );
  return {
    geometry: point(shown.position),
    locationPrecision: shown.precision as LocationPrecision,
    generalised: shown.generalised,
  };
}

/** The start of a description, cut at a word, with an ellipsis when cut. */
export function summaryOf(description: string): string {
  if (description.length <= SUMMARY_CHARS) return description;
  const cut = description.slice(0, SUMMARY_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${(space > SUMMARY_CHARS / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function summaryProperties(actor: Actor, s: IncidentSummary, areas: Areas, place: ShownPlace) {
  return {
    type: s.type,
    occurredAt: s.occurredAt,
    occurredPrecision: s.occurredPrecision,
    reportedAt: s.reportedAt,
    locationPrecision: place.locationPrecision,
    generalised: place.generalised,
    pcode: s.pcode,
    commune: s.pcode ? (areas.get(s.pcode)?.name ?? null) : null,
    casualties: { ...s.casualties },
    verification: s.verification,
    corroborations: s.corroborations,
    mergedInto: s.mergedInto,
    sensitive: s.sensitive,
    classification: s.classification,
    source: {
      kind: s.source.kind,
      reliability: s.source.reliability,
      credibility: s.source.credibility,
      grade: admiraltyCode(s.source.reliability, s.source.credibility),
    },
  };
}

/** An incident on a map or in a list. */
export function presentIncidentFeature(
  actor: Actor,
  s: IncidentSummary,
  areas: Areas,
): IncidentFeature {
  const place = shownPlace(actor, s, areas);
  return {
    type: 'Feature',
    id: s.id,
    geometry: place.geometry,
    properties: { ...summaryProperties(actor, s, areas, place), summary: summaryOf(s.description) },
  };
}

/** One incident with everything `actor` may see of it. */
export function presentIncidentDetail(
  actor: Actor,
  record: IncidentRecord,
  areas: Areas,
  now: Date,
): IncidentDetail {
  const i: Incident = record.incident;
  const place = shownPlace(actor, i, areas);
  const claim = activeClaim(i.claim, now) ? i.claim : null;
  return {
    type: 'Feature',
    id: i.id,
    geometry: place.geometry,
    properties: {
      ...summaryProperties(actor, i, areas, place),
      description: i.description,
      actors: i.actors.map((a) => ({ type: a.type, name: a.name })),
      source: {
        kind: i.source.kind,
        reliability: i.source.reliability,
        credibility: i.source.credibility,
        grade: admiraltyCode(i.source.reliability, i.source.credibility),
        reference: i.source.reference,
      },
      ...(i.classification === 'restricted' ? { restrictedTo: [...i.restrictedTo] } : {}),
      // Sites within 1 km would narrow down a point the reader may not see; and a site is
      // named only to those who may read the site itself.
      relatedSites: place.generalised
        ? []
        : i.relatedSites
            .filter((s) => canRead(actor, s))
            .map((s) => ({
              id: s.id,
              name: s.name,
              criticality: s.criticality,
              distanceMetres: s.distanceMetres,
            })),
      verificationHistory: record.history.map((h) => ({
        from: h.from,
        to: h.to,
        reason: h.reason,
        at: h.at,
        by: { name: h.by.name, organisation: h.by.organisation },
      })),
      claim: claim
        ? {
            name: claim.name,
            organisation: claim.organisation,
            at: claim.at,
            until: claimExpiry(claim).toISOString(),
          }
        : null,
      duplicates: record.duplicates.map((d) => d.id),
      reportedBy: { organisation: record.reportingOrganisation },
      createdAt: i.createdAt,
      updatedAt: i.updatedAt,
      version: i.version,
    },
  };
}

/** The answer to a new report: the report, and the possible duplicates its reporter may read. */
export function presentCreated(
  actor: Actor,
  created: {
    readonly incident: Incident;
    readonly possibleDuplicates: readonly IncidentSummary[];
    readonly reportingOrganisation: string | null;
  },
  areas: Areas,
  now: Date,
): CreateIncidentResponse {
  return {
    incident: presentIncidentDetail(
      actor,
      {
        incident: created.incident,
        history: [],
        duplicates: [],
        reportingOrganisation: created.reportingOrganisation,
      },
      areas,
      now,
    ),
    possibleDuplicates: created.possibleDuplicates.map((d) =>
      presentIncidentFeature(actor, d, areas),
    ),
  };
}

/** Clusters as the API shows them: each cell with its bounds, mean position and counts. */
export function presentClusters(result: ClusterResult, zoom: number): IncidentClusterResponse {
  const cells = new Map<
    string,
    {
      column: number;
      row: number;
      n: number;
      sx: number;
      sy: number;
      byType: Partial<Record<IncidentType, number>>;
    }
  >();
  for (const r of result.rows) {
    const name = clusterCellName(r.column, r.row);
    const cell = cells.get(name) ?? {
      column: r.column,
      row: r.row,
      n: 0,
      sx: 0,
      sy: 0,
      byType: {},
    };
    cell.n += r.n;
    cell.sx += r.sx;
    cell.sy += r.sy;
    cell.byType[r.type] = (cell.byType[r.type] ?? 0) + r.n;
    cells.set(name, cell);
  }
  const clusters = [...cells.entries()]
    .map(([name, c]) => ({
      cell: name,
      bbox: microToBBox(cellBounds(c.column, c.row, result.cellSize)),
      centre: [round6(fromMicro(c.sx / c.n)), round6(fromMicro(c.sy / c.n))] as [number, number],
      count: c.n,
      byType: c.byType,
    }))
    .sort((a, b) => b.count - a.count);
  return {
    zoom,
    cellSize: fromMicro(result.cellSize),
    from: result.from,
    to: result.to,
    total: clusters.reduce((sum, c) => sum + c.count, 0),
    clusters,
  };
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** ISO week label (YYYY-Www) of a Monday. */
export function isoWeekLabel(monday: string): string {
  const d = new Date(`${monday}T00:00:00Z`);
  const thursday = new Date(d.getTime() + 3 * 86_400_000);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.floor((thursday.getTime() - yearStart) / (7 * 86_400_000)) + 1;
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** Statistics with names: communes by name, weeks by ISO week, in a stable order. */
export function presentStats(
  result: StatsResult,
  groupBy: IncidentStatsResponse['groupBy'],
  areas: Areas,
): IncidentStatsResponse {
  const groups = result.rows.map((r) => {
    const key = groupBy === 'pcode' && r.key === '' ? 'unknown' : r.key;
    const label =
      groupBy === 'pcode'
        ? (areas.get(key)?.name ?? null)
        : groupBy === 'week'
          ? isoWeekLabel(key)
          : null;
    return {
      key,
      label,
      count: r.n,
      killed: r.killed,
      injured: r.injured,
      abducted: r.abducted,
    };
  });
  groups.sort((a, b) =>
    groupBy === 'week'
      ? a.key.localeCompare(b.key)
      : b.count - a.count || a.key.localeCompare(b.key),
  );
  const sum = (f: 'count' | 'killed' | 'injured' | 'abducted') =>
    groups.reduce((total, g) => total + g[f], 0);
  return {
    groupBy,
    from: result.from,
    to: result.to,
    total: {
      count: sum('count'),
      killed: sum('killed'),
      injured: sum('injured'),
      abducted: sum('abducted'),
    },
    groups,
  };
}
