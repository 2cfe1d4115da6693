/** How the CLI talks: results to stdout, progress and errors to stderr. */
import { KonbitError } from '@konbit/core';
import { ConfigError, MigrationError } from '@konbit/server';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export function out(line = ''): void {
  process.stdout.write(`${line}\n`);
}

export function err(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** A progress bar on stderr when it is a terminal; silent otherwise. */
export function progress(label: string): (done: number, total: number) => void {
  if (!process.stderr.isTTY) return () => {};
  let last = -1;
  return (done, total) => {
    const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
    if (pct === last) return;
    last = pct;
    const width = 30;
    const filled = Math.round((pct / 100) * width);
    process.stderr.write(
      `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${pct}% (${done}/${total})`,
    );
    if (done >= total) process.stderr.write('\n');
  };
}

/** Prints an error the way an operator at 3 a.m. needs it, and returns the exit code. */
export function report(error: unknown): number {
  if (error instanceof KonbitError) {
    err(`konbit: ${error.message}${error.field ? ` (${error.field})` : ''}`);
    // An import lists every problem: one line each, where it is first.
    for (const d of error.details ?? []) {
      const where = [d.row !== undefined ? `row ${d.row}` : null, d.column ?? d.field ?? null]
        .filter((w) => w !== null)
        .join(', ');
      err(`  ${where ? `${where}: ` : ''}${d.message}`);
    }
    return EXIT_FAILED;
  }
  if (error instanceof ConfigError || error instanceof MigrationError) {
    err(`konbit: ${error.message}`);
    return EXIT_FAILED;
  }
  if (error instanceof UsageError) {
    err(`konbit: ${error.message}`);
    return EXIT_USAGE;
  }
  const e = error as NodeJS.ErrnoException;
  if (e?.code === 'EADDRINUSE') {
    err(`konbit: the port is already in use (${e.message}); choose another with --port`);
    return EXIT_FAILED;
  }
  if (e?.code === 'SQLITE_CANTOPEN') {
    err(`konbit: cannot open the database file (${e.message}); check the --db path and its folder`);
    return EXIT_FAILED;
  }
  err(`konbit: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  return EXIT_FAILED;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
