import type { Pool, PoolClient } from 'pg';
import { LatencyHistogram, type StoreStats } from './latency-histogram.ts';
import { defaultLogger, type RelayLogger } from './logger.ts';
import { mergeState } from './merge-state.ts';
import { migratePg } from './pg-migrations.ts';
import {
  LogConflictError,
  type LogEntry,
  type LogRange,
  type PresenceCounts,
  type PresenceRange,
  type PresenceSample,
  presenceCountsOf,
  type Storage,
  StorageClosedError,
  type StoredRoom,
  type StoredSnapshot,
  snapshotsToDrop,
  type UpdateMeta,
} from './storage.ts';

/**
 * PostgreSQL storage (`pg`), for several servers that share one database. Open it on the server's pool:
 *
 *     const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 *     const storage = await PgStorage.open(pool, { logger });
 *     // ... the relay uses it; at shutdown the relay closes it, then the server ends the pool:
 *     await pool.end();
 *
 * `open` brings the `storage` part of the schema up to date (versioned, see migratePg); the constructor takes a
 * database that is already. Closing the storage waits for its writes but leaves the pool to its owner. The
 * tables mirror SqliteStorage's: `updates(room, seq, at, actor, data)` is the log, `snapshots(room, seq, data)`
 * the merged states, `presence` the recorded names and cursors, `presence_clients` each client's span and
 * latest state, `presence_counts` the samples per room and person.
 *
 * What a cluster relies on:
 *
 * - Fencing. One server at a time holds a room (a lease decides which), but a server that was paused or cut
 *   off may still try to append to it. So each append goes at the position after the last one this storage
 *   knows of, read by `load` and advanced by its own appends, never at "whatever the end is now"; the
 *   primary key (room, seq) makes an insert at a position another server already wrote fail, and the append
 *   rejects with LogConflictError. A conflict is never retried, renumbered or overwritten, and the room takes
 *   no more appends here until `load` reads its position again. (A room appended to without a load, as a new
 *   board's first state is, starts at the end the database holds.)
 * - Order. The relay hands over a room's updates without waiting for the earlier ones, so each room has one
 *   queue of appends, inserted in order. Those that queue up while an insert is under way go together in
 *   the next one (one statement, one commit). Rooms do not wait for each other; they share the pool.
 * - Durability. An append resolves once its insert committed, which PostgreSQL syncs to disk before it
 *   answers (with `synchronous_commit` on, its default; `open` warns when it is off).
 * - Brief outages. When PostgreSQL cannot be reached (a restart, a failover, a dropped connection), every call
 *   tries again, waiting 50 ms, then twice as long each time up to 1 s, for `retryForMs` in all; a room's
 *   appends stay in order meanwhile. Past that the call rejects: the relay then closes the room's
 *   connections, and their clients send their changes again when they reconnect. An insert whose commit was
 *   under way when the connection broke may have landed: when its retry meets its own rows, it has. A
 *   conflict or bad data is never retried. A failed append fails those queued behind it in its room, so none
 *   lands after a gap; after a conflict or a retry given up, the room waits for a `load` again.
 *   A connection that breaks while idle in the pool is reported to the logger, never thrown.
 * - `healthy()` says whether the database answers right now, for a readiness endpoint; `storeStats()` counts
 *   the appends and how long they took, for the metrics.
 */
export class PgStorage implements Storage {
  private readonly rooms = new Map<string, RoomLog>();
  /** Writes and reads under way, which `close` waits for. */
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly appendLatency = new LatencyHistogram();
  private readonly retryForMs: number;
  private readonly maxAppendBatch: number;
  private readonly logger: RelayLogger;
  private closed = false;
  /** Set while calls are retrying, so an outage is logged once rather than per call. */
  private unreachable = false;

  /** Brings the database's `storage` schema up to date, then opens the storage on it. */
  static async open(pool: Pool, options: PgStorageOptions = {}): Promise<PgStorage> {
    await migratePg(pool, 'storage', PG_STORAGE_STEPS);
    const storage = new PgStorage(pool, options);
    const { rows } = await pool.query<{ synchronous_commit: string }>('SHOW synchronous_commit');
    if (rows[0]?.synchronous_commit === 'off') {
      storage.logger.warn(
        'synchronous_commit is off: an acknowledged update can be lost in a crash of PostgreSQL',
      );
    }
    return storage;
  }

