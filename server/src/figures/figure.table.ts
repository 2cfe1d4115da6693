export interface FigureTable {
  id: string;
  metric: string;
  value: number;
  unit: string;
  qualifier: string;
  pcode: string;
  idp_site_id: string | null;
  hazard_event_id: string | null;
  /** `YYYY-MM-DD`: the day the number describes (the last day of its period, if it has one). */
  as_of: string;
  period_start: string | null;
  /** Makes a re-import add nothing: `dtm|operation|round|level|pcode|date` and the like. */
  natural_key: string | null;
  /** JSON: `{ breakdown, dtm }`. */
  detail: string | null;
  source_organisation: string;
  source_title: string;
  source_url: string | null;
  source_published: string | null;
  source_method: string | null;
  confidence: string | null;
  context: string | null;
  classification: string;
  restricted_to: string | null;
  created_by: string;
  created_org: string | null;
  created_at: string;
}
