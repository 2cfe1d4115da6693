export interface SiteTable {
  id: string;
  name: string;
  name_fr: string | null;
  name_ht: string | null;
  kind: string;
  criticality: number;
  lon: number;
  lat: number;
  precision: string;
  position_note: string | null;
  /** GeoJSON Polygon as text. */
  footprint: string | null;
  pcode: string;
  police_required: number | null;
  police_required_source: string | null;
  force_required: number;
  notes: string | null;
  classification: string;
  restricted_to: string | null;
  created_by: string;
  created_org: string | null;
  created_at: string;
  updated_at: string;
}

export interface SiteStatusChangeTable {
  id: string;
  site_id: string;
  status: string;
  previous: string | null;
  /** When the posture was observed. */
  at: string;
  holder_organisation: string | null;
  holder_unit_id: string | null;
  source_organisation: string;
  source_title: string;
  source_url: string | null;
  source_published: string | null;
  note: string | null;
  classification: string;
  restricted_to: string | null;
  /** The reporter. */
  created_by: string;
  created_org: string | null;
  recorded_at: string;
}

export interface SiteReleaseTable {
  id: string;
  site_id: string;
  status_change_id: string | null;
  statement: string;
  classification: string;
  restricted_to: string | null;
  created_by: string;
  created_org: string | null;
  released_at: string;
}
