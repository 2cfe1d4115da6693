export interface UnitTable {
  id: string;
  name: string;
  organisation: string;
  country: string | null;
  service: string;
  strength: number;
  /** JSON array of capabilities. */
  capabilities: string;
  contribution_id: string | null;
  notes: string | null;
  classification: string;
  restricted_to: string | null;
  created_by: string;
  created_org: string | null;
  created_at: string;
  updated_at: string;
}

export interface AssignmentTable {
  id: string;
  unit_id: string;
  site_id: string;
  personnel: number;
  starts_at: string;
  ends_at: string | null;
  /** JSON shift pattern. */
  shift: string;
  state: string;
  note: string | null;
  classification: string;
  restricted_to: string | null;
  created_by: string;
  created_org: string | null;
  created_at: string;
  updated_at: string;
}
