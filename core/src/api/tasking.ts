/** Units, their assignments to sites, and the police-freed figure. */
import { z } from 'zod';
import { shiftRangeProblem } from '../rules/shifts.js';
import { ASSIGNMENT_STATES, FORCE_CAPABILITIES, UNIT_SERVICES } from '../vocab/sites.js';
import { ClassificationLevelSchema, Instant, LocalDateSchema, Uuid } from './common.js';

/** ISO 3166-1 alpha-3, such as JAM, BHS, CAN. */
export const CountryCode = z
  .string()
  .regex(/^[A-Z]{3}$/, { message: 'Must be an ISO 3166-1 alpha-3 country code such as JAM' });

export const ShiftRangeSchema = z
  .strictObject({ from: z.string(), to: z.string() })
  .superRefine((range, ctx) => {
    const problem = shiftRangeProblem(range);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  });

/** Round the clock, or daily ranges in Port-au-Prince time (`18:00`–`06:00` crosses midnight). */
export const ShiftPatternSchema = z.discriminatedUnion('pattern', [
  z.strictObject({ pattern: z.literal('round-the-clock') }),
  z.strictObject({
    pattern: z.literal('daily'),
    ranges: z.array(ShiftRangeSchema).min(1).max(6),
  }),
]);

export const CreateUnitRequest = z.strictObject({
  id: Uuid.optional(),
  name: z.string().trim().min(1).max(200),
  /** The organisation the unit belongs to, such as "Jamaica Defence Force". */
  organisation: z.string().trim().min(1).max(200),
  country: CountryCode.optional(),
  /** `police` for HNP units: they guard sites but free no police. Default `force`. */
  service: z.enum(UNIT_SERVICES).optional(),
  strength: z.number().int().min(1).max(100_000),
  capabilities: z.array(z.enum(FORCE_CAPABILITIES)).max(FORCE_CAPABILITIES.length).optional(),
  /** The force-generation contribution the unit comes from, if any. */
  contributionId: Uuid.optional(),
  notes: z.string().trim().max(2000).optional(),
  classification: ClassificationLevelSchema.optional(),
  restrictedTo: z.array(Uuid).max(50).optional(),
});
export type CreateUnitRequest = z.infer<typeof CreateUnitRequest>;

export const UnitSchema = z.object({
  id: Uuid,
  name: z.string(),
  organisation: z.string(),
  country: z.string().nullable(),
  service: z.enum(UNIT_SERVICES),
  strength: z.number().int(),
  capabilities: z.array(z.enum(FORCE_CAPABILITIES)),
  contributionId: z.string().nullable(),
  notes: z.string().nullable(),
  classification: ClassificationLevelSchema,
  restrictedTo: z.array(z.string()).optional(),
  createdAt: z.string(),
});
export type TaskingUnit = z.infer<typeof UnitSchema>;
export const UnitList = z.object({ units: z.array(UnitSchema) });

export const CreateAssignmentRequest = z
  .strictObject({
    id: Uuid.optional(),
    unitId: Uuid,
    siteId: Uuid,
    personnel: z.number().int().min(1).max(100_000),
    startsAt: Instant,
    /** Absent or null: until further notice. */
    endsAt: Instant.nullable().optional(),
    shift: ShiftPatternSchema,
    /** `planned` (the default) counts in the projection; `active` in the actual figure too. */
    state: z.enum(['planned', 'active']).optional(),
    note: z.string().trim().max(2000).optional(),
    classification: ClassificationLevelSchema.optional(),
    restrictedTo: z.array(Uuid).max(50).optional(),
  })
  .refine((a) => a.endsAt === undefined || a.endsAt === null || a.endsAt > a.startsAt, {
    message: 'endsAt must be after startsAt',
    path: ['endsAt'],
  });
export type CreateAssignmentRequest = z.infer<typeof CreateAssignmentRequest>;

export const AssignmentStateRequest = z.strictObject({
  state: z.enum(['active', 'ended']),
  /** For `ended`: when it ended (now when absent); the period is cut there. */
  at: Instant.optional(),
});
export type AssignmentStateRequest = z.infer<typeof AssignmentStateRequest>;

export const AssignmentSchema = z.object({
  id: Uuid,
  unit: z.object({ id: Uuid, name: z.string(), service: z.enum(UNIT_SERVICES) }),
  site: z.object({ id: Uuid, name: z.string() }),
  personnel: z.number().int(),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  shift: ShiftPatternSchema,
  /** The shift as people write it: "round the clock", "06:00–18:00". */
  shiftText: z.string(),
  state: z.enum(ASSIGNMENT_STATES),
  note: z.string().nullable(),
  classification: ClassificationLevelSchema,
  restrictedTo: z.array(z.string()).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Assignment = z.infer<typeof AssignmentSchema>;
export const AssignmentList = z.object({ assignments: z.array(AssignmentSchema) });

export const AssignmentQuery = z.strictObject({
  siteId: Uuid.optional(),
  unitId: Uuid.optional(),
  state: z.enum(ASSIGNMENT_STATES).optional(),
});
export type AssignmentQuery = z.infer<typeof AssignmentQuery>;

export const PoliceFreedQuery = z
  .strictObject({
    /** First Port-au-Prince day; today when absent. */
    from: LocalDateSchema.optional(),
    /** Last day, included; six days after `from` when absent. At most 366 days. */
    to: LocalDateSchema.optional(),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    message: 'from must be on or before to',
    path: ['to'],
  });
export type PoliceFreedQuery = z.infer<typeof PoliceFreedQuery>;

const FreedPair = { actual: z.number(), projected: z.number() };
const NullablePair = { actual: z.number().nullable(), projected: z.number().nullable() };

export const PoliceFreedResponse = z.object({
  from: z.string(),
  to: z.string(),
  /** Officers freed per Port-au-Prince day, summed over the sites with a baseline. */
  days: z.array(z.object({ day: z.string(), ...FreedPair })),
  sites: z.array(
    z.object({
      siteId: Uuid,
      name: z.string(),
      policeRequired: z.number().nullable(),
      policeRequiredSource: z.string().nullable(),
      forceRequired: z.number(),
      ...NullablePair,
      days: z.array(
        z.object({
          day: z.string(),
          actualCoverage: z.number(),
          projectedCoverage: z.number(),
          ...NullablePair,
        }),
      ),
    }),
  ),
  /** Officer-days over the window. */
  total: z.object(FreedPair),
  averagePerDay: z.object(FreedPair),
  sitesWithoutBaseline: z.array(Uuid),
  /** What the figure was computed from: the sites and assignments the reader may read. */
  basis: z.object({ sites: z.number().int(), assignments: z.number().int() }),
  /** Plain-language reading of the figure. */
  summary: z.string(),
});
export type PoliceFreedResponse = z.infer<typeof PoliceFreedResponse>;
