/** The one append-only change log. Every write adds exactly one entry in its transaction. */
export interface ChangeLogTable {
  seq: number;
  /** ISO-8601 UTC on the server clock (a scenario's clock in the demo). */
  at: string;
  /** The user id, or `system:<name>` for the demo loader and the CLI. */
  actor: string;
  org: string | null;
  entity: string;
  entity_id: string;
  op: string;
  classification: string;
  /** JSON array of organisation ids for `restricted` entries, else null. */
  restricted_to: string | null;
  /** Canonical JSON of the record after the change. */
  payload: string;
  prev_hash: string;
  hash: string;
}

/** One row: the last sequence number and hash, so writers chain without scanning the log. */
export interface ChangeLogHeadTable {
  id: number;
  seq: number;
  hash: string;
}
