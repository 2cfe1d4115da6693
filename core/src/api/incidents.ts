/**
 * Incidents in the API: the report as a client files it (web form, field device, SMS
 * triage), corrections, verification, claims and merging, and the read side (GeoJSON lists,
 * clusters for a city-wide map, statistics).
 */
import { z } from 'zod';
import { parseBBox } from '../geo.js';
import { MAX_CLUSTER_ZOOM, MIN_CLUSTER_ZOOM } from '../rules/cells.js';
import {
  ACTOR_TYPES,
  INCIDENT_TYPES,
  INFORMATION_CREDIBILITY,
  LOCATION_PRECISIONS,
  SOURCE_KINDS,
  SOURCE_RELIABILITY,
  TIME_PRECISIONS,
  VERIFICATION_STATES,
} from '../vocab/incidents.js';
import {
  ClassificationLevelSchema,
  ErrorBodySchema,
  Instant,
  LocalDateSchema,
  Pcode,
  QueryBoolean,
  Uuid,
} from './common.js';

const Count = z.number().int().min(0).max(100_000);

const LocationSchema = z.strictObject({
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
});

const ActorSchema = z.strictObject({
  type: z.enum(ACTOR_TYPES),
  name: z.string().trim().max(200).optional(),
});

export const CreateIncidentRequest = z.strictObject({
  /** Made by the client (a field device offline), so a retry never duplicates. */
  id: Uuid.optional(),
  type: z.enum(INCIDENT_TYPES),
  occurredAt: Instant,
  occurredPrecision: z.enum(TIME_PRECISIONS).default('exact'),
  /** Absent when the place is not known better than a commune (then give `pcode`) or at all. */
  location: LocationSchema.optional(),
  locationPrecision: z.enum(LOCATION_PRECISIONS),
  /** The commune; checked against the location when both are given. */
  pcode: Pcode.optional(),
  description: z.string().trim().min(1).max(5000),
  casualties: z
    .strictObject({
      killed: Count.default(0),
      injured: Count.default(0),
      abducted: Count.default(0),
    })
    .default({ killed: 0, injured: 0, abducted: 0 }),
  actors: z.array(ActorSchema).max(20).default([]),
  source: z.strictObject({
    kind: z.enum(SOURCE_KINDS),
    reliability: z.enum(SOURCE_RELIABILITY).default('F'),
    credibility: z.enum(INFORMATION_CREDIBILITY).default('6'),
    /** A reference such as a patrol call sign or a media URL. */
    reference: z.string().trim().max(500).optional(),
  }),
  classification: ClassificationLevelSchema.optional(),
  restrictedTo: z.array(Uuid).max(50).optional(),
  /** When the report was made, if not now (a field device sending what it queued offline). */
  reportedAt: Instant.optional(),
});
export type CreateIncidentRequest = z.infer<typeof CreateIncidentRequest>;
/** What a client sends, before defaults are applied. */
export type CreateIncidentInput = z.input<typeof CreateIncidentRequest>;

// ---------------------------------------------------------------------------------------------
// Writing: a batch from a field device, corrections, verification, claims, merging

/** A report inside a batch: the client-made `id` is required, so a retried batch never duplicates. */
export const BatchIncidentItem = CreateIncidentRequest.extend({ id: Uuid });
export type BatchIncidentItem = z.infer<typeof BatchIncidentItem>;

/** The most reports one batch may carry. */
export const MAX_BATCH_ITEMS = 1000;

export const BatchIncidentRequest = z.strictObject({
  items: z
    .array(z.unknown())
    .min(1, { message: 'Send at least one report' })
    .max(MAX_BATCH_ITEMS, { message: `Send at most ${MAX_BATCH_ITEMS} reports per batch` })
    .describe(
      'Reports as for POST /api/v1/incidents, each with its own client-made id. Each is checked and stored on its own: one bad report does not stop the others.',
    ),
});
export type BatchIncidentRequest = z.infer<typeof BatchIncidentRequest>;

export const BATCH_STATUSES = ['created', 'exists', 'rejected'] as const;

