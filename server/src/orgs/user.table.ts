export interface UserTable {
  id: string;
  /** Lower-cased. */
  email: string;
  name: string;
  org_id: string;
  role: string;
  /** `scrypt$N$r$p$salt$hash`, see auth/password.ts. */
  password_hash: string;
  language: string | null;
  disabled_at: string | null;
  created_at: string;
  updated_at: string;
}
