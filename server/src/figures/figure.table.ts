export interface FigureTable {
  id: string;
  metric: string;
  value: number;
  unit: string;
  qualifier: string;
  pcode: string;
  /** `YYYY-MM-DD`: the day the number describes. */
  as_of: string;
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
