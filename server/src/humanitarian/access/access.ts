/** Access constraints: a domain value, its row mapper and the communes a geometry lies on. */
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import {
  lonLat,
  normaliseLabel,
  type AccessCategory,
  type AccessConstraintId,
  type AccessScope,
  type AccessSeverity,
  type ConstraintGeometry,
} from '@konbit/core';
import type { Areas } from '../../areas/areas.js';
import type { SourceRecord } from '../hazards/hazard.js';
import { metaFromRow, metaToRow, type RecordMeta } from '../record.js';
import type { AccessConstraintTable } from './access.table.js';

/** Constraints are for partners by default: convoys and escorts both need them. */
export const DEFAULT_ACCESS_CLASSIFICATION = 'partners';

export interface AccessConstraint extends RecordMeta {
  readonly id: AccessConstraintId;
  readonly naturalKey: string;
  readonly category: AccessCategory;
  readonly severity: AccessSeverity;
  readonly scope: AccessScope;
  readonly geometry: ConstraintGeometry | null;
  readonly pcodes: readonly string[];
  readonly place: string | null;
  readonly description: string;
  readonly start: string;
  readonly end: string | null;
  readonly source: SourceRecord;
}

/** The same constraint reported twice: same category, scope, communes, first day and place. */
export function accessNaturalKey(
  c: Pick<AccessConstraint, 'category' | 'scope' | 'pcodes' | 'start' | 'place'>,
): string {
  return [
    c.category,
    c.scope,
    [...c.pcodes].sort().join(','),
    c.start,
    normaliseLabel(c.place ?? ''),
  ].join('|');
}

/**
 * The communes a geometry lies on: those holding one of its vertices and, for an area, those
 * whose centroid it contains (an area can cover a commune without a vertex inside it).
 */
export function communesOfGeometry(areas: Areas, geometry: ConstraintGeometry): string[] {
  const found = new Set<string>();
  const lines: number[][][] =
    geometry.type === 'LineString'
      ? [geometry.coordinates]
      : geometry.type === 'MultiLineString'
        ? geometry.coordinates
        : geometry.type === 'Polygon'
          ? geometry.coordinates
          : geometry.coordinates.flat();
  for (const line of lines) {
    for (const [lon = 0, lat = 0] of line) {
      const commune = areas.locate(lonLat(lon, lat))?.commune.pcode;
      if (commune) found.add(commune);
    }
  }
  if (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon') {
    for (const commune of areas.list(2)) {
      if (booleanPointInPolygon([commune.centroid[0], commune.centroid[1]], geometry)) {
        found.add(commune.pcode);
      }
    }
  }
  return [...found].sort();
}

export function accessRowToAccessConstraint(row: AccessConstraintTable): AccessConstraint {
  return {
    id: row.id as AccessConstraintId,
    naturalKey: row.natural_key,
    category: row.category as AccessCategory,
    severity: row.severity as AccessSeverity,
    scope: row.scope as AccessScope,
    geometry: row.geometry === null ? null : (JSON.parse(row.geometry) as ConstraintGeometry),
    pcodes: JSON.parse(row.pcodes) as string[],
    place: row.place,
    description: row.description,
    start: row.start_on,
    end: row.end_on,
    source: {
      organisation: row.source_organisation,
      title: row.source_title,
      url: row.source_url,
      published: row.source_published,
      method: row.source_method,
    },
    ...metaFromRow(row),
  };
}

export function accessConstraintToRow(c: AccessConstraint): AccessConstraintTable {
  return {
    id: c.id,
    natural_key: c.naturalKey,
    category: c.category,
    severity: c.severity,
    scope: c.scope,
    geometry: c.geometry === null ? null : JSON.stringify(c.geometry),
    pcodes: JSON.stringify(c.pcodes),
    place: c.place,
    description: c.description,
    start_on: c.start,
    end_on: c.end,
    source_organisation: c.source.organisation,
    source_title: c.source.title,
    source_url: c.source.url,
    source_published: c.source.published,
    source_method: c.source.method,
    ...metaToRow(c),
  };
}
