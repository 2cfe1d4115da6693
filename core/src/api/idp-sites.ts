/** IDP sites: where displaced people live. Their exact position is sensitive (see the policy). */
import { z } from 'zod';
import { IDP_SITE_STATUSES, IDP_SITE_TYPES } from '../vocab/humanitarian.js';
import { QUALIFIERS } from '../vocab/metrics.js';
import { ClassificationLevelSchema, LocalDateSchema, Pcode, QueryBoolean, Uuid } from './common.js';

/** A point given by a client: longitude and latitude in WGS 84. */
export const LonLatInput = z.strictObject({
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
});

/** A commune P-code (`HT0111`): the level IDP sites, activities and constraints are placed at. */
export const CommunePcode = z.string().regex(/^HT\d{4}$/, {
  message: 'Must be a commune P-code such as HT0111',
});

const SiteCode = z.string().trim().min(1).max(100);
const SiteName = z.string().trim().min(1).max(200);

export const CreateIdpSiteRequest = z
  .strictObject({
    id: Uuid.optional(),
    /** The site's code in the source registry (such as a DTM site id); unique. */
    code: SiteCode.optional(),
    name: SiteName,
    type: z.enum(IDP_SITE_TYPES),
    /** Leave out for host families, who live at many addresses; give the commune instead. */
    location: LonLatInput.optional(),
    /** The commune; found from the location when left out, and checked against it when given. */
    pcode: CommunePcode.optional(),
    status: z.enum(IDP_SITE_STATUSES).optional(),
    openedOn: LocalDateSchema.optional(),
    closedOn: LocalDateSchema.optional(),
    classification: ClassificationLevelSchema.optional(),
    restrictedTo: z.array(Uuid).max(50).optional(),
  })
  .superRefine((s, ctx) => {
    if (s.location === undefined && s.pcode === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['pcode'],
        message: 'Give the site a location or at least its commune P-code',
      });
    }
  });
export type CreateIdpSiteRequest = z.infer<typeof CreateIdpSiteRequest>;

export const UpdateIdpSiteRequest = z
  .strictObject({
    code: SiteCode.nullable().optional(),
    name: SiteName.optional(),
    type: z.enum(IDP_SITE_TYPES).optional(),
    location: LonLatInput.nullable().optional(),
    pcode: CommunePcode.optional(),
    /** Closing a site sets `closedOn` (today unless given); reopening clears it. */
    status: z.enum(IDP_SITE_STATUSES).optional(),
    openedOn: LocalDateSchema.nullable().optional(),
    closedOn: LocalDateSchema.nullable().optional(),
  })
  .refine((u) => Object.keys(u).length > 0, { message: 'Send at least one field to change' });
export type UpdateIdpSiteRequest = z.infer<typeof UpdateIdpSiteRequest>;

const AreaRef = z.object({ pcode: z.string(), name: z.string() });

const PopulationSchema = z
  .object({
    figureId: z.string(),
    value: z.number(),
    qualifier: z.enum(QUALIFIERS),
    asOf: z.string(),
    source: z.object({ organisation: z.string(), title: z.string() }),
  })
  .nullable();

export const IdpSiteSchema = z.object({
  id: Uuid,
  code: z.string().nullable(),
  name: z.string(),
  type: z.enum(IDP_SITE_TYPES),
  status: z.enum(IDP_SITE_STATUSES),
  openedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  commune: AreaRef,
  department: AreaRef.nullable(),
  location: z.object({
    /** [longitude, latitude] */
    position: z.tuple([z.number(), z.number()]),
    /** `exact`, or `commune` when only the commune is known or shown. */
    precision: z.enum(['exact', 'commune']),
    /** True when the policy shows you the commune centroid instead of the recorded point. */
    generalised: z.boolean(),
  }),
  /** The latest population figures for the site that you may read, with their sources. */
  population: z.object({ idps: PopulationSchema, households: PopulationSchema }),
  classification: ClassificationLevelSchema,
  restrictedTo: z.array(z.string()).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type IdpSite = z.infer<typeof IdpSiteSchema>;

export const IdpSiteQuery = z.strictObject({
  /** A commune, department or `HT`: sites within it. */
  pcode: Pcode.optional(),
  status: z.enum(IDP_SITE_STATUSES).optional(),
  type: z.enum(IDP_SITE_TYPES).optional(),
  /** Include closed sites (default: open ones only unless `status` is given). */
  all: QueryBoolean.optional(),
});
export type IdpSiteQuery = z.infer<typeof IdpSiteQuery>;

export const IdpSiteList = z.object({ sites: z.array(IdpSiteSchema), asOf: z.string() });
