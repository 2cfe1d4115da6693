/** Critical sites, their security posture and the statements released about them. */
import { z } from 'zod';
import { SITE_KINDS, SITE_PRECISIONS, SITE_STATUSES } from '../vocab/sites.js';
import { ClassificationLevelSchema, Instant, Pcode, Uuid } from './common.js';
import { SourceSchema } from './figures.js';

const Lon = z.number().min(-180).max(180);
const Lat = z.number().min(-90).max(90);

export const PointInput = z.strictObject({ lon: Lon, lat: Lat });

/** A GeoJSON polygon (RFC 7946): closed rings of [lon, lat], outer ring first. */
export const PolygonInput = z
  .strictObject({
    type: z.literal('Polygon'),
    coordinates: z
      .array(
        z
          .array(z.tuple([Lon, Lat]))
          .min(4, { message: 'A ring needs at least 4 positions' })
          .max(2000),
      )
      .min(1)
      .max(20),
  })
  .refine(
    (p) =>
      p.coordinates.every((ring) => {
        const [first, last] = [ring[0], ring[ring.length - 1]];
        return (
          first !== undefined && last !== undefined && first[0] === last[0] && first[1] === last[1]
        );
      }),
    { message: 'Each ring must end where it starts (a closed ring)' },
  );

const Count = z.number().int().min(0).max(100_000);

const SiteFields = {
  name: z.string().trim().min(1).max(200),
  nameFr: z.string().trim().min(1).max(200).optional(),
  nameHt: z.string().trim().min(1).max(200).optional(),
  kind: z.enum(SITE_KINDS),
  criticality: z.number().int().min(1).max(5),
  /** The point; absent when the position is not published (give `pcode`: the commune centroid is used). */
  location: PointInput.optional(),
  /** How exactly `location` is known; `commune` when no location is given. */
  precision: z.enum(SITE_PRECISIONS).optional(),
  /** The commune; checked against the location when both are given. */
  pcode: Pcode.optional(),
  footprint: PolygonInput.optional(),
  /** Officers the HNP needs to guard the site alone; null when not known. */
  policeRequired: Count.nullable().optional(),
  /** Where `policeRequired` comes from, such as "illustrative: HNP baselines are not published". */
  policeRequiredSource: z.string().trim().min(1).max(500).optional(),
  /** Force personnel needed to hold the site (default 1). */
  forceRequired: z.number().int().min(1).max(100_000).optional(),
  notes: z.string().trim().max(5000).optional(),
};

export const CreateSiteRequest = z.strictObject({
  id: Uuid.optional(),
  ...SiteFields,
  classification: ClassificationLevelSchema.optional(),
  restrictedTo: z.array(Uuid).max(50).optional(),
});
export type CreateSiteRequest = z.infer<typeof CreateSiteRequest>;

/** The fields to change; `location` and `pcode` are checked together as on create. */
export const UpdateSiteRequest = z
  .strictObject({
    name: SiteFields.name.optional(),
    nameFr: SiteFields.nameFr.nullable(),
    nameHt: SiteFields.nameHt.nullable(),
    kind: SiteFields.kind.optional(),
    criticality: SiteFields.criticality.optional(),
    location: SiteFields.location,
    precision: SiteFields.precision,
    pcode: SiteFields.pcode,
    footprint: PolygonInput.nullable().optional(),
    policeRequired: SiteFields.policeRequired,
    policeRequiredSource: SiteFields.policeRequiredSource.nullable(),
    forceRequired: SiteFields.forceRequired,
    notes: SiteFields.notes.nullable(),
  })
  .refine((u) => Object.keys(u).length > 0, { message: 'Send at least one field to change' });
export type UpdateSiteRequest = z.infer<typeof UpdateSiteRequest>;

export const ReleaseInput = z.strictObject({
  /** A plain statement for partners, without operational detail. */
  statement: z.string().trim().min(1).max(500),
  /** Who may read the statement; `partners` unless said otherwise. */
  classification: z.enum(['public', 'partners', 'humanitarian']).optional(),
});

export const ReportSiteStatusRequest = z.strictObject({
  id: Uuid.optional(),
  status: z.enum(SITE_STATUSES),
  /** When the posture was observed; now when absent. */
  at: Instant.optional(),
  /** Who holds the site: an organisation by name and/or a unit of the tasking registry. */
  holder: z
    .strictObject({
      organisation: z.string().trim().min(1).max(200).optional(),
      unitId: Uuid.optional(),
    })
    .optional(),
  source: SourceSchema,
  note: z.string().trim().max(2000).optional(),
  classification: ClassificationLevelSchema.optional(),
  restrictedTo: z.array(Uuid).max(50).optional(),
  /** Release a plain statement about this change to partners at the same time. */
  release: ReleaseInput.optional(),
});
export type ReportSiteStatusRequest = z.infer<typeof ReportSiteStatusRequest>;

export const CreateReleaseRequest = ReleaseInput.extend({
  id: Uuid.optional(),
  /** The status change the statement summarises. */
  statusChangeId: Uuid.optional(),
});
export type CreateReleaseRequest = z.infer<typeof CreateReleaseRequest>;