  /** On a database whose schema is up to date (see `open`). */
  constructor(
    private readonly pool: Pool,
    options: PgStorageOptions = {},
  ) {
    this.retryForMs = options.retryForMs ?? DEFAULT_RETRY_FOR_MS;
    this.maxAppendBatch = options.maxAppendBatch ?? MAX_APPEND_BATCH;
    this.logger = options.logger ?? defaultLogger;
    // Without a listener, an idle connection that breaks would take the process down with it.
    pool.on('error', (error) => {
      this.logger.warn('PostgreSQL connection lost', { error: String(error) });
    });
  }

  /** Also (re)reads where the room's log ends: the next append goes right after it. */
  async load(room: string): Promise<StoredRoom> {
    this.assertOpen();
    const log = this.logOf(room);
    await log.draining;
    const stored = await this.run(() => this.readRoom(room));
    log.seq = Math.max(log.seq ?? 0, stored.seq);
    log.refused = null;
    return stored;
  }

  append(room: string, update: Uint8Array, meta: UpdateMeta): Promise<number> {
    if (this.closed) return Promise.reject(new StorageClosedError());
    const log = this.logOf(room);
    if (log.refused) return Promise.reject(log.refused);
    return new Promise((resolve, reject) => {
      // Copied: it is sent later, and the caller may reuse its buffer meanwhile.
      const data = Buffer.from(update);
      log.queue.push({ data, meta, start: performance.now(), resolve, reject });
      log.draining ??= this.drain(room, log);
    });
  }

  async snapshot(room: string, at?: StoredSnapshot): Promise<number> {
    this.assertOpen();
    if (at) {
      const state = Buffer.from(at.state);
      await this.run(() => this.storeSnapshot(room, at.seq, state));
      return at.seq;
    }
    await this.logOf(room).draining;
    const { state, seq, sinceSnapshot } = await this.run(() => this.readRoom(room));
    if (state && sinceSnapshot > 0) {
      const merged = Buffer.from(state.buffer, state.byteOffset, state.byteLength);
      await this.run(() => this.storeSnapshot(room, seq, merged));
    }
    return seq;
  }

  async logBytes(room: string): Promise<number> {
    this.assertOpen();
    await this.logOf(room).draining;
    const { rows } = await this.run(() =>
      this.pool.query<{ bytes: string }>(
        'SELECT coalesce(sum(octet_length(data)), 0) AS bytes FROM updates WHERE room = $1',
        [room],
      ),
    );
    return Number(rows[0]?.bytes ?? 0);
  }

  async readLog(room: string, range: LogRange = {}): Promise<LogEntry[]> {
    this.assertOpen();
    await this.logOf(room).draining;
    const { rows } = await this.run(() =>
      this.pool.query<UpdateRow>(
        'SELECT seq, at, actor, data FROM updates WHERE room = $1 AND seq > $2 ORDER BY seq LIMIT $3',
        [room, range.after ?? 0, range.limit ?? null],
      ),
    );
    return rows.map(({ seq, at, actor, data }) => ({
      seq: Number(seq),
      at: Number(at),
      actor,
      update: data,
    }));
  }

  async readSnapshotAt(room: string, seq: number): Promise<StoredSnapshot | null> {
    this.assertOpen();
    const { rows } = await this.run(() =>
      this.pool.query<SnapshotRow>(
        'SELECT seq, data FROM snapshots WHERE room = $1 AND seq <= $2 ORDER BY seq DESC LIMIT 1',
        [room, seq],
      ),
    );
    const row = rows[0];
    return row ? { seq: Number(row.seq), state: row.data } : null;
  }

