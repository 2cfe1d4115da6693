/** The fields of sites, status reports and released statements that leave the server. */
import type {
  Site as SiteView,
  SiteRelease as SiteReleaseView,
  SiteStatusChange as SiteStatusChangeView,
} from '@konbit/core';
import type { z } from 'zod';
import type { SiteBoard, SiteFeature } from '@konbit/core';
import { BOARD_DAYS, BOARD_RADIUS_METRES } from '@konbit/core';
import type { Areas } from '../areas/areas.js';
import { presentRestriction } from '../policy/tag.js';
import type { SiteBoardResult } from './site.board.js';
import type { Site, SiteRelease, SiteStatusChange } from './site.js';
import type { SiteWithPosture } from './site.service.js';

export function presentStatusChange(c: SiteStatusChange): SiteStatusChangeView {
  return {
    id: c.id,
    siteId: c.siteId,
    status: c.status,
    previous: c.previous,
    at: c.at,
    holder: c.holder ? { ...c.holder } : null,
    reportedBy: c.createdBy,
    reporterOrg: c.createdOrg,
    source: { ...c.source },
    note: c.note,
    classification: c.classification,
    ...presentRestriction(c),
    recordedAt: c.recordedAt,
  };
}

export function presentRelease(r: SiteRelease): SiteReleaseView {
  return {
    id: r.id,
    siteId: r.siteId,
    statement: r.statement,
    statusChangeId: r.statusChangeId,
    classification: r.classification,
    releasedAt: r.releasedAt,
  };
}

function properties(site: Site, areas: Areas, posture: Omit<SiteWithPosture, 'site'>) {
  const latest = posture.releases[0];
  return {
    id: site.id,
    name: site.name,
    nameFr: site.nameFr,
    nameHt: site.nameHt,
    kind: site.kind,
    criticality: site.criticality,
    precision: site.precision,
    positionNote: site.positionNote,
    place: { pcode: site.pcode, name: areas.get(site.pcode)?.name ?? site.pcode },
    policeRequired: site.policeRequired,
    policeRequiredSource: site.policeRequiredSource,
    forceRequired: site.forceRequired,
    notes: site.notes,
    classification: site.classification,
    ...presentRestriction(site),
    createdAt: site.createdAt,
    updatedAt: site.updatedAt,
    ...(posture.status ? { status: presentStatusChange(posture.status) } : {}),
    ...(latest ? { latestRelease: presentRelease(latest) } : {}),
  };
}

/** One site with its location, footprint and every statement the reader may read. */
export function presentSite({ site, ...posture }: SiteWithPosture, areas: Areas): SiteView {
  return {
    ...properties(site, areas, posture),
    location: { lon: site.position[0], lat: site.position[1] },
    footprint: site.footprint
      ? {
          type: 'Polygon',
          coordinates: site.footprint.coordinates.map((ring) => ring.map(([x, y]) => [x, y])),
        }
      : null,
    releases: posture.releases.map(presentRelease),
  };
}

/** A site as a GeoJSON feature (RFC 7946) for the map. */
export function presentSiteFeature(
  { site, ...posture }: SiteWithPosture,
  areas: Areas,
): z.infer<typeof SiteFeature> {
  return {
    type: 'Feature',
    id: site.id,
    geometry: { type: 'Point', coordinates: [site.position[0], site.position[1]] },
    properties: properties(site, areas, posture),
  };
}

/** A registry record on the live feed: the site without any posture. */
export function presentSiteRecord(site: Site, areas: Areas): SiteView {
  return presentSite({ site, status: null, releases: [] }, areas);
}

/** The site board: the window it counts over and one row per site, no other field. */
export function presentSiteBoard(board: SiteBoardResult): SiteBoard {
  return {
    asOf: board.asOf,
    radiusMetres: BOARD_RADIUS_METRES,
    from: board.from,
    to: board.to,
    days: BOARD_DAYS,
    sites: board.sites.map((s) => ({
      siteId: s.siteId,
      incidentsNearby: s.incidentsNearby,
      personnelNow: s.personnelNow,
      plannedPersonnelNow: s.plannedPersonnelNow,
    })),
  };
}
