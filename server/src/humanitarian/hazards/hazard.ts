/** Hazard events: a domain value and its row mapper. */
import { lonLat, type HazardEventId, type HazardType, type LonLat } from '@konbit/core';
import { metaFromRow, metaToRow, type RecordMeta } from '../record.js';
import type { HazardEventTable } from './hazard.table.js';

/** Hazards are public news unless the writer says otherwise. */
export const DEFAULT_HAZARD_CLASSIFICATION = 'public';

export interface SourceRecord {
  readonly organisation: string;
  readonly title: string;
  readonly url: string | null;
  readonly published: string | null;
  readonly method: string | null;
}

export interface HazardEvent extends RecordMeta {
  readonly id: HazardEventId;
  readonly type: HazardType;
  readonly name: string;
  readonly startedAt: string;
  readonly endedAt: string | null;
  readonly epicentre: LonLat | null;
  readonly epicentrePcode: string | null;
  readonly depthKm: number | null;
  readonly magnitude: number | null;
  readonly magnitudeScale: string | null;
  readonly affectedPcodes: readonly string[];
  readonly description: string | null;
  readonly sources: readonly SourceRecord[];
}

export function hazardRowToHazardEvent(row: HazardEventTable): HazardEvent {
  return {
    id: row.id as HazardEventId,
    type: row.type as HazardType,
    name: row.name,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    epicentre:
      row.epicentre_lon === null || row.epicentre_lat === null
        ? null
        : lonLat(row.epicentre_lon, row.epicentre_lat),
    epicentrePcode: row.epicentre_pcode,
    depthKm: row.depth_km,
    magnitude: row.magnitude,
    magnitudeScale: row.magnitude_scale,
    affectedPcodes: JSON.parse(row.affected_pcodes) as string[],
    description: row.description,
    sources: JSON.parse(row.sources) as SourceRecord[],
    ...metaFromRow(row),
  };
}

export function hazardEventToRow(h: HazardEvent): HazardEventTable {
  return {
    id: h.id,
    type: h.type,
    name: h.name,
    started_at: h.startedAt,
    ended_at: h.endedAt,
    epicentre_lon: h.epicentre?.[0] ?? null,
    epicentre_lat: h.epicentre?.[1] ?? null,
    epicentre_pcode: h.epicentrePcode,
    depth_km: h.depthKm,
    magnitude: h.magnitude,
    magnitude_scale: h.magnitudeScale,
    affected_pcodes: JSON.stringify(h.affectedPcodes),
    description: h.description,
    sources: JSON.stringify(h.sources),
    ...metaToRow(h),
  };
}

/** A source as stored: absent fields are null. */
export function sourceRecord(s: {
  organisation: string;
  title: string;
  url?: string | undefined;
  published?: string | undefined;
  method?: string | undefined;
}): SourceRecord {
  return {
    organisation: s.organisation,
    title: s.title,
    url: s.url ?? null,
    published: s.published ?? null,
    method: s.method ?? null,
  };
}
