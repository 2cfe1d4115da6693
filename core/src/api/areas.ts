/** Administrative areas (departments and communes) with their P-codes. */
import { z } from 'zod';

export const AreaQuery = z.strictObject({
  level: z.enum(['1', '2']).transform(Number),
});

export const LocateQuery = z.strictObject({
  lon: z.coerce.number().min(-180).max(180),
  lat: z.coerce.number().min(-90).max(90),
});

const AreaRef = z.object({ pcode: z.string(), name: z.string() });

export const LocateResponse = z.object({
  commune: AreaRef,
  department: AreaRef,
});
export type LocateResponse = z.infer<typeof LocateResponse>;

/** Kinds of place the gazetteer holds: populated places from GeoNames, and key sites. */
export const PLACE_KINDS = [
  'populated-place',
  'airport',
  'seaport',
  'neighbourhood',
  'fuel-terminal',
  'hospital',
] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

export const PlaceQuery = z.strictObject({
  /** Comma-separated kinds, such as `airport,seaport`; all kinds when absent. */
  kinds: z
    .string()
    .transform((s) => s.split(',').map((k) => k.trim()))
    .pipe(z.array(z.enum(PLACE_KINDS)).min(1))
    .optional(),
});

/** The properties of one place in `GET /api/v1/places` (a GeoJSON Point feature). */
export const PlaceProperties = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(PLACE_KINDS),
  /** The commune the point falls in, from the boundaries; null offshore. */
  pcode: z.string().nullable(),
  commune: z.string().nullable(),
  /** How exact the point is, as its source says ("published coordinate", "town coordinate"…). */
  precision: z.string(),
  source: z.object({ title: z.string(), url: z.string().nullable(), note: z.string().nullable() }),
});
export type PlaceProperties = z.infer<typeof PlaceProperties>;
