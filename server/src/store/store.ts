/**
 * The store: a Kysely handle over SQLite, the transaction helper every write goes through,
 * and the signal the live feed listens to after each commit.
 */
import { EventEmitter } from 'node:events';
import Database from 'better-sqlite3';
import { Kysely, type Transaction } from 'kysely';
import { startCheckpointer, type Checkpointer, type CheckpointResult } from './checkpoints.js';
import { migrateToLatest } from './migrate.js';
import type { DB } from './schema.js';
import { BetterSqliteDialect } from './sqlite/dialect.js';
import { sqliteMigrations } from './sqlite/migrations/index.js';

export type Tx = Transaction<DB>;
export type Db = Kysely<DB>;

export interface StoreOptions {
  /** FULL makes an acknowledged write survive a power cut (the default). */
  readonly synchronous?: 'FULL' | 'NORMAL';
  readonly readonly?: boolean;
  /** SQLite's page cache, in MiB: map and statistics queries read from it. */
  readonly cacheMb?: number;
  /**
   * Checkpoint the write-ahead log from a worker thread this often instead of inside the
   * commits that fill it (a serving process sets it; one-off commands leave it to SQLite).
   */
  readonly checkpointEveryMs?: number;
}

/** The write-ahead log is cut back to this size after a checkpoint. */
const WAL_LIMIT_BYTES = 64 * 1024 * 1024;
/**
 * With checkpoints in the background, a commit still checkpoints when the log passes this many
 * pages (64 MiB), so a writer that never pauses cannot grow it without bound; by then the
 * worker has usually copied most of it, and what is left is quick.
 */
const WAL_SAFETY_PAGES = 16_384;

export class Store {
  readonly db: Db;
  /** Emits `committed` after every transaction that wrote to the change log. */
  readonly events = new EventEmitter();
  #closed = false;
  #checkpointer: Checkpointer | null = null;
  /** The background checkpointer's last pass, when there is one. */
  lastCheckpoint: CheckpointResult | null = null;

  private constructor(
    readonly sqlite: Database.Database,
    readonly path: string,
  ) {
    this.db = new Kysely<DB>({ dialect: new BetterSqliteDialect(sqlite) });
    // Every live-feed connection listens; the bound is the number of readers, not a leak.
    this.events.setMaxListeners(0);
  }

  /** Opens (creating if needed) the SQLite file at `path`. */
  static open(path: string, options: StoreOptions = {}): Store {
    const sqlite = new Database(path, { readonly: options.readonly ?? false });
    sqlite.pragma('busy_timeout = 10000');
    if (!options.readonly) {
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    }
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma(`cache_size = ${-Math.round((options.cacheMb ?? 64) * 1024)}`);
    // Sorts and merges of map queries stay in memory instead of a temporary file.
    sqlite.pragma('temp_store = MEMORY');
    const store = new Store(sqlite, path);
    if (options.checkpointEveryMs && !options.readonly && !sqlite.memory) {
      sqlite.pragma(`wal_autocheckpoint = ${WAL_SAFETY_PAGES}`);
      sqlite.pragma(`journal_size_limit = ${WAL_LIMIT_BYTES}`);
      store.#checkpointer = startCheckpointer(path, {
        everyMs: options.checkpointEveryMs,
        onCheckpoint: (result) => (store.lastCheckpoint = result),
        onError: (message) =>
          process.emitWarning(`Checkpoint of ${path} failed: ${message}`, 'KonbitStore'),
      });
    }
    return store;
  }

  /** Applies pending migrations: the shared ones and those only SQLite has. */
  migrate(): Promise<string[]> {
    return migrateToLatest(this.db, sqliteMigrations);
  }

  /**
   * Runs `work` in one transaction. When it returns, the rows and their change-log entries are
   * on disk; then the live feed is told.
   */
  async transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const result = await this.db.transaction().execute(work);
    this.events.emit('committed');
    return result;
  }

  get closed(): boolean {
    return this.#closed;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.events.emit('closing');
    await this.#checkpointer?.stop();
    await this.db.destroy();
    this.sqlite.close();
  }

  /** An online backup to `file`, safe while the server writes. */
  async backup(file: string, onProgress?: (done: number, total: number) => void): Promise<void> {
    await this.sqlite.backup(file, {
      progress: ({ totalPages, remainingPages }) => {
        onProgress?.(totalPages - remainingPages, totalPages);
        return 200;
      },
    });
  }
}
