import type { RecordMetaColumns } from '../record.js';

export interface HazardEventTable extends RecordMetaColumns {
  id: string;
  type: string;
  name: string;
  started_at: string;
  ended_at: string | null;
  epicentre_lon: number | null;
  epicentre_lat: number | null;
  /** The commune holding the epicentre; null offshore. */
  epicentre_pcode: string | null;
  depth_km: number | null;
  magnitude: number | null;
  magnitude_scale: string | null;
  /** JSON array of P-codes. */
  affected_pcodes: string;
  description: string | null;
  /** JSON array of sources. */
  sources: string;
}
