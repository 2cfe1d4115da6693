/** Configuration and store for one command run: environment first, then flags. */
import {
  loadConfig,
  openContext,
  withOverrides,
  type AppContext,
  type Clock,
  type Config,
} from '@konbit/server';
import { UsageError } from './output.js';

export interface StoreFlags {
  readonly db?: string;
}

export interface ServeFlags extends StoreFlags {
  readonly port?: string;
  readonly host?: string;
}

export function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port must be a number from 0 to 65535, got "${text}"`);
  }
  return port;
}

export function configFrom(flags: ServeFlags, defaults: Partial<Config> = {}): Config {
  const base = withOverrides(loadConfig(), defaults);
  return withOverrides(base, {
    ...(flags.db !== undefined ? { db: flags.db } : {}),
    ...(flags.port !== undefined ? { port: parsePort(flags.port) } : {}),
    ...(flags.host !== undefined ? { host: flags.host } : {}),
  });
}

/** Runs `work` with an open store and closes it afterwards, whatever happens. */
export async function withContext<T>(
  config: Config,
  work: (ctx: AppContext) => Promise<T>,
  clock?: Clock,
): Promise<T> {
  const ctx = await openContext(config, clock);
  try {
    return await work(ctx);
  } finally {
    await ctx.store.close();
  }
}
