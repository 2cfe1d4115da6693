/** What the web app needs to know about this server's set-up. */
import { z } from 'zod';

export const WebConfig = z.object({
  /** Raster background tiles to use when online (URL template with {z}/{x}/{y}), or none. */
  mapTiles: z.object({ url: z.string(), attribution: z.string() }).nullable(),
});
export type WebConfig = z.infer<typeof WebConfig>;
