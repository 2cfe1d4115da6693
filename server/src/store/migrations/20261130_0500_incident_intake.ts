/**
 * The intake of batched reports: a batch from a field device is checked, written here in parts
 * (one durable commit) and acknowledged; a background step then files each part into
 * `incidents` (index, text, counts, change log) and deletes it, in one transaction.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('incident_intake')
    // Given by the intake in arrival order; parts are filed oldest first.
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('received_at', 'text', (c) => c.notNull())
    // Who sent the batch (as the change log will name them) and the reports of this part.
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('reports', 'integer', (c) => c.notNull())
    .addColumn('drafts', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('incident_intake').execute();
}
