/** Hazard events: floods, earthquakes, hurricanes… with their sources and linked figures. */
import { z } from 'zod';
import { HAZARD_TYPES } from '../vocab/humanitarian.js';
import { ClassificationLevelSchema, Instant, LocalDateSchema, Pcode, Uuid } from './common.js';
import { FigureSchema, SourceSchema } from './figures.js';
import { LonLatInput } from './idp-sites.js';

const Magnitude = z.number().min(0).max(12);
const DepthKm = z.number().min(0).max(800);
const Sources = z.array(SourceSchema).min(1).max(20);
const AffectedPcodes = z.array(Pcode).max(300);

export const CreateHazardEventRequest = z
  .strictObject({
    id: Uuid.optional(),
    type: z.enum(HAZARD_TYPES),
    name: z.string().trim().min(1).max(200),
    startedAt: Instant,
    endedAt: Instant.optional(),
    /** Earthquakes only; it may lie offshore, so name the affected areas too. */
    epicentre: LonLatInput.optional(),
    depthKm: DepthKm.optional(),
    /** An earthquake's magnitude or a hurricane's category; other hazards have none. */
    magnitude: Magnitude.optional(),
    /** Such as `Mw`, `ML`, or `Saffir-Simpson`. */
    magnitudeScale: z.string().trim().min(1).max(40).optional(),
    /** The communes or departments affected (P-codes from the boundaries). */
    affectedPcodes: AffectedPcodes.optional(),
    description: z.string().trim().max(5000).optional(),
    sources: Sources,
    classification: ClassificationLevelSchema.optional(),
    restrictedTo: z.array(Uuid).max(50).optional(),
  })
  .superRefine((h, ctx) => {
    if (h.endedAt !== undefined && h.endedAt < h.startedAt) {
      ctx.addIssue({ code: 'custom', path: ['endedAt'], message: 'Must not be before startedAt' });
    }
  });
export type CreateHazardEventRequest = z.infer<typeof CreateHazardEventRequest>;

export const UpdateHazardEventRequest = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    endedAt: Instant.nullable().optional(),
    epicentre: LonLatInput.nullable().optional(),
    depthKm: DepthKm.nullable().optional(),
    magnitude: Magnitude.nullable().optional(),
    magnitudeScale: z.string().trim().min(1).max(40).nullable().optional(),
    affectedPcodes: AffectedPcodes.optional(),
    description: z.string().trim().max(5000).nullable().optional(),
    sources: Sources.optional(),
  })
  .refine((u) => Object.keys(u).length > 0, { message: 'Send at least one field to change' });
export type UpdateHazardEventRequest = z.infer<typeof UpdateHazardEventRequest>;

const AreaRef = z.object({ pcode: z.string(), name: z.string(), level: z.number().int() });

export const HazardEventSchema = z.object({
  id: Uuid,
  type: z.enum(HAZARD_TYPES),
  name: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  epicentre: z
    .object({
      position: z.tuple([z.number(), z.number()]),
      /** The commune the epicentre lies in; null offshore or outside Haiti. */
      commune: z.object({ pcode: z.string(), name: z.string() }).nullable(),
      onLand: z.boolean(),
    })
    .nullable(),
  depthKm: z.number().nullable(),
  magnitude: z.number().nullable(),
  magnitudeScale: z.string().nullable(),
  affected: z.array(AreaRef),
  description: z.string().nullable(),
  sources: z.array(
    z.object({
      organisation: z.string(),
      title: z.string(),
      url: z.string().nullable(),
      published: z.string().nullable(),
      method: z.string().nullable(),
    }),
  ),
  classification: ClassificationLevelSchema,
  restrictedTo: z.array(z.string()).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type HazardEvent = z.infer<typeof HazardEventSchema>;

/** One hazard event with the figures linked to it that you may read, conflicts flagged. */
export const HazardEventDetail = HazardEventSchema.extend({ figures: z.array(FigureSchema) });

export const HazardQuery = z.strictObject({
  type: z.enum(HAZARD_TYPES).optional(),
  /** Events affecting this area (listed, or holding the epicentre). */
  pcode: Pcode.optional(),
  /** Events under way at some time in this window (Port-au-Prince days). */
  from: LocalDateSchema.optional(),
  to: LocalDateSchema.optional(),
});
export type HazardQuery = z.infer<typeof HazardQuery>;

export const HazardEventList = z.object({ hazards: z.array(HazardEventSchema), asOf: z.string() });
