/**
 * Branded identifiers. Ids are made by the application (never by a database sequence) so the
 * same SQL runs on SQLite and PostgreSQL and a client can choose an id before it is online.
 */

declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type OrgId = Brand<string, 'OrgId'>;
export type UserId = Brand<string, 'UserId'>;
export type FigureId = Brand<string, 'FigureId'>;
export type IdpSiteId = Brand<string, 'IdpSiteId'>;
export type HazardEventId = Brand<string, 'HazardEventId'>;
export type ActivityId = Brand<string, 'ActivityId'>;
export type AccessConstraintId = Brand<string, 'AccessConstraintId'>;
export type IncidentId = Brand<string, 'IncidentId'>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** True when `value` is a lower-case RFC 9562 UUID, the only id format the API accepts. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

// Random bytes are drawn 4 KiB at a time: a call per id costs more than the id (a batch makes
// a thousand).
const pool = new Uint8Array(4096);
let poolUsed = pool.length;

function randomBytes16(): Uint8Array {
  if (poolUsed + 16 > pool.length) {
    globalThis.crypto.getRandomValues(pool);
    poolUsed = 0;
  }
  const bytes = pool.slice(poolUsed, poolUsed + 16);
  poolUsed += 16;
  return bytes;
}

/**
 * A new UUID version 7: time-ordered, so rows made together sit together in B-tree indexes.
 * Uses Web Crypto, present in browsers and in Node 20.
 */
export function newId<T extends string = string>(now: number = Date.now()): T {
  const bytes = randomBytes16();
  let ms = now;
  for (let i = 5; i >= 0; i -= 1) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}` as T;
}
