/** `konbit demo`: a fresh store with the Port-au-Prince, June 2023 scenario, then serve it. */
import { existsSync, rmSync } from 'node:fs';
import type { Command } from 'commander';
import {
  DEMO_ACCOUNTS,
  DEMO_AS_OF,
  DEMO_PASSWORD,
  getMeta,
  loadScenario,
  openContext,
  SERVING_CHECKPOINT_MS,
  scenarioClock,
  serve,
  Store,
  withOverrides,
} from '@konbit/server';
import { configFrom, type ServeFlags } from '../context.js';
import { out, UsageError } from '../output.js';
import { stopOnSignals } from './serve.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

interface DemoFlags extends ServeFlags {
  readonly asOf?: string;
  readonly allowRemote?: boolean;
}

/** Removes an earlier demo store; refuses to touch a file that is not one. */
async function clearDemoStore(path: string): Promise<void> {
  if (!existsSync(path)) return;
  const store = Store.open(path, { readonly: true });
  let kind: string | null = null;
  try {
    kind = await getMeta(store.db, 'store_kind').catch(() => null);
  } finally {
    await store.close();
  }
  if (kind !== 'demo') {
    throw new UsageError(
      `${path} exists and is not a demo store; the demo starts from a fresh store, so give it another --db`,
    );
  }
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('load the Port-au-Prince, June 2023 scenario into a fresh store and serve it')
    .option('--db <file>', 'demo SQLite file, recreated each run', './konbit-demo.db')
    .option('--port <port>', 'port to listen on (default: $KONBIT_PORT or 8080)')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--as-of <instant>', 'the scenario\'s "now" (ISO-8601)', DEMO_AS_OF)
    .option(
      '--allow-remote',
      'listen on a non-loopback address although the demo passwords are public',
    )
    .action(async (flags: DemoFlags) => {
      const config = configFrom(flags);
      if (!LOOPBACK.has(config.host) && !flags.allowRemote) {
        throw new UsageError(
          `the demo's accounts have a published password, so it listens only on loopback; pass --allow-remote to listen on ${config.host}`,
        );
      }
      const asOf = new Date(flags.asOf ?? DEMO_AS_OF);
      if (Number.isNaN(asOf.getTime()))
        throw new UsageError(`--as-of must be an ISO-8601 instant, got "${flags.asOf}"`);
      await clearDemoStore(config.db);
      const ctx = await openContext(
        withOverrides(config, { now: asOf.toISOString() }),
        scenarioClock(asOf),
        { checkpointEveryMs: SERVING_CHECKPOINT_MS },
      );
      const summary = await loadScenario(ctx);
      const server = await serve(ctx);
      out('');
      out(`Konbit demo: Port-au-Prince, as of ${summary.asOf} (scenario clock)`);
      out(
        `  ${Object.entries(summary.counts)
          .map(([kind, n]) => `${n} ${kind}`)
          .join(', ')}`,
      );
      out(`  store: ${config.db}`);
      out(`  web app and API: ${server.url}    API docs: ${server.url}/docs`);
      out('');
      out(`  Sign in as any of these, password "${DEMO_PASSWORD}":`);
      for (const a of DEMO_ACCOUNTS)
        out(`    ${a.email.padEnd(40)} ${a.organisation} (${a.orgKind})`);
      out('');
      await stopOnSignals(server);
    });
}