export const BatchItemResult = z.object({
  /** Position of the report in `items`, from 0. */
  index: z.number().int(),
  /** The report's id, when it had a readable one. */
  id: z.string().nullable(),
  /**
   * `created`: stored for good (it reaches the map, the statistics and search once filed, in
   * moments; GET /api/v1/incidents/:id and its possible duplicates answer at once).
   */
  status: z.enum(BATCH_STATUSES),
  error: ErrorBodySchema.shape.error.optional(),
});
export type BatchItemResult = z.infer<typeof BatchItemResult>;

export const BatchIncidentResponse = z.object({
  created: z.number().int(),
  existing: z.number().int(),
  rejected: z.number().int(),
  results: z.array(BatchItemResult),
  /** Reports stored but not yet filed onto the map, this batch's included. */
  waiting: z.number().int(),
});
export type BatchIncidentResponse = z.infer<typeof BatchIncidentResponse>;

/** Reports acknowledged from batches and not yet filed onto the map, statistics and search. */
export const IncidentIntakeStatus = z.object({
  waiting: z.number().int(),
  /** When the oldest waiting report was received (null when none waits). */
  oldestReceivedAt: z.string().nullable(),
  /**
   * While filing fails: since when, and that it is retried (the cause is in the server log only);
   * null when filing works.
   */
  fault: z.string().nullable(),
});
export type IncidentIntakeStatus = z.infer<typeof IncidentIntakeStatus>;

/**
 * A correction: any subset of the report's fields. Which fields a user may change is decided by
 * the access policy (analysts: all; the reporter: what they saw, while the report is unverified).
 */
export const UpdateIncidentRequest = z
  .strictObject({
    type: z.enum(INCIDENT_TYPES).optional(),
    occurredAt: Instant.optional(),
    occurredPrecision: z.enum(TIME_PRECISIONS).optional(),
    location: LocationSchema.nullable().optional(),
    locationPrecision: z.enum(LOCATION_PRECISIONS).optional(),
    pcode: Pcode.nullable().optional(),
    description: z.string().trim().min(1).max(5000).optional(),
    casualties: z
      .strictObject({
        killed: Count.optional(),
        injured: Count.optional(),
        abducted: Count.optional(),
      })
      .optional(),
    actors: z.array(ActorSchema).max(20).optional(),
    source: z
      .strictObject({
        kind: z.enum(SOURCE_KINDS).optional(),
        reliability: z.enum(SOURCE_RELIABILITY).optional(),
        credibility: z.enum(INFORMATION_CREDIBILITY).optional(),
        reference: z.string().trim().max(500).nullable().optional(),
      })
      .optional(),
    classification: ClassificationLevelSchema.optional(),
    restrictedTo: z.array(Uuid).max(50).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'Send at least one field to change' });
export type UpdateIncidentRequest = z.infer<typeof UpdateIncidentRequest>;
export type UpdatableIncidentField = keyof UpdateIncidentRequest;

export const VerifyIncidentRequest = z.strictObject({
  state: z.enum(VERIFICATION_STATES),
  /** Why: the evidence for the judgement, or the new evidence that reopens it. */
  reason: z.string().trim().min(1, { message: 'Say why (the evidence)' }).max(2000),
});
export type VerifyIncidentRequest = z.infer<typeof VerifyIncidentRequest>;

export const MergeIncidentRequest = z.strictObject({
  /** The report that stays: this one is linked to it as a duplicate. */
  into: Uuid,
});
export type MergeIncidentRequest = z.infer<typeof MergeIncidentRequest>;

// ---------------------------------------------------------------------------------------------
// Reading

const csvOf = <T extends readonly [string, ...string[]]>(values: T, name: string) =>
  z
    .string()
    .transform((s) => [
      ...new Set(
        s
          .split(',')
          .map((v) => v.trim())
          .filter((v) => v !== ''),
      ),
    ])
    .pipe(
      z
        .array(
          z.enum(values, {
            message: `Each ${name} must be one of ${values.join(', ')} (comma-separated)`,
          }),
        )
        .min(1, { message: `Give at least one ${name}` }),
    );

/** `w,s,e,n` in degrees (WGS 84), west < east, south < north. */
export const BBoxParam = z.string().transform((text, ctx) => {
  try {
    return parseBBox(text);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: (err as Error).message });
    return z.NEVER;
  }
});

/** The most features one list page may carry. */
export const MAX_INCIDENT_LIMIT = 5000;

