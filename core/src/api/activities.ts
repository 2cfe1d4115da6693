/** Who does what where (3W): activities by organisation, cluster and commune. */
import { z } from 'zod';
import { ACTIVITY_STATUSES, CLUSTERS, ORGANISATION_TYPES } from '../vocab/humanitarian.js';
import { ClassificationLevelSchema, LocalDateSchema, Pcode, Uuid } from './common.js';

const People = z.number().int().min(0).max(20_000_000);

export const ReachedInput = z.strictObject({
  total: People.optional(),
  women: People.optional(),
  men: People.optional(),
  girls: People.optional(),
  boys: People.optional(),
});

const Organisation = z.strictObject({
  name: z.string().trim().min(1).max(200),
  acronym: z.string().trim().min(1).max(50).optional(),
  type: z.enum(ORGANISATION_TYPES),
});

export const CreateActivityRequest = z
  .strictObject({
    id: Uuid.optional(),
    organisation: Organisation,
    sector: z.enum(CLUSTERS),
    activity: z.string().trim().min(1).max(500),
    /** The commune (or, when the 3W is coarser, the department). */
    pcode: Pcode,
    status: z.enum(ACTIVITY_STATUSES),
    start: LocalDateSchema.optional(),
    end: LocalDateSchema.optional(),
    reached: ReachedInput.optional(),
    classification: ClassificationLevelSchema.optional(),
    restrictedTo: z.array(Uuid).max(50).optional(),
  })
  .superRefine((a, ctx) => {
    if (a.start !== undefined && a.end !== undefined && a.end < a.start) {
      ctx.addIssue({ code: 'custom', path: ['end'], message: 'Must not be before start' });
    }
  });
export type CreateActivityRequest = z.infer<typeof CreateActivityRequest>;

export const UpdateActivityRequest = z
  .strictObject({
    activity: z.string().trim().min(1).max(500).optional(),
    status: z.enum(ACTIVITY_STATUSES).optional(),
    start: LocalDateSchema.nullable().optional(),
    end: LocalDateSchema.nullable().optional(),
    reached: ReachedInput.optional(),
  })
  .refine((u) => Object.keys(u).length > 0, { message: 'Send at least one field to change' });
export type UpdateActivityRequest = z.infer<typeof UpdateActivityRequest>;

const ReachedView = z.object({
  total: z.number().nullable(),
  women: z.number().nullable(),
  men: z.number().nullable(),
  girls: z.number().nullable(),
  boys: z.number().nullable(),
});

export const ActivitySchema = z.object({
  id: Uuid,
  organisation: z.object({
    name: z.string(),
    acronym: z.string().nullable(),
    type: z.enum(ORGANISATION_TYPES),
  }),
  sector: z.enum(CLUSTERS),
  activity: z.string(),
  place: z.object({ pcode: z.string(), name: z.string(), level: z.number().int() }),
  status: z.enum(ACTIVITY_STATUSES),
  start: z.string().nullable(),
  end: z.string().nullable(),
  reached: ReachedView,
  classification: ClassificationLevelSchema,
  restrictedTo: z.array(z.string()).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Activity = z.infer<typeof ActivitySchema>;

export const ActivityQuery = z.strictObject({
  sector: z.enum(CLUSTERS).optional(),
  /** A commune, a department (its communes included) or `HT`. */
  pcode: Pcode.optional(),
  status: z.enum(ACTIVITY_STATUSES).optional(),
  /** Name or acronym, exactly (case aside). */
  organisation: z.string().trim().min(1).max(200).optional(),
  /** Activities running at some time in this window. */
  from: LocalDateSchema.optional(),
  to: LocalDateSchema.optional(),
});
export type ActivityQuery = z.infer<typeof ActivityQuery>;

export const ActivityList = z.object({
  activities: z.array(ActivitySchema),
  /** People reached over the activities listed: each part sums what is known. */
  totals: z.object({
    activities: z.number().int(),
    withReached: z.number().int(),
    reached: z.object({
      total: z.number(),
      women: z.number(),
      men: z.number(),
      girls: z.number(),
      boys: z.number(),
    }),
  }),
});
