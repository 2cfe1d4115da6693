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

export const CreateFigureRequest = z.strictObject({
  id: Uuid.optional(),
  metric: z.enum(METRICS),
  value: z.number().nonnegative().max(1e10),
  unit: z.enum(UNITS).optional(),
  qualifier: z.enum(QUALIFIERS).optional(),
  pcode: Pcode,
  asOf: LocalDateSchema,
  source: SourceSchema,
  confidence: z.enum(CONFIDENCES).optional(),
  /** What the number is about beyond its place, such as "floods of 3 June 2023". */
  context: z.string().trim().max(500).optional(),
  classification: ClassificationLevelSchema.optional(),
  restrictedTo: z.array(Uuid).max(50).optional(),
});
export type CreateFigureRequest = z.infer<typeof CreateFigureRequest>;

export const FigureSchema = z.object({
  id: Uuid,
  metric: z.enum(METRICS),
  value: z.number(),
  unit: z.enum(UNITS),
  qualifier: z.enum(QUALIFIERS),
  place: z.object({ pcode: z.string(), name: z.string(), level: z.number().int() }),
  asOf: z.string(),
  source: z.object({
    organisation: z.string(),
    title: z.string(),
    url: z.string().nullable(),
    published: z.string().nullable(),
    method: z.string().nullable(),
  }),
  confidence: z.enum(CONFIDENCES).nullable(),
  context: z.string().nullable(),
  classification: ClassificationLevelSchema,
  restrictedTo: z.array(z.string()).optional(),
  createdAt: z.string(),
});
export type Figure = z.infer<typeof FigureSchema>;

export const FigureQuery = z.strictObject({
  metric: z.enum(METRICS).optional(),
  pcode: Pcode.optional(),
  /** Only the latest figure per metric and place, as of the server's "now". */
  latest: QueryBoolean.optional(),
  from: LocalDateSchema.optional(),
  to: LocalDateSchema.optional(),
});
export type FigureQuery = z.infer<typeof FigureQuery>;

export const FigureList = z.object({ figures: z.array(FigureSchema), asOf: z.string() });
export type FigureList = z.infer<typeof FigureList>;
