/** `konbit db migrate`: bring a store's schema up to date (serve also does this at start). */
import type { Command } from 'commander';
import { loadConfig, Store, withOverrides } from '@konbit/server';
import { out } from '../output.js';

export function registerDb(program: Command): void {
  const db = program.command('db').description('database maintenance');
  db.command('migrate')
    .description('apply pending migrations')
    .option('--db <file>', 'SQLite file (default: $KONBIT_DB or ./konbit.db)')
    .action(async (flags: { db?: string }) => {
      const config = withOverrides(loadConfig(), flags.db ? { db: flags.db } : {});
      const store = Store.open(config.db, { synchronous: config.synchronous });
      try {
        const applied = await store.migrate();
        out(
          applied.length === 0
            ? `${config.db} is up to date`
            : `Applied to ${config.db}: ${applied.join(', ')}`,
        );
      } finally {
        await store.close();
      }
    });
}
