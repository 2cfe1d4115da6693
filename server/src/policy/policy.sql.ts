/**
 * The read rule of the policy as a SQL condition, so list queries filter and paginate in the
 * store. It must agree with `canRead`; policy.test.ts checks both against the same records.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Actor } from './actor.js';
import { readScope } from './policy.js';

export interface AccessColumns {
  readonly classification: string;
  readonly restrictedTo: string;
  /** Null for rows that carry no creator (maintained counts): a reporter's own are read apart. */
  readonly createdBy: string | null;
}

const DEFAULT_COLUMNS: AccessColumns = {
  classification: 'classification',
  restrictedTo: 'restricted_to',
  createdBy: 'created_by',
};

/** A condition true for the rows `actor` may read; `null` when they may read every row. */
export function readableCondition(
  actor: Actor,
  columns: AccessColumns = DEFAULT_COLUMNS,
): RawBuilder<SqlBool> | null {
  const scope = readScope(actor);
  if (scope.all) return null;
  const parts: RawBuilder<SqlBool>[] = [];
  if (scope.levels.length > 0) {
    parts.push(sql<SqlBool>`${sql.ref(columns.classification)} in (${sql.join(scope.levels)})`);
  }
  if (scope.restrictedOrg !== null) {
    // restricted_to is a JSON array of ids; ids are UUIDs, so the quoted form matches exactly.
    parts.push(
      sql<SqlBool>`(${sql.ref(columns.classification)} = 'restricted' and ${sql.ref(columns.restrictedTo)} like ${`%"${scope.restrictedOrg}"%`})`,
    );
  }
  if (scope.ownBy !== null && columns.createdBy !== null) {
    parts.push(sql<SqlBool>`${sql.ref(columns.createdBy)} = ${scope.ownBy}`);
  }
  if (parts.length === 0) return sql<SqlBool>`0`;
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}
