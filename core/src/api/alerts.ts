/** Alerts raised for mission roles: a site threatened or lost, an incident near a critical site. */
import { z } from 'zod';
import { ALERT_KINDS, ALERT_SEVERITIES } from '../vocab/sites.js';
import { ClassificationLevelSchema, Uuid } from './common.js';

export const AlertSchema = z.object({
  id: Uuid,
  kind: z.enum(ALERT_KINDS),
  severity: z.enum(ALERT_SEVERITIES),
  site: z.object({ id: Uuid, name: z.string() }).nullable(),
  message: z.string(),
  /** The record that raised it, such as a site status change or an incident. */
  subject: z.object({ entity: z.string(), id: z.string() }),
  raisedAt: z.string(),
  acknowledged: z
    .object({ at: z.string(), by: z.string(), note: z.string().nullable() })
    .nullable(),
  classification: ClassificationLevelSchema,
  restrictedTo: z.array(z.string()).optional(),
});
export type Alert = z.infer<typeof AlertSchema>;
export const AlertList = z.object({ alerts: z.array(AlertSchema) });

export const AlertQuery = z.strictObject({
  /** `open` (the default): not yet acknowledged. */
  state: z.enum(['open', 'acknowledged', 'all']).optional(),
  siteId: Uuid.optional(),
});
export type AlertQuery = z.infer<typeof AlertQuery>;

export const AcknowledgeAlertRequest = z.strictObject({
  note: z.string().trim().max(2000).optional(),
});
export type AcknowledgeAlertRequest = z.infer<typeof AcknowledgeAlertRequest>;
