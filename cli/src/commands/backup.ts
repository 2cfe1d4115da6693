/** `konbit backup FILE`: an online copy of the store, safe while the server runs. */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { loadConfig, Store, withOverrides } from '@konbit/server';
import { out, progress, UsageError } from '../output.js';

export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description("copy the store to FILE with SQLite's online backup (safe while serving)")
    .argument('<file>', 'where to write the copy')
    .option('--db <file>')
    .option('--force', 'overwrite FILE if it exists')
    .action(async (file: string, flags: { db?: string; force?: boolean }) => {
      if (existsSync(file) && !flags.force)
        throw new UsageError(`${file} exists; pass --force to overwrite it`);
      const config = withOverrides(loadConfig(), flags.db ? { db: flags.db } : {});
      if (!existsSync(config.db))
        throw new UsageError(`${config.db} does not exist; nothing to back up`);
      const store = Store.open(config.db, { readonly: true });
      try {
        await store.backup(file, progress('backing up'));
      } finally {
        await store.close();
      }
      out(`Backed up ${config.db} to ${file}`);
    });
}
