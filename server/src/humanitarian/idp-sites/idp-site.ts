/** IDP sites: a domain value, its row mapper and its pure rules. */
import {
  lonLat,
  normaliseLabel,
  type IdpSiteId,
  type IdpSiteStatus,
  type IdpSiteType,
  type LonLat,
} from '@konbit/core';
import { metaFromRow, metaToRow, type RecordMeta } from '../record.js';
import type { IdpSiteTable } from './idp-site.table.js';

/** IDP sites are for partners by default: the force must know where displaced people are. */
export const DEFAULT_IDP_SITE_CLASSIFICATION = 'partners';

export interface IdpSite extends RecordMeta {
  readonly id: IdpSiteId;
  readonly code: string | null;
  readonly name: string;
  readonly type: IdpSiteType;
  /** The exact point; sensitive, so presenters generalise it by the policy. */
  readonly location: LonLat | null;
  readonly pcode: string;
  readonly status: IdpSiteStatus;
  readonly openedOn: string | null;
  readonly closedOn: string | null;
  readonly naturalKey: string;
}

/** What an import matches a site on: its code when it has one, else its name in its commune. */
export function idpSiteNaturalKey(site: {
  code: string | null;
  name: string;
  pcode: string;
}): string {
  return site.code !== null
    ? `code|${site.code.trim().toLowerCase()}`
    : `name|${site.pcode}|${normaliseLabel(site.name)}`;
}

export function idpSiteRowToIdpSite(row: IdpSiteTable): IdpSite {
  return {
    id: row.id as IdpSiteId,
    code: row.code,
    name: row.name,
    type: row.type as IdpSiteType,
    location: row.lon === null || row.lat === null ? null : lonLat(row.lon, row.lat),
    pcode: row.pcode,
    status: row.status as IdpSiteStatus,
    openedOn: row.opened_on,
    closedOn: row.closed_on,
    naturalKey: row.natural_key,
    ...metaFromRow(row),
  };
}

export function idpSiteToRow(site: IdpSite): IdpSiteTable {
  return {
    id: site.id,
    code: site.code,
    name: site.name,
    type: site.type,
    lon: site.location?.[0] ?? null,
    lat: site.location?.[1] ?? null,
    pcode: site.pcode,
    status: site.status,
    opened_on: site.openedOn,
    closed_on: site.closedOn,
    natural_key: site.naturalKey,
    ...metaToRow(site),
  };
}
