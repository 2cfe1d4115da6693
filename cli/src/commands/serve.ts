/** `konbit serve`: the API and web app on an existing (or new) store. */
import type { Command } from 'commander';
import {
  getMeta,
  openContext,
  SERVING_CHECKPOINT_MS,
  scenarioClock,
  serve,
  systemClock,
  type AppContext,
  type Clock,
  type RunningServer,
} from '@konbit/server';
import { configFrom, type ServeFlags } from '../context.js';
import { out } from '../output.js';

/** Stops the server cleanly on Ctrl-C or a service manager's SIGTERM. */
export function stopOnSignals(server: RunningServer): Promise<void> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      server.app.log.info({ signal }, 'stopping');
      void server.stop().then(resolve);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}

/**
 * The clock to serve with: KONBIT_NOW if set; else a scenario store's own "now" (so a demo
 * store served again still reads as June 2023); else the real clock.
 */
async function clockForStore(ctx: AppContext): Promise<Clock> {
  if (ctx.config.now !== null) return ctx.clock;
  const asOf = await getMeta(ctx.store.db, 'scenario_as_of');
  return asOf === null ? systemClock : scenarioClock(new Date(asOf));
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the API and the web app (default 127.0.0.1:8080)')
    .option('--db <file>', 'SQLite file (default: $KONBIT_DB or ./konbit.db)')
    .option('--port <port>', 'port to listen on (default: $KONBIT_PORT or 8080)')
    .option('--host <address>', 'address to listen on (default: $KONBIT_HOST or 127.0.0.1)')
    .action(async (flags: ServeFlags) => {
      const config = configFrom(flags);
      const opened = await openContext(config, undefined, {
        checkpointEveryMs: SERVING_CHECKPOINT_MS,
      });
      const ctx = { ...opened, clock: await clockForStore(opened) };
      const server = await serve(ctx);
      out(
        `Konbit is serving ${config.db} at ${server.url} (now: ${ctx.clock.now().toISOString()})`,
      );
      await stopOnSignals(server);
    });
}
