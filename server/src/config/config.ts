/**
 * Configuration, read once from the environment into a frozen object. A missing or bad
 * variable stops start-up with its name. `.env.example` documents every variable.
 */
import { z } from 'zod';

const Bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const Int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const EnvSchema = z.object({
  KONBIT_DB: z.string().min(1).default('./konbit.db'),
  KONBIT_HOST: z.string().min(1).default('127.0.0.1'),
  KONBIT_PORT: Int(0, 65535).default(8080),
  /** Scenario clock: the instant "now" starts from. Unset: the real clock. */
  KONBIT_NOW: z.iso.datetime({ offset: true }).optional(),
  /** FULL makes an acknowledged write survive a power cut; NORMAL may lose the last ones. */
  KONBIT_SYNCHRONOUS: z.enum(['FULL', 'NORMAL']).default('FULL'),
  KONBIT_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),
  KONBIT_SESSION_HOURS: Int(1, 24 * 90).default(12),
  KONBIT_BODY_LIMIT_BYTES: Int(1024, 100 * 1024 * 1024).default(1024 * 1024),
  KONBIT_COOKIE_SECURE: Bool.default(false),
  KONBIT_TRUST_PROXY: Bool.default(false),
  KONBIT_LOGIN_MAX_PER_ACCOUNT: Int(1, 10_000).default(10),
  KONBIT_LOGIN_MAX_PER_ADDRESS: Int(1, 100_000).default(50),
  KONBIT_LOGIN_WINDOW_SECONDS: Int(1, 86_400).default(900),
  KONBIT_FEED_HEARTBEAT_SECONDS: Int(1, 3600).default(20),
  /** Bytes the server may hold for one live-feed reader before it is disconnected. */
  KONBIT_FEED_MAX_BUFFER_BYTES: Int(1024, 256 * 1024 * 1024).default(4 * 1024 * 1024),
  /** Seconds a live-feed reader may leave its socket full before it is disconnected. */
  KONBIT_FEED_DRAIN_TIMEOUT_SECONDS: Int(1, 3600).default(30),
  /**
   * Background map tiles for browsers that are online: a raster URL template with {z}, {x} and
   * {y}. Unset: the map draws Haiti's boundaries only, from the product's own data.
   */
  KONBIT_MAP_TILES: z
    .url({ protocol: /^https?$/, message: 'Must be an http(s) URL' })
    .refine((u) => ['{z}', '{x}', '{y}'].every((p) => decodeURI(u).includes(p)), {
      message: 'Must contain {z}, {x} and {y}, such as https://tiles.example.org/{z}/{x}/{y}.png',
    })
    .optional(),
  /** Credit shown on the map for those tiles, as their licence requires. */
  KONBIT_MAP_TILES_ATTRIBUTION: z.string().max(500).optional(),
  /** Figures from different sources dated at most this many days apart can conflict. */
  KONBIT_FIGURE_CONFLICT_DAYS: Int(0, 3650).default(30),
  /** Largest file an import accepts (HXL CSV or DTM JSON), in bytes. */
  KONBIT_IMPORT_LIMIT_BYTES: Int(1024, 1024 * 1024 * 1024).default(50 * 1024 * 1024),
  /** SQLite page cache in MiB (map, search and statistics queries read from it). */
  KONBIT_SQLITE_CACHE_MB: Int(2, 4096).default(64),
  /** Largest body of a batch of incident reports (a field device catching up). */
  KONBIT_BATCH_BODY_LIMIT_BYTES: Int(1024, 256 * 1024 * 1024).default(8 * 1024 * 1024),
  /**
   * Reports acknowledged but not yet filed that the intake holds before a new batch waits for
   * filing (about a minute of filing; the map lags by at most that much).
   */
  KONBIT_INTAKE_MAX_REPORTS: Int(1, 10_000_000).default(100_000),
  /**
   * How long the intake waits after the last batch before it files what waits (ms): a burst of
   * batches is acknowledged first and filed once it pauses.
   */
  KONBIT_INTAKE_QUIET_MS: Int(0, 3_600_000).default(100),
  KONBIT_WEB_DIR: z.string().min(1).optional(),
  KONBIT_DATA_DIR: z.string().min(1).optional(),
});