  /**
   * One statement records the samples, each client's span and latest state, and the counts per person. A
   * retry after a commit whose answer was lost records the samples twice: presence is a replay's garnish,
   * and a cursor shown twice at one moment looks the same.
   */
  async appendPresence(room: string, samples: readonly PresenceSample[]): Promise<void> {
    this.assertOpen();
    if (samples.length === 0) return;
    const params = [
      room,
      samples.map((sample) => sample.at),
      samples.map((sample) => sample.client),
      samples.map((sample) => (sample.state === null ? null : JSON.stringify(sample.state))),
      samples.map((sample) => sample.person ?? ''),
    ];
    await this.run(() => this.pool.query(APPEND_PRESENCE, params));
  }

  async countPresence(room: string): Promise<PresenceCounts> {
    this.assertOpen();
    const { rows } = await this.run(() =>
      this.pool.query<{ person: string; samples: string }>(
        'SELECT person, samples FROM presence_counts WHERE room = $1',
        [room],
      ),
    );
    return presenceCountsOf(rows.map(({ person, samples }) => [person, Number(samples)]));
  }

  async readPresence(room: string, range: PresenceRange = {}): Promise<PresenceSample[]> {
    this.assertOpen();
    const { rows } = await this.run(() =>
      this.pool.query<PresenceRow>(
        'SELECT at, client, state FROM presence WHERE room = $1 AND at >= $2 AND at <= $3 ORDER BY at, id',
        [room, range.from ?? 0, range.to ?? Number.MAX_SAFE_INTEGER],
      ),
    );
    return rows.map(presenceSample);
  }

  /** Per client whose span meets the range, its latest sample up to `to` (an index search each). */
  async readLatestPresence(room: string, range: Required<PresenceRange>): Promise<PresenceSample[]> {
    this.assertOpen();
    const { rows } = await this.run(() =>
      this.pool.query<PresenceRow>(
        `SELECT latest.at, latest.client, latest.state
         FROM presence_clients AS c
         CROSS JOIN LATERAL (
           SELECT at, client, state FROM presence AS p
           WHERE p.room = c.room AND p.client = c.client AND p.at <= $3
           ORDER BY p.at DESC, p.id DESC LIMIT 1
         ) AS latest
         WHERE c.room = $1 AND c.first_at <= $3 AND c.last_at >= $2 AND latest.at >= $2
         ORDER BY latest.client`,
        [room, range.from, range.to],
      ),
    );
    return rows.map(presenceSample);
  }

  async readPresenceClients(room: string): Promise<PresenceSample[]> {
    this.assertOpen();
    const { rows } = await this.run(() =>
      this.pool.query<PresenceRow>(
        `SELECT state_at AS at, client, state FROM presence_clients
         WHERE room = $1 AND state IS NOT NULL ORDER BY client`,
        [room],
      ),
    );
    return rows.map(presenceSample);
  }

  async flush(): Promise<void> {
    this.assertOpen();
    await Promise.all(Array.from(this.rooms.values(), (log) => log.draining));
  }

