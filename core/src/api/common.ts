/** Schemas shared by every part of the API. */
import { z } from 'zod';
import { CLASSIFICATION_LEVELS } from '../vocab/classification.js';
import { ERROR_CODES } from '../errors.js';
import { isUuid } from '../ids.js';
import { isLocalDate } from '../time.js';

export const Uuid = z.string().refine(isUuid, {
  message: 'Must be a lower-case UUID, such as one made by crypto.randomUUID()',
});

/** An instant: ISO-8601 with a time zone, normalised to UTC (`2023-06-08T16:00:00.000Z`). */
export const Instant = z.iso
  .datetime({ offset: true, message: 'Must be an ISO-8601 date and time with a time zone' })
  .transform((s) => new Date(s).toISOString());

/** A calendar date `YYYY-MM-DD`. */
export const LocalDateSchema = z.string().refine((v): boolean => isLocalDate(v), {
  message: 'Must be a calendar date written YYYY-MM-DD',
});

export const Pcode = z.string().regex(/^HT(\d{2}(\d{2}(\d{3})?)?)?$/, {
  message: 'Must be a Haitian P-code such as HT, HT01 or HT0111',
});

export const ClassificationLevelSchema = z.enum(CLASSIFICATION_LEVELS);

/**
 * How a request sets a record's classification: a level, plus the organisations that may read
 * it when the level is `restricted`.
 */
export const ClassificationInput = z.strictObject({
  classification: ClassificationLevelSchema.optional(),
  restrictedTo: z.array(Uuid).max(50).optional(),
});

export const ErrorDetailSchema = z.object({
  field: z.string().optional(),
  row: z.number().int().optional(),
  column: z.string().optional(),
  message: z.string(),
});

export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES as [string, ...string[]]),
    message: z.string(),
    field: z.string().optional(),
    details: z.array(ErrorDetailSchema).optional(),
  }),
});

/** Query-string booleans: `1`, `true`, `0`, `false`. */
export const QueryBoolean = z
  .enum(['1', '0', 'true', 'false'])
  .transform((v) => v === '1' || v === 'true');