export const SiteStatusChangeSchema = z.object({
  id: Uuid,
  siteId: Uuid,
  status: z.enum(SITE_STATUSES),
  /** The previous status, or null for the site's first report. */
  previous: z.enum(SITE_STATUSES).nullable(),
  at: z.string(),
  holder: z
    .object({ organisation: z.string().nullable(), unitId: z.string().nullable() })
    .nullable(),
  reportedBy: z.string(),
  reporterOrg: z.string().nullable(),
  source: z.object({
    organisation: z.string(),
    title: z.string(),
    url: z.string().nullable(),
    published: z.string().nullable(),
  }),
  note: z.string().nullable(),
  classification: ClassificationLevelSchema,
  restrictedTo: z.array(z.string()).optional(),
  recordedAt: z.string(),
});
export type SiteStatusChange = z.infer<typeof SiteStatusChangeSchema>;

export const SiteReleaseSchema = z.object({
  id: Uuid,
  siteId: Uuid,
  statement: z.string(),
  statusChangeId: z.string().nullable(),
  classification: ClassificationLevelSchema,
  releasedAt: z.string(),
});
export type SiteRelease = z.infer<typeof SiteReleaseSchema>;

const SiteProperties = {
  id: Uuid,
  name: z.string(),
  nameFr: z.string().nullable(),
  nameHt: z.string().nullable(),
  kind: z.enum(SITE_KINDS),
  criticality: z.number().int(),
  precision: z.enum(SITE_PRECISIONS),
  /** Says how the position was obtained when it is not exact, such as a commune centroid. */
  positionNote: z.string().nullable(),
  place: z.object({ pcode: z.string(), name: z.string() }),
  policeRequired: z.number().int().nullable(),
  policeRequiredSource: z.string().nullable(),
  forceRequired: z.number().int(),
  notes: z.string().nullable(),
  classification: ClassificationLevelSchema,
  restrictedTo: z.array(z.string()).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /**
   * The latest status report the reader may read. Absent when there is none they may read
   * (no report, or operational status they may not see): read it as unknown.
   */
  status: SiteStatusChangeSchema.optional(),
  /** The latest statement released about the site that the reader may read. */
  latestRelease: SiteReleaseSchema.optional(),
};

export const GeoPoint = z.object({
  type: z.literal('Point'),
  coordinates: z.tuple([z.number(), z.number()]),
});

export const SiteSchema = z.object({
  ...SiteProperties,
  location: z.object({ lon: z.number(), lat: z.number() }),
  footprint: z
    .object({
      type: z.literal('Polygon'),
      coordinates: z.array(z.array(z.tuple([z.number(), z.number()]))),
    })
    .nullable(),
  /** Every released statement the reader may read, newest first. */
  releases: z.array(SiteReleaseSchema),
});
export type Site = z.infer<typeof SiteSchema>;

export const SiteFeature = z.object({
  type: z.literal('Feature'),
  id: Uuid,
  geometry: GeoPoint,
  properties: z.object(SiteProperties),
});

export const SiteCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(SiteFeature),
});
export type SiteCollection = z.infer<typeof SiteCollection>;

export const SiteQuery = z.strictObject({
  kind: z.enum(SITE_KINDS).optional(),
  /** Sites whose status, as the reader sees it, is this (`unknown` includes no report). */
  status: z.enum(SITE_STATUSES).optional(),
  minCriticality: z.coerce.number().int().min(1).max(5).optional(),
  pcode: Pcode.optional(),
});
export type SiteQuery = z.infer<typeof SiteQuery>;

export const SiteHistory = z.object({
  siteId: Uuid,
  /** Status reports the reader may read, newest first; operational reports are omitted for readers outside the mission. */
  changes: z.array(SiteStatusChangeSchema),
  releases: z.array(SiteReleaseSchema),
});
export type SiteHistory = z.infer<typeof SiteHistory>;

export const StatusReportResponse = z.object({
  change: SiteStatusChangeSchema,
  release: SiteReleaseSchema.nullable(),
  /** The alert raised by this change (to threatened or lost), if any. */
  alertId: z.string().nullable(),
});
export type StatusReportResponse = z.infer<typeof StatusReportResponse>;

/** Incidents are counted within this distance of a site on the board. */
export const BOARD_RADIUS_METRES = 1_000;
/** …over this many days ending now. */
export const BOARD_DAYS = 7;

export const SiteBoardRow = z.object({
  siteId: Uuid,
  /** Incidents the reader may read, within `radiusMetres` of the site (as the reader sees their position), in the window. */
  incidentsNearby: z.number().int(),
  /** Personnel on duty at the site now: active assignments the reader may read whose period and shift include this moment. */
  personnelNow: z.number().int(),
  /** The same for planned assignments (what a plan would put there now). */
  plannedPersonnelNow: z.number().int(),
});
export type SiteBoardRow = z.infer<typeof SiteBoardRow>;

export const SiteBoard = z.object({
  asOf: z.string(),
  radiusMetres: z.number(),
  /** The incident window: `days` days ending `asOf`. */
  from: z.string(),
  to: z.string(),
  days: z.number().int(),
  sites: z.array(SiteBoardRow),
});
export type SiteBoard = z.infer<typeof SiteBoard>;