const IncidentFilters = {
  from: Instant.optional(),
  to: Instant.optional(),
  types: csvOf(INCIDENT_TYPES, 'type').optional(),
  verification: csvOf(VERIFICATION_STATES, 'verification state').optional(),
  /** Source grade (Admiralty): the source's reliability, A to F. */
  reliability: csvOf(SOURCE_RELIABILITY, 'source reliability').optional(),
  /** Source grade (Admiralty): the information's credibility, 1 to 6. */
  credibility: csvOf(INFORMATION_CREDIBILITY, 'information credibility').optional(),
  /** Include reports merged into another (hidden by default: the survivor stands for them). */
  includeMerged: QueryBoolean.optional(),
};

export const IncidentListQuery = z
  .strictObject({
    bbox: BBoxParam.optional(),
    pcode: Pcode.optional(),
    ...IncidentFilters,
    /** Full text: accent-, case- and hyphen-insensitive ("petionville" finds "Pétion-Ville"). */
    q: z.string().trim().min(1).max(200).optional(),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(MAX_INCIDENT_LIMIT, {
        message: `limit can be at most ${MAX_INCIDENT_LIMIT}; page through with cursor`,
      })
      .default(500),
    cursor: z.string().min(1).max(200).optional(),
  })
  .refine((v) => v.bbox !== undefined || v.pcode !== undefined, {
    message:
      'Give bbox=west,south,east,north or pcode=<commune P-code>: incidents are always read for an area',
    path: ['bbox'],
  });
export type IncidentListQuery = z.infer<typeof IncidentListQuery>;

export const IncidentClusterQuery = z.strictObject({
  bbox: BBoxParam,
  zoom: z.coerce.number().int().min(MIN_CLUSTER_ZOOM).max(MAX_CLUSTER_ZOOM),
  ...IncidentFilters,
});
export type IncidentClusterQuery = z.infer<typeof IncidentClusterQuery>;

export const STATS_GROUPS = ['pcode', 'type', 'week'] as const;

export const IncidentStatsQuery = z.strictObject({
  groupBy: z.enum(STATS_GROUPS),
  /** Port-au-Prince days, both included. Default: the 365 days ending today. */
  from: LocalDateSchema.optional(),
  to: LocalDateSchema.optional(),
  types: csvOf(INCIDENT_TYPES, 'type').optional(),
  /** A commune, a department (its communes) or HT. */
  pcode: Pcode.optional(),
  /** Default: every state but `false`. */
  verification: csvOf(VERIFICATION_STATES, 'verification state').optional(),
});
export type IncidentStatsQuery = z.infer<typeof IncidentStatsQuery>;

const PointGeometry = z.object({
  type: z.literal('Point'),
  coordinates: z.tuple([z.number(), z.number()]),
});

const CasualtiesSchema = z.object({
  killed: z.number().int(),
  injured: z.number().int(),
  abducted: z.number().int(),
});

const SourceGrade = z.object({
  kind: z.enum(SOURCE_KINDS),
  reliability: z.enum(SOURCE_RELIABILITY),
  credibility: z.enum(INFORMATION_CREDIBILITY),
  /** The Admiralty code, such as `B2`. */
  grade: z.string(),
});

const SummaryProperties = z.object({
  type: z.enum(INCIDENT_TYPES),
  occurredAt: z.string(),
  occurredPrecision: z.enum(TIME_PRECISIONS),
  reportedAt: z.string(),
  locationPrecision: z.enum(LOCATION_PRECISIONS),
  /** True when the position shown is the commune centroid instead of the reported point. */
  generalised: z.boolean(),
  pcode: z.string().nullable(),
  commune: z.string().nullable(),
  casualties: CasualtiesSchema,
  verification: z.enum(VERIFICATION_STATES),
  /** How many other reports were merged into this one as duplicates. */
  corroborations: z.number().int(),
  mergedInto: z.string().nullable(),
  sensitive: z.boolean(),
  classification: ClassificationLevelSchema,
  source: SourceGrade,
});

/** An incident on a map or in a list: a GeoJSON Feature with a short summary. */
export const IncidentFeature = z.object({
  type: z.literal('Feature'),
  id: z.string(),
  geometry: PointGeometry.nullable(),
  properties: SummaryProperties.extend({
    /** The start of the description (up to 160 characters). */
    summary: z.string(),
  }),
});
export type IncidentFeature = z.infer<typeof IncidentFeature>;

