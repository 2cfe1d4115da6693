export interface OrganisationTable {
  id: string;
  name: string;
  kind: string;
  /** ISO 3166 alpha-3, for contingents and governments. */
  country: string | null;
  created_at: string;
}
