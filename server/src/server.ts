/**
 * Opening a store and serving it: what `konbit serve` and `konbit demo` run.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Areas } from './areas/areas.js';
import { clockFor, type Clock } from './clock/clock.js';
import type { Config } from './config/config.js';
import { loginLimitsFor, type AppContext } from './context.js';
import type { Api } from './http/api.js';
import { buildApp, type AppOptions } from './http/app.js';
import { Store, type StoreOptions } from './store/store.js';

/** The built web app beside this package, if it has been built. */
export function defaultWebDir(): string | null {
  const dir = fileURLToPath(new URL('../../web/dist', import.meta.url));
  return existsSync(dir) ? dir : null;
}

/** How often a serving process checkpoints its write-ahead log, off the request path. */
export const SERVING_CHECKPOINT_MS = 1_000;

/**
 * Opens the store at `config.db`, brings its schema up to date and loads the reference data.
 * A process that serves passes `{ checkpointEveryMs: SERVING_CHECKPOINT_MS }`.
 */
export async function openContext(
  config: Config,
  clock: Clock = clockFor(config.now),
  storeOptions: Pick<StoreOptions, 'checkpointEveryMs'> = {},
): Promise<AppContext> {
  const store = Store.open(config.db, {
    synchronous: config.synchronous,
    cacheMb: config.sqliteCacheMb,
    ...storeOptions,
  });
  try {
    await store.migrate();
    const areas = Areas.load(config.dataDir ?? undefined);
    return { config, store, clock, areas, loginLimits: loginLimitsFor(config) };
  } catch (err) {
    await store.close();
    throw err;
  }
}

export interface RunningServer {
  readonly app: Api;
  readonly ctx: AppContext;
  /** The address it listens on, such as http://127.0.0.1:8080. */
  readonly url: string;
  stop(): Promise<void>;
}

/** Builds the app for `ctx` and listens on the configured host and port. */
export async function serve(ctx: AppContext, options: AppOptions = {}): Promise<RunningServer> {
  const app = await buildApp(
    { ...ctx, config: { ...ctx.config, webDir: ctx.config.webDir ?? defaultWebDir() } },
    options,
  );
  const url = await app.listen({ host: ctx.config.host, port: ctx.config.port });
  let stopping: Promise<void> | null = null;
  return {
    app,
    ctx,
    url,
    stop: () => {
      stopping ??= (async () => {
        await app.close();
        await ctx.store.close();
      })();
      return stopping;
    },
  };
}
