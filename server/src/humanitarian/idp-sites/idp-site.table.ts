import type { RecordMetaColumns } from '../record.js';

export interface IdpSiteTable extends RecordMetaColumns {
  id: string;
  /** The site's code in its source registry (a DTM site id…); unique when given. */
  code: string | null;
  name: string;
  type: string;
  /** The recorded point; null for host families (known only by commune). */
  lon: number | null;
  lat: number | null;
  /** The commune (ADM2). */
  pcode: string;
  status: string;
  opened_on: string | null;
  closed_on: string | null;
  /** The code, or the name within the commune: what an import matches a row on. */
  natural_key: string;
}
