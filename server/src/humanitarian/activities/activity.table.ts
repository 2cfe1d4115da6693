import type { RecordMetaColumns } from '../record.js';

export interface ActivityTable extends RecordMetaColumns {
  id: string;
  /** Organisation, cluster, place, activity and start: what an import matches a row on. */
  natural_key: string;
  org_name: string;
  org_acronym: string | null;
  org_type: string;
  sector: string;
  activity: string;
  pcode: string;
  status: string;
  start_on: string | null;
  end_on: string | null;
  reached_total: number | null;
  reached_women: number | null;
  reached_men: number | null;
  reached_girls: number | null;
  reached_boys: number | null;
}
