import { join } from 'node:path';
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
import { type Limiter, RateLimiter } from './rate-limit.ts';
import type { ReadinessCheck } from './readiness.ts';
import { sharedSecret } from './secret.ts';
import { SqliteBoardStore } from './sqlite-boards.ts';
import { SqlitePeopleStore } from './sqlite-people.ts';

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
  /** Where the replay index keeps its index: SQLite, in the data folder. */
  replayDb: Database.Database;
  /** What `GET /readyz` asks, by name; null for a part this server does not use. */
  checks: Record<string, ReadinessCheck | null>;
  /** Closes the databases and lets go of the data folder; after the relay closed the storage. */
  close(): Promise<void>;
}

/**
 * How long taking a connection may wait, for a new one or a free one of the pool: a database that cannot be
 * reached fails a request, an upgrade or a start in seconds rather than when the operating system gives up.
 */
const DATABASE_CONNECT_TIMEOUT_MS = 5_000;

/** The replay index's own file in the data folder when the rooms' logs are in PostgreSQL. */
export const REPLAY_INDEX_FILE_NAME = 'replay-index.sqlite';

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
  const replayDb = openReplayDb(storage.file);
  // As for `db`: the relay's storage checkpoints the file they share.
  replayDb.pragma('wal_autocheckpoint = 0');
  const probe = db.prepare('SELECT 1');
  return {
    storage,
    boards: new SqliteBoardStore(db),
    people: new SqlitePeopleStore(db),
    boardLimiter: new RateLimiter({ limit: config.boardLimit, windowMs: BOARD_LIMIT_WINDOW_MS }),
    secret: config.secret,
    replayDb,
    checks: {
      database: async () => {
        probe.get();
      },
      redis: null,
    },
    async close() {
      replayDb.close();
      db.close();
      dataDirLock.release();
    },
  };
}

/**
 * Everything in PostgreSQL, through one pool, except the replay index, which stays in the data folder for now:
 * it is derived from the logs, so each server can index its own copy.
 */
async function openPgData(
  config: ServerConfig,
  database: DatabaseConfig,
  logger: Logger,
): Promise<ServerData> {
  // Only the replay index is on this machine's disk: the lock keeps a second server out of its file.
  const dataDirLock = lockDataDir(config.dataDir);
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
    const replayDb = openReplayDb(join(config.dataDir, REPLAY_INDEX_FILE_NAME));
    return {
      storage,
      boards,
      people,
      boardLimiter,
      secret,
      replayDb,
      checks: {
        database: async () => {
          await pool.query('SELECT 1');
        },
        redis: null,
      },
      async close() {
        replayDb.close();
        await pool.end();
        dataDirLock.release();
      },
    };
  } catch (error) {
    await pool.end();
    dataDirLock.release();
    throw error;
  }
}

/**
 * The replay index's connection. The index is derived from the logs: its commits need not wait for a sync of
 * the disk on the event loop. Ones a power loss takes are indexed again from the logs at the next start.
 */
function openReplayDb(file: string): Database.Database {
  const replayDb = new Database(file);
  replayDb.pragma('journal_mode = WAL');
  replayDb.pragma('synchronous = NORMAL');
  return replayDb;
}