  /** Waits for every append and write under way; the pool stays open for its owner to end. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (;;) {
      const pending = [...this.inFlight, ...Array.from(this.rooms.values(), (log) => log.draining)];
      if (pending.every((work) => work === null)) return;
      await Promise.allSettled(pending);
    }
  }

  /** Whether the database answers a query within a second: what a readiness endpoint reports. */
  async healthy(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), HEALTH_TIMEOUT_MS);
    });
    const answer = this.pool.query('SELECT 1').then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([answer, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  storeStats(): StoreStats {
    const appendMs = this.appendLatency.summary();
    return { appends: appendMs.count, appendMs };
  }

  /** Inserts the room's queued appends in order, those that queued meanwhile together, until none is left. */
  private async drain(room: string, log: RoomLog): Promise<void> {
    // Appends made in the same turn of the event loop go in the first insert together.
    await Promise.resolve();
    while (log.queue.length > 0) {
      const batch = log.queue.splice(0, this.maxAppendBatch);
      try {
        if (log.refused) throw log.refused;
        const known = log.seq ?? (await this.run(() => this.endOf(room)));
        await this.run(this.insertion(room, known + 1, batch));
        log.seq = known + batch.length;
        const now = performance.now();
        for (const [index, append] of batch.entries()) {
          this.appendLatency.record(now - append.start);
          append.resolve(known + 1 + index);
        }
      } catch (error) {
        // After a conflict this storage no longer holds the room; after a retry given up, it cannot tell
        // whether the last insert landed. Either way only a load says where the log ends.
        if (error instanceof LogConflictError || isUnreachable(error)) log.refused = error as Error;
        for (const append of [...batch, ...log.queue.splice(0)]) append.reject(error);
      }
    }
    log.draining = null;
  }

  /**
   * Tries of one insert for the batch, at the positions from `first` on. An insert that meets rows already there
   * conflicts, unless an earlier try of this same insert lost its connection while committing and the rows
   * there are the batch's own: then that try landed.
   */
  private insertion(room: string, first: number, batch: readonly PendingAppend[]): () => Promise<void> {
    let triedBefore = false;
    const values: string[] = [];
    const params: unknown[] = [room];
    for (const [index, { data, meta }] of batch.entries()) {
      const at = params.length + 1;
      values.push(`($1, $${at}, $${at + 1}, $${at + 2}, $${at + 3})`);
      params.push(first + index, meta.at, meta.actor, data);
    }
    const insert = `INSERT INTO updates (room, seq, at, actor, data) VALUES ${values.join(', ')}`;
    return async () => {
      try {
        await this.pool.query(insert, params);
      } catch (error) {
        if (pgCode(error) === UNIQUE_VIOLATION) {
          if (triedBefore && (await this.holds(room, first, batch))) return;
          throw new LogConflictError(room, first);
        }
        if (isUnreachable(error)) triedBefore = true;
        throw error;
      }
    };
  }

  /** Whether the log holds exactly these appends from `first` on. */
  private async holds(room: string, first: number, batch: readonly PendingAppend[]): Promise<boolean> {
    const { rows } = await this.pool.query<UpdateRow>(
      'SELECT seq, at, actor, data FROM updates WHERE room = $1 AND seq >= $2 AND seq < $3 ORDER BY seq',
      [room, first, first + batch.length],
    );
    return (
      rows.length === batch.length &&
      rows.every((row, index) => {
        const append = batch[index];
        return (
          append !== undefined &&
          Number(row.at) === append.meta.at &&
          row.actor === append.meta.actor &&
          row.data.equals(append.data)
        );
      })
    );
  }

  private async endOf(room: string): Promise<number> {
    const { rows } = await this.pool.query<{ seq: string }>(
      'SELECT coalesce(max(seq), 0) AS seq FROM updates WHERE room = $1',
      [room],
    );
    return Number(rows[0]?.seq ?? 0);
  }

  /** The latest snapshot and the log after it, read in one statement so they agree. */
  private async readRoom(room: string): Promise<StoredRoom> {
    const { rows } = await this.pool.query<SnapshotRow & { snapshot: boolean }>(
      `WITH latest AS (SELECT seq, data FROM snapshots WHERE room = $1 ORDER BY seq DESC LIMIT 1)
       SELECT true AS snapshot, seq, data FROM latest
       UNION ALL
       SELECT false, seq, data FROM updates
       WHERE room = $1 AND seq > coalesce((SELECT seq FROM latest), 0)
       ORDER BY snapshot DESC, seq`,
      [room],
    );
    const last = rows.at(-1);
    const seq = last ? Number(last.seq) : 0;
    const sinceSnapshot = rows.filter((row) => !row.snapshot).length;
    const parts = rows.map((row) => row.data);
    const state = parts.length === 0 ? null : parts.length === 1 ? (parts[0] ?? null) : mergeState(parts);
    return { state, seq, sinceSnapshot };
  }

  /** Stores the snapshot and thins the room's others, in one transaction. */
  private async storeSnapshot(room: string, seq: number, state: Buffer): Promise<void> {
    await this.transaction(async (client) => {
      await client.query(
        `INSERT INTO snapshots (room, seq, data) VALUES ($1, $2, $3)
         ON CONFLICT (room, seq) DO UPDATE SET data = EXCLUDED.data`,
        [room, seq, state],
      );
      const { rows } = await client.query<{ seq: string }>(
        'SELECT seq FROM snapshots WHERE room = $1 ORDER BY seq',
        [room],
      );
      const drop = snapshotsToDrop(rows.map((row) => Number(row.seq)));
      if (drop.length > 0) {
        await client.query('DELETE FROM snapshots WHERE room = $1 AND seq = ANY($2::bigint[])', [room, drop]);
      }
    });
  }

  private async transaction(work: (client: PoolClient) => Promise<void>): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await work(client);
      await client.query('COMMIT');
    } catch (error) {
      // A connection that cannot roll back is broken: it leaves the pool rather than go back to it.
      const rolledBack = await client.query('ROLLBACK').then(
        () => true,
        () => false,
      );
      client.release(rolledBack ? undefined : true);
      throw error;
    }
    client.release();
  }

  /**
   * Runs `attempt` until it succeeds, again after each failure to reach the database (see the class
   * comment), for up to `retryForMs`. Counted as under way for `close`.
   */
  private run<T>(attempt: () => Promise<T>): Promise<T> {
    const work = this.retrying(attempt);
    this.inFlight.add(work);
    const done = () => this.inFlight.delete(work);
    work.then(done, done);
    return work;
  }

  private async retrying<T>(attempt: () => Promise<T>): Promise<T> {
    const giveUpAt = Date.now() + this.retryForMs;
    let waitMs = FIRST_RETRY_MS;
    for (;;) {
      try {
        const result = await attempt();
        if (this.unreachable) {
          this.unreachable = false;
          this.logger.info('PostgreSQL is reachable again');
        }
        return result;
      } catch (error) {
        if (!isUnreachable(error) || Date.now() + waitMs > giveUpAt) throw error;
        if (!this.unreachable) {
          this.unreachable = true;
          this.logger.warn('PostgreSQL is unreachable, retrying', { error: String(error) });
        }
        await new Promise((resolve) => setTimeout(resolve, waitMs));
        waitMs = Math.min(waitMs * 2, MAX_RETRY_MS);
      }
    }
  }

  private logOf(room: string): RoomLog {
    let log = this.rooms.get(room);
    if (!log) {
      log = { seq: null, refused: null, queue: [], draining: null };
      this.rooms.set(room, log);
    }
    return log;
  }

  private assertOpen(): void {
    if (this.closed) throw new StorageClosedError();
  }
}

