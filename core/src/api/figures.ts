/** Figures: every number with its metric, place, date and source. */
import { z } from 'zod';
import { CONFIDENCES, METRICS, QUALIFIERS, UNITS } from '../vocab/metrics.js';
import { ClassificationLevelSchema, LocalDateSchema, Pcode, QueryBoolean, Uuid } from './common.js';

export const SourceSchema = z.strictObject({
  organisation: z.string().trim().min(1).max(200),
  title: z.string().trim().min(1).max(500),
  url: z
    .url({ protocol: /^https?$/, message: 'Must be an http(s) URL' })
    .max(2000)
    .optional(),
  published: LocalDateSchema.optional(),
  /** How the number was produced, such as "DTM round 3, baseline assessment". */
  method: z.string().trim().max(500).optional(),
});
export type Source = z.infer<typeof SourceSchema>;

/** One part of a number: by displacement reason, origin, sex, age… */
export const BreakdownItemSchema = z.strictObject({
  by: z.string().trim().min(1).max(50),
  key: z.string().trim().min(1).max(100),
  label: z.string().trim().min(1).max(200),
  value: z.number().nonnegative().max(1e10),
});
export type BreakdownItem = z.infer<typeof BreakdownItemSchema>;

export const CreateFigureRequest = z
  .strictObject({
    id: Uuid.optional(),
    metric: z.enum(METRICS),
    value: z.number().nonnegative().max(1e10),
    unit: z.enum(UNITS).optional(),
    qualifier: z.enum(QUALIFIERS).optional(),
    /** The area the number is about; for an IDP site it is the site's commune and may be left out. */
    pcode: Pcode.optional(),
    /** The IDP site the number counts (its population, households…). */
    idpSiteId: Uuid.optional(),
    /** The hazard event the number is about (the floods' deaths, the earthquake's injured…). */
    hazardEventId: Uuid.optional(),
    /** The day the number describes; with `periodStart`, the last day of the period it covers. */
    asOf: LocalDateSchema,
    periodStart: LocalDateSchema.optional(),
    source: SourceSchema,
    confidence: z.enum(CONFIDENCES).optional(),
    /** What the number is about beyond its place, such as "floods of 3 June 2023". */
    context: z.string().trim().max(500).optional(),
    breakdown: z.array(BreakdownItemSchema).max(500).optional(),
    classification: ClassificationLevelSchema.optional(),
    restrictedTo: z.array(Uuid).max(50).optional(),
  })
  .superRefine((f, ctx) => {
    if (f.pcode === undefined && f.idpSiteId === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['pcode'],
        message: 'Give the P-code of the area the number is about (or the idpSiteId it counts)',
      });
    }
    if (f.idpSiteId !== undefined && f.hazardEventId !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['hazardEventId'],
        message: 'A figure is about one place: an IDP site or a hazard event, not both',
      });
    }
    if (f.periodStart !== undefined && f.periodStart > f.asOf) {
      ctx.addIssue({
        code: 'custom',
        path: ['periodStart'],
        message: 'The period must start on or before asOf, its last day',
      });
    }
  });
export type CreateFigureRequest = z.infer<typeof CreateFigureRequest>;

export const FigureSchema = z.object({
  id: Uuid,
  metric: z.enum(METRICS),
  value: z.number(),
  unit: z.enum(UNITS),
  qualifier: z.enum(QUALIFIERS),
  place: z.object({
    pcode: z.string(),
    name: z.string(),
    level: z.number().int(),
    idpSiteId: z.string().nullable(),
    hazardEventId: z.string().nullable(),
  }),
  asOf: z.string(),
  periodStart: z.string().nullable(),
  source: z.object({
    organisation: z.string(),
    title: z.string(),
    url: z.string().nullable(),
    published: z.string().nullable(),
    method: z.string().nullable(),
  }),
  confidence: z.enum(CONFIDENCES).nullable(),
  context: z.string().nullable(),
  breakdown: z.array(
    z.object({ by: z.string(), key: z.string(), label: z.string(), value: z.number() }),
  ),
  /** Set on figures imported from IOM's Displacement Tracking Matrix. */
  dtm: z
    .object({
      operation: z.string(),
      round: z.number().int(),
      adminLevel: z.number().int(),
      assessmentType: z.string().nullable(),
    })
    .nullable(),
  /**
   * True when another source's figure for the same metric and place, dated close to this one,
   * differs by more than the tolerance; `conflictsWith` lists those figures.
   */
  conflict: z.boolean(),
  conflictsWith: z.array(z.string()),
  classification: ClassificationLevelSchema,
  restrictedTo: z.array(z.string()).optional(),
  createdAt: z.string(),
});
export type Figure = z.infer<typeof FigureSchema>;

export const FigureQuery = z.strictObject({
  metric: z.enum(METRICS).optional(),
  pcode: Pcode.optional(),
  idpSiteId: Uuid.optional(),
  hazardEventId: Uuid.optional(),
  /**
   * Only the latest figure per metric and place as of the server's "now", with any figure that
   * conflicts with it beside it.
   */
  latest: QueryBoolean.optional(),
  from: LocalDateSchema.optional(),
  to: LocalDateSchema.optional(),
});
export type FigureQuery = z.infer<typeof FigureQuery>;

export const FigureList = z.object({ figures: z.array(FigureSchema), asOf: z.string() });
export type FigureList = z.infer<typeof FigureList>;
