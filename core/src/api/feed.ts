/** The live feed: one server-sent event per change-log entry the reader may see. */
import { z } from 'zod';
import { ClassificationLevelSchema } from './common.js';

export const FEED_OPS = ['create', 'update', 'delete', 'event'] as const;

export const FeedEventSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  entity: z.string(),
  entityId: z.string(),
  op: z.enum(FEED_OPS),
  classification: ClassificationLevelSchema,
  /** The record as the API presents it to this reader, after the access policy. */
  record: z.unknown(),
});
export type FeedEvent = z.infer<typeof FeedEventSchema>;
