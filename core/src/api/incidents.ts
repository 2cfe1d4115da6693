/**
 * The incident report as a client files it (web form, field device, SMS triage). The read
 * side (GeoJSON lists, clusters, stats, verification) is defined with the incidents service.
 */
import { z } from 'zod';
import {
  ACTOR_TYPES,
  INCIDENT_TYPES,
  INFORMATION_CREDIBILITY,
  LOCATION_PRECISIONS,
  SOURCE_KINDS,
  SOURCE_RELIABILITY,
  TIME_PRECISIONS,
} from '../vocab/incidents.js';
import { ClassificationLevelSchema, Instant, Pcode, Uuid } from './common.js';

const Count = z.number().int().min(0).max(100_000);

export const CreateIncidentRequest = z.strictObject({
  /** Made by the client (a field device offline), so a retry never duplicates. */
  id: Uuid.optional(),
  type: z.enum(INCIDENT_TYPES),
  occurredAt: Instant,
  occurredPrecision: z.enum(TIME_PRECISIONS).default('exact'),
  /** Absent when the place is not known better than a commune (then give `pcode`) or at all. */
  location: z
    .strictObject({ lon: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) })
    .optional(),
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
  actors: z
    .array(
      z.strictObject({ type: z.enum(ACTOR_TYPES), name: z.string().trim().max(200).optional() }),
    )
    .max(20)
    .default([]),
  source: z.strictObject({
    kind: z.enum(SOURCE_KINDS),
    reliability: z.enum(SOURCE_RELIABILITY).default('F'),
    credibility: z.enum(INFORMATION_CREDIBILITY).default('6'),
    /** A reference such as a patrol call sign or a media URL. */
    reference: z.string().trim().max(500).optional(),
  }),
  classification: ClassificationLevelSchema.optional(),
  restrictedTo: z.array(Uuid).max(50).optional(),
});
export type CreateIncidentRequest = z.infer<typeof CreateIncidentRequest>;
/** What a client sends, before defaults are applied. */
export type CreateIncidentInput = z.input<typeof CreateIncidentRequest>;
