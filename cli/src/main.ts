/** The `konbit` command: one file per command under commands/. */
import { Command, CommanderError } from 'commander';
import { registerAudit } from './commands/audit.js';
import { registerBackup } from './commands/backup.js';
import { registerDb } from './commands/db.js';
import { registerDemo } from './commands/demo.js';
import { registerImport } from './commands/import.js';
import { registerServe } from './commands/serve.js';
import { registerTokens } from './commands/tokens.js';
import { registerUsers } from './commands/users.js';
import { EXIT_OK, EXIT_USAGE, report } from './output.js';

export function program(): Command {
  const p = new Command('konbit')
    .description(
      'Konbit: common operational picture for a security-support mission beside a humanitarian response',
    )
    .showHelpAfterError()
    .exitOverride();
  registerServe(p);
  registerDemo(p);
  registerDb(p);
  registerUsers(p);
  registerTokens(p);
  registerAudit(p);
  registerBackup(p);
  registerImport(p);
  return p;
}

/** Runs the command line and returns the exit code. */
export async function run(argv: readonly string[]): Promise<number> {
  try {
    await program().parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    return report(error);
  }
}