export interface PgStorageOptions {
  /** How long a call keeps trying while the database cannot be reached before it rejects (default 30 s). */
  retryForMs?: number;
  /** Where outages and lost connections are reported (default: stderr). */
  logger?: RelayLogger;
  /** At most this many queued appends of a room go in one insert (default 500). */
  maxAppendBatch?: number;
}

export const DEFAULT_RETRY_FOR_MS = 30_000;
const FIRST_RETRY_MS = 50;
const MAX_RETRY_MS = 1000;
const HEALTH_TIMEOUT_MS = 1000;
/** Four parameters a row: far below PostgreSQL's 65,535 parameters a statement. */
const MAX_APPEND_BATCH = 500;
const UNIQUE_VIOLATION = '23505';

/** Each step takes the `storage` schema one version up (see migratePg); a new database runs them all. */
export const PG_STORAGE_STEPS: readonly string[] = [
  `CREATE TABLE updates (
     room TEXT NOT NULL,
     seq BIGINT NOT NULL,
     at BIGINT NOT NULL,
     actor TEXT NOT NULL,
     data BYTEA NOT NULL,
     PRIMARY KEY (room, seq)
   );
   CREATE TABLE snapshots (
     room TEXT NOT NULL,
     seq BIGINT NOT NULL,
     data BYTEA NOT NULL,
     PRIMARY KEY (room, seq)
   );
   CREATE TABLE presence (
     id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     room TEXT NOT NULL,
     at BIGINT NOT NULL,
     client BIGINT NOT NULL,
     state TEXT
   );
   CREATE INDEX presence_by_time ON presence (room, at, id);
   CREATE INDEX presence_by_client ON presence (room, client, at, id);
   CREATE TABLE presence_clients (
     room TEXT NOT NULL,
     client BIGINT NOT NULL,
     first_at BIGINT NOT NULL,
     last_at BIGINT NOT NULL,
     state TEXT,
     state_at BIGINT,
     PRIMARY KEY (room, client)
   );
   CREATE TABLE presence_counts (
     room TEXT NOT NULL,
     person TEXT NOT NULL,
     samples BIGINT NOT NULL,
     PRIMARY KEY (room, person)
   );`,
];

