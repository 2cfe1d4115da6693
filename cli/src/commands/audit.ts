/** `konbit audit verify`: recompute the change log's hash chain and name the first broken entry. */
import type { Command } from 'commander';
import { loadConfig, Store, verifyChain, withOverrides } from '@konbit/server';
import { EXIT_FAILED, err, out, progress } from '../output.js';

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('the tamper-evident change log');
  audit
    .command('verify')
    .description('recompute every hash; exit 1 naming the first broken seq')
    .option('--db <file>')
    .action(async (flags: { db?: string }) => {
      const config = withOverrides(loadConfig(), flags.db ? { db: flags.db } : {});
      const store = Store.open(config.db, { readonly: true });
      try {
        const result = await verifyChain(store.db, progress('verifying'));
        if (result.ok) {
          out(`Change log intact: ${result.entries} entries, head ${result.head}`);
        } else {
          err(
            `Change log broken at seq ${result.brokenAt}: ${result.reason} (${result.entries} entries before it are intact)`,
          );
          process.exitCode = EXIT_FAILED;
        }
      } finally {
        await store.close();
      }
    });
}
