/** Access constraints: where aid cannot move freely, typed with OCHA's access categories. */
import { z } from 'zod';
import { ACCESS_CATEGORIES, ACCESS_SCOPES, ACCESS_SEVERITIES } from '../vocab/humanitarian.js';
import { ClassificationLevelSchema, LocalDateSchema, Pcode, QueryBoolean, Uuid } from './common.js';
import { SourceSchema } from './figures.js';
import { CommunePcode } from './idp-sites.js';

/** A GeoJSON position: [longitude, latitude] in WGS 84. */
const Position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

const samePoint = (a: readonly number[] | undefined, b: readonly number[] | undefined) =>
  a !== undefined && b !== undefined && a[0] === b[0] && a[1] === b[1];

const Line = z.array(Position).min(2).max(10_000);
const Ring = z
  .array(Position)
  .min(4)
  .max(10_000)
  .refine((ring) => samePoint(ring[0], ring[ring.length - 1]), {
    message: 'A polygon ring must end where it starts',
  });

export const LineStringSchema = z.strictObject({
  type: z.literal('LineString'),
  coordinates: Line,
});
export const MultiLineStringSchema = z.strictObject({
  type: z.literal('MultiLineString'),
  coordinates: z.array(Line).min(1).max(100),
});
export const PolygonSchema = z.strictObject({
  type: z.literal('Polygon'),
  coordinates: z.array(Ring).min(1).max(100),
});
export const MultiPolygonSchema = z.strictObject({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(Ring).min(1).max(100)).min(1).max(100),
});

/** A road segment (LineString) or an area (Polygon), as GeoJSON (RFC 7946). */
export const ConstraintGeometry = z.discriminatedUnion('type', [
  LineStringSchema,
  MultiLineStringSchema,
  PolygonSchema,
  MultiPolygonSchema,
]);
export type ConstraintGeometry = z.infer<typeof ConstraintGeometry>;

const Description = z.string().trim().min(1).max(5000);
const Place = z.string().trim().min(1).max(200);

export const CreateAccessConstraintRequest = z
  .strictObject({
    id: Uuid.optional(),
    category: z.enum(ACCESS_CATEGORIES),
    severity: z.enum(ACCESS_SEVERITIES),
    /** `road`: give a LineString; `area`: a Polygon; `commune`: the communes' P-codes. */
    scope: z.enum(ACCESS_SCOPES),
    geometry: ConstraintGeometry.optional(),
    /** Communes it lies on; found from the geometry for a road or area when left out. */
    pcodes: z.array(CommunePcode).max(140).optional(),
    /** A name people use, such as "RN2 at Martissant". */
    place: Place.optional(),
    description: Description,
    /** First day in force. */
    start: LocalDateSchema,
    /** Last day in force; leave out while it lasts. */
    end: LocalDateSchema.optional(),
    source: SourceSchema,
    classification: ClassificationLevelSchema.optional(),
    restrictedTo: z.array(Uuid).max(50).optional(),
  })
  .superRefine((c, ctx) => {
    const type = c.geometry?.type;
    if (c.scope === 'road' && type !== 'LineString' && type !== 'MultiLineString') {
      ctx.addIssue({
        code: 'custom',
        path: ['geometry'],
        message: 'A road constraint needs a LineString geometry along the road',
      });
    }
    if (c.scope === 'area' && type !== 'Polygon' && type !== 'MultiPolygon') {
      ctx.addIssue({
        code: 'custom',
        path: ['geometry'],
        message: 'An area constraint needs a Polygon geometry',
      });
    }
    if (c.scope === 'commune') {
      if (c.geometry !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['geometry'],
          message: 'A commune constraint has no geometry; give its P-codes in pcodes',
        });
      }
      if (!c.pcodes || c.pcodes.length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['pcodes'],
          message: 'A commune constraint needs at least one commune P-code',
        });
      }
    }
    if (c.end !== undefined && c.end < c.start) {
      ctx.addIssue({ code: 'custom', path: ['end'], message: 'Must not be before start' });
    }
  });
export type CreateAccessConstraintRequest = z.infer<typeof CreateAccessConstraintRequest>;

export const UpdateAccessConstraintRequest = z
  .strictObject({
    severity: z.enum(ACCESS_SEVERITIES).optional(),
    /** Set the last day in force to lift it; null reopens it. */
    end: LocalDateSchema.nullable().optional(),
    description: Description.optional(),
    place: Place.nullable().optional(),
  })
  .refine((u) => Object.keys(u).length > 0, { message: 'Send at least one field to change' });
export type UpdateAccessConstraintRequest = z.infer<typeof UpdateAccessConstraintRequest>;

export const AccessConstraintSchema = z.object({
  id: Uuid,
  category: z.enum(ACCESS_CATEGORIES),
  categoryLabel: z.string(),
  severity: z.enum(ACCESS_SEVERITIES),
  scope: z.enum(ACCESS_SCOPES),
  geometry: z.unknown().nullable(),
  communes: z.array(z.object({ pcode: z.string(), name: z.string() })),
  place: z.string().nullable(),
  description: z.string(),
  start: z.string(),
  end: z.string().nullable(),
  /** In force on the server's today. */
  open: z.boolean(),
  source: z.object({
    organisation: z.string(),
    title: z.string(),
    url: z.string().nullable(),
    published: z.string().nullable(),
    method: z.string().nullable(),
  }),
  classification: ClassificationLevelSchema,
  restrictedTo: z.array(z.string()).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AccessConstraint = z.infer<typeof AccessConstraintSchema>;

export const AccessConstraintQuery = z.strictObject({
  /** Constraints in force at some time in this window; both default to today. */
  from: LocalDateSchema.optional(),
  to: LocalDateSchema.optional(),
  /** Every constraint, in force or not. */
  all: QueryBoolean.optional(),
  category: z.enum(ACCESS_CATEGORIES).optional(),
  severity: z.enum(ACCESS_SEVERITIES).optional(),
  scope: z.enum(ACCESS_SCOPES).optional(),
  /** A commune, a department or `HT`: constraints on it. */
  pcode: Pcode.optional(),
});
export type AccessConstraintQuery = z.infer<typeof AccessConstraintQuery>;

export const AccessConstraintList = z.object({
  constraints: z.array(AccessConstraintSchema),
  asOf: z.string(),
});
