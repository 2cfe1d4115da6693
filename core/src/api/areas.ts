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
