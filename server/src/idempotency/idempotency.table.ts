/** The first response to each idempotency key, replayed when the same request comes again. */
export interface IdempotencyTable {
  /** Whose key it is: a user id, or `system:<name>`. */
  scope: string;
  key: string;
  fingerprint: string;
  status: number;
  response: string;
  created_at: string;
}
