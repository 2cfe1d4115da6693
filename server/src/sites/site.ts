/** Critical sites, their security posture reports and the statements released about them. */
import type {
  ClassificationLevel,
  LonLat,
  SiteId,
  SiteKind,
  SitePrecision,
  SiteReleaseId,
  SiteStatus,
  SiteStatusChangeId,
} from '@konbit/core';
import { authoredFromRow, authoredToRow } from '../policy/tag.js';
import type { SiteReleaseTable, SiteStatusChangeTable, SiteTable } from './site.table.js';

export interface Polygon {
  readonly type: 'Polygon';
  readonly coordinates: readonly (readonly (readonly [number, number])[])[];
}

export interface Site {
  readonly id: SiteId;
  readonly name: string;
  readonly nameFr: string | null;
  readonly nameHt: string | null;
  readonly kind: SiteKind;
  readonly criticality: number;
  readonly position: LonLat;
  readonly precision: SitePrecision;
  readonly positionNote: string | null;
  readonly footprint: Polygon | null;
  readonly pcode: string;
  readonly policeRequired: number | null;
  readonly policeRequiredSource: string | null;
  readonly forceRequired: number;
  readonly notes: string | null;
  readonly classification: ClassificationLevel;
  readonly restrictedTo: readonly string[];
  readonly createdBy: string;
  readonly createdOrg: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface SourceRef {
  readonly organisation: string;
  readonly title: string;
  readonly url: string | null;
  readonly published: string | null;
}

export interface SiteStatusChange {
  readonly id: SiteStatusChangeId;
  readonly siteId: SiteId;
  readonly status: SiteStatus;
  readonly previous: SiteStatus | null;
  readonly at: string;
  readonly holder: { readonly organisation: string | null; readonly unitId: string | null } | null;
  readonly source: SourceRef;
  readonly note: string | null;
  readonly classification: ClassificationLevel;
  readonly restrictedTo: readonly string[];
  readonly createdBy: string;
  readonly createdOrg: string | null;
  readonly recordedAt: string;
}

/** A plain statement released to partners: a record of its own, with its own classification. */
export interface SiteRelease {
  readonly id: SiteReleaseId;
  readonly siteId: SiteId;
  readonly statusChangeId: string | null;
  readonly statement: string;
  readonly classification: ClassificationLevel;
  readonly restrictedTo: readonly string[];
  readonly createdBy: string;
  readonly createdOrg: string | null;
  readonly releasedAt: string;
}

export function siteRowToSite(row: SiteTable): Site {
  return {
    id: row.id as SiteId,
    name: row.name,
    nameFr: row.name_fr,
    nameHt: row.name_ht,
    kind: row.kind as SiteKind,
    criticality: row.criticality,
    position: [row.lon, row.lat] as unknown as LonLat,
    precision: row.precision as SitePrecision,
    positionNote: row.position_note,
    footprint: row.footprint === null ? null : (JSON.parse(row.footprint) as Polygon),
    pcode: row.pcode,
    policeRequired: row.police_required,
    policeRequiredSource: row.police_required_source,
    forceRequired: row.force_required,
    notes: row.notes,
    ...authoredFromRow(row),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function siteToRow(s: Site): SiteTable {
  return {
    id: s.id,
    name: s.name,
    name_fr: s.nameFr,
    name_ht: s.nameHt,
    kind: s.kind,
    criticality: s.criticality,
    lon: s.position[0],
    lat: s.position[1],
    precision: s.precision,
    position_note: s.positionNote,
    footprint: s.footprint === null ? null : JSON.stringify(s.footprint),
    pcode: s.pcode,
    police_required: s.policeRequired,
    police_required_source: s.policeRequiredSource,
    force_required: s.forceRequired,
    notes: s.notes,
    ...authoredToRow(s),
    created_at: s.createdAt,
    updated_at: s.updatedAt,
  };
}

export function statusRowToChange(row: SiteStatusChangeTable): SiteStatusChange {
  const holder =
    row.holder_organisation === null && row.holder_unit_id === null
      ? null
      : { organisation: row.holder_organisation, unitId: row.holder_unit_id };
  return {
    id: row.id as SiteStatusChangeId,
    siteId: row.site_id as SiteId,
    status: row.status as SiteStatus,
    previous: row.previous as SiteStatus | null,
    at: row.at,
    holder,
    source: {
      organisation: row.source_organisation,
      title: row.source_title,
      url: row.source_url,
      published: row.source_published,
    },
    note: row.note,
    ...authoredFromRow(row),
    recordedAt: row.recorded_at,
  };
}

export function changeToStatusRow(c: SiteStatusChange): SiteStatusChangeTable {
  return {
    id: c.id,
    site_id: c.siteId,
    status: c.status,
    previous: c.previous,
    at: c.at,
    holder_organisation: c.holder?.organisation ?? null,
    holder_unit_id: c.holder?.unitId ?? null,
    source_organisation: c.source.organisation,
    source_title: c.source.title,
    source_url: c.source.url,
    source_published: c.source.published,
    note: c.note,
    ...authoredToRow(c),
    recorded_at: c.recordedAt,
  };
}

export function releaseRowToRelease(row: SiteReleaseTable): SiteRelease {
  return {
    id: row.id as SiteReleaseId,
    siteId: row.site_id as SiteId,
    statusChangeId: row.status_change_id,
    statement: row.statement,
    ...authoredFromRow(row),
    releasedAt: row.released_at,
  };
}

export function releaseToRow(r: SiteRelease): SiteReleaseTable {
  return {
    id: r.id,
    site_id: r.siteId,
    status_change_id: r.statusChangeId,
    statement: r.statement,
    ...authoredToRow(r),
    released_at: r.releasedAt,
  };
}
