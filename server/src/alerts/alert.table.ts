export interface AlertTable {
  id: string;
  kind: string;
  severity: string;
  site_id: string | null;
  /** The site's name when the alert was raised. */
  site_name: string | null;
  message: string;
  subject_entity: string;
  subject_id: string;
  raised_at: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  acknowledged_note: string | null;
  classification: string;
  restricted_to: string | null;
  created_by: string;
  created_org: string | null;
}