export interface Config {
  readonly db: string;
  readonly host: string;
  readonly port: number;
  readonly now: string | null;
  readonly synchronous: 'FULL' | 'NORMAL';
  readonly logLevel: string;
  readonly sessionHours: number;
  readonly bodyLimitBytes: number;
  readonly batchBodyLimitBytes: number;
  readonly intakeMaxReports: number;
  readonly intakeQuietMs: number;
  readonly sqliteCacheMb: number;
  readonly cookieSecure: boolean;
  readonly trustProxy: boolean;
  readonly login: {
    readonly maxPerAccount: number;
    readonly maxPerAddress: number;
    readonly windowSeconds: number;
  };
  readonly feed: {
    readonly heartbeatSeconds: number;
    readonly maxBufferBytes: number;
    readonly drainTimeoutSeconds: number;
  };
  /** Raster background tiles for the web map when online; null: boundaries only. */
  readonly mapTiles: { readonly url: string; readonly attribution: string } | null;
  readonly figures: {
    /** Figures from different sources at most this many days apart can conflict. */
    readonly conflictWindowDays: number;
  };
  /** Largest import file accepted, in bytes. */
  readonly importLimitBytes: number;
  /** Folder with the built web app; null serves no web app. */
  readonly webDir: string | null;
  /** Folder with the reference data (boundaries, places); null uses the repository's data/. */
  readonly dataDir: string | null;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Reads the configuration from `env`; throws `ConfigError` naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const relevant = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => k.startsWith('KONBIT_') && v !== undefined && v !== ''),
  );
  const parsed = EnvSchema.safeParse(relevant);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Bad configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  return Object.freeze({
    db: e.KONBIT_DB,
    host: e.KONBIT_HOST,
    port: e.KONBIT_PORT,
    now: e.KONBIT_NOW ?? null,
    synchronous: e.KONBIT_SYNCHRONOUS,
    logLevel: e.KONBIT_LOG_LEVEL,
    sessionHours: e.KONBIT_SESSION_HOURS,
    bodyLimitBytes: e.KONBIT_BODY_LIMIT_BYTES,
    batchBodyLimitBytes: e.KONBIT_BATCH_BODY_LIMIT_BYTES,
    intakeMaxReports: e.KONBIT_INTAKE_MAX_REPORTS,
    intakeQuietMs: e.KONBIT_INTAKE_QUIET_MS,
    sqliteCacheMb: e.KONBIT_SQLITE_CACHE_MB,
    cookieSecure: e.KONBIT_COOKIE_SECURE,
    trustProxy: e.KONBIT_TRUST_PROXY,
    login: Object.freeze({
      maxPerAccount: e.KONBIT_LOGIN_MAX_PER_ACCOUNT,
      maxPerAddress: e.KONBIT_LOGIN_MAX_PER_ADDRESS,
      windowSeconds: e.KONBIT_LOGIN_WINDOW_SECONDS,
    }),
    feed: Object.freeze({
      heartbeatSeconds: e.KONBIT_FEED_HEARTBEAT_SECONDS,
      maxBufferBytes: e.KONBIT_FEED_MAX_BUFFER_BYTES,
      drainTimeoutSeconds: e.KONBIT_FEED_DRAIN_TIMEOUT_SECONDS,
    }),
    mapTiles: e.KONBIT_MAP_TILES
      ? Object.freeze({
          url: decodeURI(e.KONBIT_MAP_TILES),
          attribution: e.KONBIT_MAP_TILES_ATTRIBUTION ?? '',
        })
      : null,
    figures: Object.freeze({ conflictWindowDays: e.KONBIT_FIGURE_CONFLICT_DAYS }),
    importLimitBytes: e.KONBIT_IMPORT_LIMIT_BYTES,
    webDir: e.KONBIT_WEB_DIR ?? null,
    dataDir: e.KONBIT_DATA_DIR ?? null,
  });
}

/** A copy of `config` with some values replaced, for command-line flags and tests. */
export function withOverrides(config: Config, overrides: Partial<Config>): Config {
  return Object.freeze({ ...config, ...overrides });
}
