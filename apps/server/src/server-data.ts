import { PgStorage, SqliteStorage, type Storage } from '@kompas/relay';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { BoardStore } from './boards.ts';
import { BOARD_LIMIT_WINDOW_MS, type DatabaseConfig, type ServerConfig } from './config.ts';
import { lockDataDir } from './data-dir-lock.ts';
import type { Logger } from './logger.ts';
import type { PeopleStore } from './people.ts';
import { PgBoardStore } from './pg-boards.ts';
import { PgPeopleStore } from './pg-people.ts';
import { PgRateLimiter } from './pg-rate-limit.ts';
import { PgReplayStore } from './pg-replay-store.ts';
import { type Limiter, RateLimiter } from './rate-limit.ts';
import type { ReadinessCheck } from './readiness.ts';
import type { ReplayStore } from './replay-store.ts';
import { sharedSecret } from './secret.ts';
import { SqliteBoardStore } from './sqlite-boards.ts';
import { SqlitePeopleStore } from './sqlite-people.ts';
import { SqliteReplayStore } from './sqlite-replay-store.ts';

/**
 * Where a server keeps what it stores: all in SQLite in its data folder (the default, one server), or with
 * DATABASE_URL in PostgreSQL, shared by several servers behind one address.
 */
export interface ServerData {
  /** The rooms' logs, snapshots and recorded presence: the relay's storage. */
  storage: Storage;
  boards: BoardStore;
  people: PeopleStore;
  /** Board creations per client address. */
  boardLimiter: Limiter;
  /** What signs tokens: the configured secret, or the one generated into the data folder or the database. */
  secret: string;
  /** Where the replay index keeps what it derived from the logs. */
  replayStore: ReplayStore;
  /** What `GET /readyz` asks of the stores, by name (the server adds Redis). */
  checks: Record<string, ReadinessCheck>;
  /** Closes the databases and lets go of the data folder; after the relay closed the storage. */
  close(): Promise<void>;
}

/**
 * How long taking a connection may wait, for a new one or a free one of the pool: a database that cannot be
 * reached fails a request, an upgrade or a start in seconds rather than when the operating system gives up.
 */
const DATABASE_CONNECT_TIMEOUT_MS = 5_000;

export function openServerData(config: ServerConfig, logger: Logger): Promise<ServerData> {
  return config.database ? openPgData(config, config.database, logger) : openSqliteData(config);
}

/** Everything in one SQLite file in the data folder, which this server holds alone. */
async function openSqliteData(config: ServerConfig): Promise<ServerData> {
  if (config.secret === undefined) throw new Error('without a database, the secret comes from the config');
  // Before the database is opened: a refused server must not have touched it.
  const dataDirLock = lockDataDir(config.dataDir);
  const storage = new SqliteStorage(config.dataDir);
  // The board registry lives in the relay's database file, so one file holds all of a server's data.
  const db = new Database(storage.file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  // The relay's storage checkpoints the shared log when it is quiet; a commit here must not do it meanwhile.
  db.pragma('wal_autocheckpoint = 0');
  // The replay index is derived from the logs: its commits need not wait for a sync of the disk on the event
  // loop. Ones a power loss takes are indexed again from the logs at the next start.
  const replayDb = new Database(storage.file);
  replayDb.pragma('synchronous = NORMAL');
  replayDb.pragma('wal_autocheckpoint = 0');
  const probe = db.prepare('SELECT 1');
  return {
    storage,
    boards: new SqliteBoardStore(db),
    people: new SqlitePeopleStore(db),
    boardLimiter: new RateLimiter({ limit: config.boardLimit, windowMs: BOARD_LIMIT_WINDOW_MS }),
    secret: config.secret,
    replayStore: new SqliteReplayStore(replayDb),
    checks: {
      database: async () => {
        probe.get();
      },
    },
    async close() {
      replayDb.close();
      db.close();
      dataDirLock.release();
    },
  };
}

/**
 * Everything in PostgreSQL, through one pool: nothing is kept on this machine's disk, so the data folder is
 * neither used nor locked, and any number of servers share the database.
 */
async function openPgData(
  config: ServerConfig,
  database: DatabaseConfig,
  logger: Logger,
): Promise<ServerData> {
  const pool = new pg.Pool({
    connectionString: database.url,
    max: database.poolSize,
    connectionTimeoutMillis: DATABASE_CONNECT_TIMEOUT_MS,
  });
  // An idle connection that breaks (a database restart) is dropped from the pool and reported here; the next
  // query opens a new one. Without a listener, pg would take the process down.
  pool.on('error', (error) => logger.error('database connection lost', { error: String(error) }));
  try {
    // Each opens, and first migrates, its own part of the schema; servers starting at once take turns.
    const secret = config.secret ?? (await sharedSecret(pool));
    const boards = await PgBoardStore.open(pool);
    const people = await PgPeopleStore.open(pool);
    const boardLimiter = await PgRateLimiter.open(pool, {
      name: 'boards',
      limit: config.boardLimit,
      windowMs: BOARD_LIMIT_WINDOW_MS,
    });
    // Closing the storage leaves the pool open: the server ends it, after everything that uses it.
    const storage = await PgStorage.open(pool, { logger });
    const replayStore = await PgReplayStore.open(pool);
    return {
      storage,
      boards,
      people,
      boardLimiter,
      secret,
      replayStore,
      checks: {
        database: async () => {
          await pool.query('SELECT 1');
        },
      },
      async close() {
        await pool.end();
      },
    };
  } catch (error) {
    await pool.end();
    throw error;
  }
}