export const IncidentCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(IncidentFeature),
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: z.string().nullable(),
  /** The time window read, after defaults. */
  from: z.string(),
  to: z.string(),
});
export type IncidentCollection = z.infer<typeof IncidentCollection>;

const VerificationStep = z.object({
  from: z.enum(VERIFICATION_STATES),
  to: z.enum(VERIFICATION_STATES),
  reason: z.string(),
  at: z.string(),
  by: z.object({ name: z.string(), organisation: z.string().nullable() }),
});

/** One incident with everything the reader may see. */
export const IncidentDetail = z.object({
  type: z.literal('Feature'),
  id: z.string(),
  geometry: PointGeometry.nullable(),
  properties: SummaryProperties.extend({
    description: z.string(),
    actors: z.array(z.object({ type: z.enum(ACTOR_TYPES), name: z.string().nullable() })),
    source: SourceGrade.extend({ reference: z.string().nullable() }),
    restrictedTo: z.array(z.string()).optional(),
    /** Critical sites within 1 km of the reported point. */
    relatedSites: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        criticality: z.number().int(),
        distanceMetres: z.number().int(),
      }),
    ),
    verificationHistory: z.array(VerificationStep),
    /** The analyst working the report, until the claim lapses. */
    claim: z
      .object({
        name: z.string(),
        organisation: z.string().nullable(),
        at: z.string(),
        until: z.string(),
      })
      .nullable(),
    /** Reports merged into this one that you may read. */
    duplicates: z.array(z.string()),
    reportedBy: z.object({ organisation: z.string().nullable() }),
    createdAt: z.string(),
    updatedAt: z.string(),
    /** Increases with every change; send it as If-Match to refuse a change made meanwhile. */
    version: z.number().int(),
  }),
});
export type IncidentDetail = z.infer<typeof IncidentDetail>;

export const CreateIncidentResponse = z.object({
  incident: IncidentDetail,
  /** Reports of the same type nearby in place and time that you may read. */
  possibleDuplicates: z.array(IncidentFeature),
});
export type CreateIncidentResponse = z.infer<typeof CreateIncidentResponse>;

/** Reports that may describe the same event as a filed one (what filing it answered, read again). */
export const IncidentDuplicatesResponse = z.object({
  /** Unmerged reports of the same type nearby in place and time that you may read, nearest in time first. */
  possibleDuplicates: z.array(IncidentFeature),
});
export type IncidentDuplicatesResponse = z.infer<typeof IncidentDuplicatesResponse>;

export const MergeIncidentResponse = z.object({
  duplicate: IncidentDetail,
  /** The report that stays (null after an unmerge if you may not read it). */
  survivor: IncidentDetail.nullable(),
});
export type MergeIncidentResponse = z.infer<typeof MergeIncidentResponse>;

export const IncidentCluster = z.object({
  /** `column:row` of the cell at this zoom. */
  cell: z.string(),
  /** The cell's bounds; a list with this bbox and the same filters returns `count` incidents. */
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  /** The mean position of the incidents in the cell. */
  centre: z.tuple([z.number(), z.number()]),
  count: z.number().int(),
  byType: z.partialRecord(z.enum(INCIDENT_TYPES), z.number().int()),
});
export type IncidentCluster = z.infer<typeof IncidentCluster>;

export const IncidentClusterResponse = z.object({
  zoom: z.number().int(),
  /** The side of a cell in degrees. */
  cellSize: z.number(),
  from: z.string(),
  to: z.string(),
  total: z.number().int(),
  clusters: z.array(IncidentCluster),
});
export type IncidentClusterResponse = z.infer<typeof IncidentClusterResponse>;

const StatsCounts = z.object({
  count: z.number().int(),
  killed: z.number().int(),
  injured: z.number().int(),
  abducted: z.number().int(),
});

export const IncidentStatsResponse = z.object({
  groupBy: z.enum(STATS_GROUPS),
  from: z.string(),
  to: z.string(),
  total: StatsCounts,
  groups: z.array(
    StatsCounts.extend({
      /** A P-code (`unknown` when the commune is not known), a type, or a week's Monday. */
      key: z.string(),
      /** The commune's name, or the week as YYYY-Www. */
      label: z.string().nullable(),
    }),
  ),
});
export type IncidentStatsResponse = z.infer<typeof IncidentStatsResponse>;