/**
 * The samples (in order), each client's span and latest state (the latest sample with one, the later of
 * equal times), and the counts per person ('' for samples without one), as SqliteStorage keeps them.
 */
const APPEND_PRESENCE = `
  WITH samples AS (
    SELECT * FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::text[])
      WITH ORDINALITY AS sample (at, client, state, person, n)
  ), recorded AS (
    INSERT INTO presence (room, at, client, state) SELECT $1, at, client, state FROM samples ORDER BY n
  ), clients AS (
    INSERT INTO presence_clients (room, client, first_at, last_at, state, state_at)
    SELECT $1, client, min(at), max(at),
      (array_agg(state ORDER BY at DESC, n DESC) FILTER (WHERE state IS NOT NULL))[1],
      max(at) FILTER (WHERE state IS NOT NULL)
    FROM samples GROUP BY client
    ON CONFLICT (room, client) DO UPDATE SET
      first_at = least(presence_clients.first_at, EXCLUDED.first_at),
      last_at = greatest(presence_clients.last_at, EXCLUDED.last_at),
      state = CASE WHEN EXCLUDED.state_at >= coalesce(presence_clients.state_at, -1)
        THEN EXCLUDED.state ELSE presence_clients.state END,
      state_at = CASE WHEN EXCLUDED.state_at >= coalesce(presence_clients.state_at, -1)
        THEN EXCLUDED.state_at ELSE presence_clients.state_at END
  )
  INSERT INTO presence_counts (room, person, samples)
  SELECT $1, person, count(*) FROM samples GROUP BY person
  ON CONFLICT (room, person) DO UPDATE SET samples = presence_counts.samples + EXCLUDED.samples`;

/** A room's queue of appends and what this storage knows of its log. */
interface RoomLog {
  /** The last position known to be written: read by `load`, advanced by this storage's appends. */
  seq: number | null;
  /** Why the room takes no appends until it is loaded again. */
  refused: Error | null;
  queue: PendingAppend[];
  /** Set while the queue drains; resolves (never rejects) once it is empty. */
  draining: Promise<void> | null;
}

interface PendingAppend {
  data: Buffer;
  meta: UpdateMeta;
  /** When the append was made (performance.now()), for the latency figures. */
  start: number;
  resolve: (seq: number) => void;
  reject: (error: unknown) => void;
}

/** BIGINT columns come back as strings: they can exceed a JavaScript number, ours never do. */
interface UpdateRow {
  seq: string;
  at: string;
  actor: string;
  data: Buffer;
}

interface SnapshotRow {
  seq: string;
  data: Buffer;
}

interface PresenceRow {
  at: string;
  client: string;
  state: string | null;
}

function presenceSample({ at, client, state }: PresenceRow): PresenceSample {
  return {
    at: Number(at),
    client: Number(client),
    state: state === null ? null : (JSON.parse(state) as Record<string, unknown>),
  };
}

/** Errors that say the database could not be reached (try again), as opposed to ones about the query. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  // admin_shutdown, crash_shutdown, cannot_connect_now (starting up or shutting down), too_many_connections
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);
/** What `pg` says, without a code, when a connection ends under a query or cannot be made in time. */
const UNREACHABLE_MESSAGES =
  /^Connection terminated|not queryable|timeout exceeded when trying to connect|Connection ended/;

function isUnreachable(error: unknown): boolean {
  if (error instanceof AggregateError) return error.errors.some(isUnreachable);
  const code = pgCode(error);
  // Class 08: connection exceptions.
  if (code !== undefined && (UNREACHABLE_CODES.has(code) || code.startsWith('08'))) return true;
  return error instanceof Error && UNREACHABLE_MESSAGES.test(error.message);
}

function pgCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
