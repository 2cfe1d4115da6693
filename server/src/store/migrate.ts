/** Brings a store's schema up to date with Kysely's Migrator. */
import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import { migrations } from './migrations/index.js';

export class MigrationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

/**
 * Applies every pending migration; returns the names applied. Throws naming the failing one.
 * `storeMigrations` are the ones only this kind of store runs (see `Store.migrate`); they are
 * merged by name with the shared ones.
 */
export async function migrateToLatest(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator works on any schema
  db: Kysely<any>,
  storeMigrations: Record<string, Migration> = {},
): Promise<string[]> {
  const all = { ...migrations, ...storeMigrations };
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(all) },
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  const failed = result.results?.find((r) => r.status === 'Error');
  if (result.error !== undefined || failed) {
    const name = failed?.migrationName ?? 'unknown';
    const reason = result.error instanceof Error ? result.error.message : String(result.error);
    throw new MigrationError(`Migration ${name} failed: ${reason}`, { cause: result.error });
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
