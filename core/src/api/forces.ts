/** Force generation: contributions, pledge lines, the lead nation and mandate milestones. */
import { z } from 'zod';
import {
  FORCE_CAPABILITIES,
  MILESTONE_KINDS,
  MILESTONE_STATUSES,
  PLEDGE_STATUSES,
} from '../vocab/sites.js';
import { ClassificationLevelSchema, LocalDateSchema, Uuid } from './common.js';
import { SourceSchema } from './figures.js';
import { CountryCode } from './tasking.js';

const Note = z.string().trim().max(2000);

export const PledgeLineInput = z.strictObject({
  id: Uuid.optional(),
  capability: z.enum(FORCE_CAPABILITIES),
  /** Personnel offered; null when the offer gave no number. */
  personnel: z.number().int().min(0).max(100_000).nullable(),
  status: z.enum(PLEDGE_STATUSES).optional(),
  /** The day the status was reported or took effect. */
  date: LocalDateSchema,
  source: SourceSchema.optional(),
  note: Note.optional(),
});
export type PledgeLineInput = z.infer<typeof PledgeLineInput>;

export const CreateContributionRequest = z.strictObject({
  id: Uuid.optional(),
  country: CountryCode,
  countryName: z.string().trim().min(1).max(100),
  /** Conditions attached, such as "subject to a UN Security Council resolution". */
  conditions: Note.optional(),
  /** What else is offered or said, such as funding. */
  notes: Note.optional(),
  source: SourceSchema,
  lines: z.array(PledgeLineInput).max(20).optional(),
  classification: ClassificationLevelSchema.optional(),
  restrictedTo: z.array(Uuid).max(50).optional(),
});
export type CreateContributionRequest = z.infer<typeof CreateContributionRequest>;

export const PledgeStatusRequest = z.strictObject({
  status: z.enum(PLEDGE_STATUSES),
  date: LocalDateSchema,
  source: SourceSchema.optional(),
  note: Note.optional(),
});
export type PledgeStatusRequest = z.infer<typeof PledgeStatusRequest>;

export const LeadRequest = z.strictObject({
  /** true designates the country as lead nation; false withdraws the designation. */
  lead: z.boolean(),
  date: LocalDateSchema,
  source: SourceSchema.optional(),
  note: Note.optional(),
});
export type LeadRequest = z.infer<typeof LeadRequest>;

export const WithdrawContributionRequest = z.strictObject({
  date: LocalDateSchema,
  source: SourceSchema.optional(),
  note: Note.optional(),
});
export type WithdrawContributionRequest = z.infer<typeof WithdrawContributionRequest>;

const SourceView = z.object({
  organisation: z.string(),
  title: z.string(),
  url: z.string().nullable(),
  published: z.string().nullable(),
});

export const PledgeStatusChangeSchema = z.object({
  status: z.enum(PLEDGE_STATUSES),
  date: z.string(),
  source: SourceView.nullable(),
  note: z.string().nullable(),
  recordedAt: z.string(),
});

export const PledgeLineSchema = z.object({
  id: Uuid,
  capability: z.enum(FORCE_CAPABILITIES),
  personnel: z.number().int().nullable(),
  status: z.enum(PLEDGE_STATUSES),
  statusDate: z.string(),
  note: z.string().nullable(),
  /** Every status the line has had, oldest first. */
  history: z.array(PledgeStatusChangeSchema),
});

export const ContributionSchema = z.object({
  id: Uuid,
  country: z.string(),
  countryName: z.string(),
  conditions: z.string().nullable(),
  notes: z.string().nullable(),
  source: SourceView,
  lead: z
    .object({ since: z.string(), source: SourceView.nullable(), note: z.string().nullable() })
    .nullable(),
  withdrawnOn: z.string().nullable(),
  lines: z.array(PledgeLineSchema),
  classification: ClassificationLevelSchema,
  restrictedTo: z.array(z.string()).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Contribution = z.infer<typeof ContributionSchema>;
export const ContributionList = z.object({ contributions: z.array(ContributionSchema) });

export const CreateMilestoneRequest = z.strictObject({
  id: Uuid.optional(),
  kind: z.enum(MILESTONE_KINDS),
  /** For national approvals and agreements: whose. */
  country: CountryCode.optional(),
  title: z.string().trim().min(1).max(300),
  status: z.enum(MILESTONE_STATUSES).optional(),
  /** When it was decided, or expected; absent when not known. */
  date: LocalDateSchema.optional(),
  /** A document reference, such as "S/RES/2699 (2023)". */
  reference: z.string().trim().max(300).optional(),
  source: SourceSchema,
  note: Note.optional(),
  classification: ClassificationLevelSchema.optional(),
  restrictedTo: z.array(Uuid).max(50).optional(),
});
export type CreateMilestoneRequest = z.infer<typeof CreateMilestoneRequest>;

export const MilestoneStatusRequest = z.strictObject({
  status: z.enum(MILESTONE_STATUSES),
  date: LocalDateSchema,
  reference: z.string().trim().max(300).optional(),
  source: SourceSchema.optional(),
  note: Note.optional(),
});
export type MilestoneStatusRequest = z.infer<typeof MilestoneStatusRequest>;

export const MilestoneSchema = z.object({
  id: Uuid,
  kind: z.enum(MILESTONE_KINDS),
  country: z.string().nullable(),
  title: z.string(),
  status: z.enum(MILESTONE_STATUSES),
  date: z.string().nullable(),
  reference: z.string().nullable(),
  source: SourceView,
  note: z.string().nullable(),
  classification: ClassificationLevelSchema,
  restrictedTo: z.array(z.string()).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Milestone = z.infer<typeof MilestoneSchema>;
export const MilestoneList = z.object({ milestones: z.array(MilestoneSchema) });

const Personnel = z.object({
  considering: z.number().int(),
  pledged: z.number().int(),
  deployed: z.number().int(),
  /** Lines offered without a number (not counted above). */
  unstatedLines: z.number().int(),
});

export const ForceSummary = z.object({
  asOf: z.string(),
  leadNation: z
    .object({ country: z.string(), countryName: z.string(), since: z.string() })
    .nullable(),
  /** Pledged counts pledged, authorised and deployed lines; withdrawn lines count nowhere. */
  personnel: Personnel.extend({
    byCountry: z.array(
      Personnel.extend({
        country: z.string(),
        countryName: z.string(),
        byCapability: z.array(Personnel.extend({ capability: z.enum(FORCE_CAPABILITIES) })),
      }),
    ),
  }),
  milestones: z.array(MilestoneSchema),
  /** Plain lines such as "No lead nation designated". */
  readiness: z.array(z.string()),
});
export type ForceSummary = z.infer<typeof ForceSummary>;
