export interface ContributionTable {
  id: string;
  country: string;
  country_name: string;
  conditions: string | null;
  notes: string | null;
  source_organisation: string;
  source_title: string;
  source_url: string | null;
  source_published: string | null;
  lead_since: string | null;
  /** JSON source of the lead designation. */
  lead_source: string | null;
  lead_note: string | null;
  withdrawn_on: string | null;
  classification: string;
  restricted_to: string | null;
  created_by: string;
  created_org: string | null;
  created_at: string;
  updated_at: string;
}

export interface PledgeLineTable {
  id: string;
  contribution_id: string;
  capability: string;
  personnel: number | null;
  status: string;
  status_date: string;
  note: string | null;
  created_at: string;
  updated_at: string;
}

export interface PledgeHistoryTable {
  id: string;
  line_id: string;
  status: string;
  date: string;
  /** JSON source, or null. */
  source: string | null;
  note: string | null;
  recorded_by: string;
  recorded_at: string;
}

export interface MilestoneTable {
  id: string;
  kind: string;
  country: string | null;
  title: string;
  status: string;
  date: string | null;
  reference: string | null;
  source_organisation: string;
  source_title: string;
  source_url: string | null;
  source_published: string | null;
  note: string | null;
  classification: string;
  restricted_to: string | null;
  created_by: string;
  created_org: string | null;
  created_at: string;
  updated_at: string;
}
