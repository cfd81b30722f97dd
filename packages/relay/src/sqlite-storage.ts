import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { LatencyHistogram, type StoreStats } from './latency-histogram.ts';
import { mergeState } from './merge-state.ts';
import {
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
import { WalSync } from './wal-sync.ts';

/** File name of the database when SqliteStorage is given a data directory. */
export const SQLITE_FILE_NAME = 'relay.sqlite';

const SCHEMA_VERSION = 4;
/** A batch is committed early at this size, so one transaction never holds an unbounded amount. */
const MAX_BATCH = 1000;
/**
 * How long the storage goes without commits before it checkpoints the write-ahead log into the database file.
 * SQLite's own checkpoints ran inside whichever commit passed a thousand pages of log: a copy of megabytes
 * and a sync of the database file, on the event loop, in the middle of a busy workshop.
 */
export const CHECKPOINT_QUIET_MS = 1000;
/** Bytes written since the last checkpoint past which one runs at the next commit, quiet or not. */
const CHECKPOINT_AFTER_BYTES = 64 * 1024 * 1024;

interface PendingAppend {
  room: string;
  update: Uint8Array;
  meta: UpdateMeta;
  resolve: (seq: number) => void;
  reject: (error: unknown) => void;
}

interface UpdateRow {
  seq: number;
  at: number;
  actor: string;
  data: Buffer;
}

interface SnapshotRow {
  seq: number;
  data: Buffer;
}

interface PresenceRow {
  at: number;
  client: number;
  state: string | null;
}

/** A client's span in a batch of samples and its latest state in it, for `presence_clients`. */
interface PresenceClientRow {
  firstAt: number;
  lastAt: number;
  state: string | null;
  stateAt: number | null;
}

/** About what one recorded presence sample writes to the log, counted towards the next checkpoint. */
const PRESENCE_SAMPLE_BYTES = 200;

function presenceSample({ at, client, state }: PresenceRow): PresenceSample {
  return { at, client, state: state === null ? null : (JSON.parse(state) as Record<string, unknown>) };
}

/**
 * SQLite storage (better-sqlite3, WAL). One table per concept: `updates(room, seq, at, actor, data)` is the
 * log, `snapshots(room, seq, data)` the merged states, `presence(room, at, client, state)` the recorded names
 * and cursors, and `presence_clients` each client's span and latest state, so that who was present at a
 * moment, or ever, is found per client rather than by reading every sample; `presence_counts` how many samples
 * each room holds per person, for the recording ceilings.
 *
 * Appends are group-committed: every append made in one turn of the event loop goes into one transaction,
 * committed right after the loop has delivered that turn's incoming messages (setImmediate), or, while the
 * log file is being synced, once that sync is done, with every append made meanwhile. Each promise
 * resolves only once its transaction is durable, so the relay, which waits for it, never relays an update
 * that is not on disk. Durable means it survives a power loss, not only a crash of the process: the log file
 * is synced after the commit, away from the event loop (see WalSync), and one sync covers every commit made
 * while the one before it ran. Reads wait for what is written to be durable, so no answer built from
 * storage shows an update that could still be lost.
 */
export class SqliteStorage implements Storage {
  /** Path of the database file. */
  readonly file: string;
  private readonly db: Database.Database;
  private readonly statements;
  private readonly lastSeqs = new Map<string, number>();
  private batch: PendingAppend[] = [];
  private commitTimer: NodeJS.Immediate | null = null;
  private closed = false;
  private readonly walSync: WalSync;
  private checkpointTimer: NodeJS.Timeout | null = null;
  /** Bytes this storage has written since the last checkpoint: appends, snapshots, presence. */
  private uncheckpointedBytes = 0;
  private readonly appendLatency = new LatencyHistogram();

  /** `location`: a data directory (created if missing; the file is SQLITE_FILE_NAME in it) or a `.sqlite`/`.db` file. */
  constructor(location: string) {
    this.file = /\.(sqlite|db)$/.test(location) ? location : join(location, SQLITE_FILE_NAME);
    mkdirSync(dirname(this.file), { recursive: true });
    this.db = new Database(this.file);
    this.db.pragma('journal_mode = WAL');
    // Commits only write the log; WalSync makes them durable before anyone is told they are.
    this.db.pragma('synchronous = NORMAL');
    // Checkpoints run when the storage is quiet (see CHECKPOINT_QUIET_MS). Other connections to the file
    // should turn theirs off too, or their commits take over.
    this.db.pragma('wal_autocheckpoint = 0');
    migrate(this.db);
    this.walSync = new WalSync(`${this.file}-wal`, dirname(this.file));
    this.statements = {
      insertUpdate: this.db.prepare<[string, number, number, string, Buffer]>(
        'INSERT INTO updates (room, seq, at, actor, data) VALUES (?, ?, ?, ?, ?)',
      ),
      lastSeq: this.db
        .prepare<[string], number>('SELECT coalesce(max(seq), 0) FROM updates WHERE room = ?')
        .pluck(),
      logBytes: this.db
        .prepare<[string], number>('SELECT coalesce(sum(length(data)), 0) FROM updates WHERE room = ?')
        .pluck(),
      updatesAfter: this.db.prepare<[string, number, number], UpdateRow>(
        'SELECT seq, at, actor, data FROM updates WHERE room = ? AND seq > ? ORDER BY seq LIMIT ?',
      ),
      latestSnapshot: this.db.prepare<[string], SnapshotRow>(
        'SELECT seq, data FROM snapshots WHERE room = ? ORDER BY seq DESC LIMIT 1',
      ),
      snapshotAt: this.db.prepare<[string, number], SnapshotRow>(
        'SELECT seq, data FROM snapshots WHERE room = ? AND seq <= ? ORDER BY seq DESC LIMIT 1',
      ),
      insertPresence: this.db.prepare<[string, number, number, string | null]>(
        'INSERT INTO presence (room, at, client, state) VALUES (?, ?, ?, ?)',
      ),
      presenceBetween: this.db.prepare<[string, number, number], PresenceRow>(
        'SELECT at, client, state FROM presence WHERE room = ? AND at >= ? AND at <= ? ORDER BY at, rowid',
      ),
      upsertPresenceClient: this.db.prepare<[string, number, number, number, string | null, number | null]>(
        `INSERT INTO presence_clients (room, client, first_at, last_at, state, state_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (room, client) DO UPDATE SET
           first_at = min(first_at, excluded.first_at),
           last_at = max(last_at, excluded.last_at),
           state = CASE WHEN excluded.state_at >= coalesce(state_at, -1) THEN excluded.state ELSE state END,
           state_at = CASE WHEN excluded.state_at >= coalesce(state_at, -1) THEN excluded.state_at ELSE state_at END`,
      ),
      clientsBetween: this.db
        .prepare<[string, number, number], number>(
          'SELECT client FROM presence_clients WHERE room = ? AND first_at <= ? AND last_at >= ? ORDER BY client',
        )
        .pluck(),
      latestOfClient: this.db.prepare<[string, number, number], PresenceRow>(
        `SELECT at, client, state FROM presence WHERE room = ? AND client = ? AND at <= ?
         ORDER BY at DESC, rowid DESC LIMIT 1`,
      ),
      presenceClients: this.db.prepare<[string], PresenceRow>(
        `SELECT state_at AS at, client, state FROM presence_clients WHERE room = ? AND state IS NOT NULL
         ORDER BY client`,
      ),
      addPresenceCount: this.db.prepare<[string, string, number]>(
        `INSERT INTO presence_counts (room, person, samples) VALUES (?, ?, ?)
         ON CONFLICT (room, person) DO UPDATE SET samples = samples + excluded.samples`,
      ),
      presenceCounts: this.db
        .prepare<[string], [string, number]>('SELECT person, samples FROM presence_counts WHERE room = ?')
        .raw(),
      insertSnapshot: this.db.prepare<[string, number, Buffer]>(
        'INSERT OR REPLACE INTO snapshots (room, seq, data) VALUES (?, ?, ?)',
      ),
      snapshotSeqs: this.db
        .prepare<[string], number>('SELECT seq FROM snapshots WHERE room = ? ORDER BY seq')
        .pluck(),
      deleteSnapshot: this.db.prepare<[string, number]>('DELETE FROM snapshots WHERE room = ? AND seq = ?'),
    };
  }

  async load(room: string): Promise<StoredRoom> {
    await this.durable();
    return this.loadNow(room);
  }

  append(room: string, update: Uint8Array, meta: UpdateMeta): Promise<number> {
    if (this.closed) return Promise.reject(new StorageClosedError());
    const start = performance.now();
    return new Promise((resolve, reject) => {
      const durable = (seq: number) => {
        this.appendLatency.record(performance.now() - start);
        resolve(seq);
      };
      // Copied: it is written later, with the batch, and the caller may reuse its buffer meanwhile.
      this.batch.push({ room, update: update.slice(), meta, resolve: durable, reject });
      if (this.batch.length >= MAX_BATCH) this.commit();
      else this.commitTimer ??= setImmediate(() => this.walSync.whenIdle(() => this.commit()));
    });
  }

  async snapshot(room: string, at?: StoredSnapshot): Promise<number> {
    if (at) {
      this.assertOpen();
      this.storeSnapshot(room, at.seq, at.state);
      return at.seq;
    }
    const { state, seq, sinceSnapshot } = this.loadNow(room);
    if (state && sinceSnapshot > 0) this.storeSnapshot(room, seq, state);
    return seq;
  }

  async readLog(room: string, range: LogRange = {}): Promise<LogEntry[]> {
    await this.durable();
    const rows = this.statements.updatesAfter.all(room, range.after ?? 0, range.limit ?? -1);
    return rows.map(({ seq, at, actor, data }) => ({ seq, at, actor, update: data }));
  }

  async logBytes(room: string): Promise<number> {
    await this.durable();
    return this.statements.logBytes.get(room) ?? 0;
  }

  async readSnapshotAt(room: string, seq: number): Promise<StoredSnapshot | null> {
    await this.durable();
    const row = this.statements.snapshotAt.get(room, seq);
    return row ? { seq: row.seq, state: row.data } : null;
  }

  /** Presence is a replay's garnish, not the board: written at once, and durable with the next sync. */
  async appendPresence(room: string, samples: readonly PresenceSample[]): Promise<void> {
    this.assertOpen();
    const { insertPresence, upsertPresenceClient, addPresenceCount } = this.statements;
    this.db.transaction(() => {
      const clients = new Map<number, PresenceClientRow>();
      const perPerson = new Map<string, number>();
      for (const { at, client, state, person = '' } of samples) {
        const json = state === null ? null : JSON.stringify(state);
        insertPresence.run(room, at, client, json);
        perPerson.set(person, (perPerson.get(person) ?? 0) + 1);
        const known = clients.get(client) ?? { firstAt: at, lastAt: at, state: null, stateAt: null };
        known.firstAt = Math.min(known.firstAt, at);
        known.lastAt = Math.max(known.lastAt, at);
        if (json !== null && at >= (known.stateAt ?? -1)) {
          known.state = json;
          known.stateAt = at;
        }
        clients.set(client, known);
      }
      for (const [client, { firstAt, lastAt, state, stateAt }] of clients) {
        upsertPresenceClient.run(room, client, firstAt, lastAt, state, stateAt);
      }
      for (const [person, count] of perPerson) addPresenceCount.run(room, person, count);
    })();
    this.wrote(samples.length * PRESENCE_SAMPLE_BYTES);
  }

  async countPresence(room: string): Promise<PresenceCounts> {
    await this.durable();
    return presenceCountsOf(this.statements.presenceCounts.all(room));
  }

  async readLatestPresence(room: string, range: Required<PresenceRange>): Promise<PresenceSample[]> {
    await this.durable();
    const { clientsBetween, latestOfClient } = this.statements;
    const samples: PresenceSample[] = [];
    for (const client of clientsBetween.all(room, range.to, range.from)) {
      const row = latestOfClient.get(room, client, range.to);
      if (row && row.at >= range.from) samples.push(presenceSample(row));
    }
    return samples;
  }

  async readPresenceClients(room: string): Promise<PresenceSample[]> {
    await this.durable();
    return this.statements.presenceClients.all(room).map(presenceSample);
  }

  async readPresence(room: string, range: PresenceRange = {}): Promise<PresenceSample[]> {
    await this.durable();
    const rows = this.statements.presenceBetween.all(
      room,
      range.from ?? 0,
      range.to ?? Number.MAX_SAFE_INTEGER,
    );
    return rows.map(presenceSample);
  }

  async flush(): Promise<void> {
    await this.durable();
  }

  storeStats(): StoreStats {
    const appendMs = this.appendLatency.summary();
    return { appends: appendMs.count, appendMs };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.commit();
    this.closed = true;
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
    await this.walSync.close();
    this.db.close();
  }

  /** Commits the pending batch and waits until everything written is durable: what reads start with. */
  private async durable(): Promise<void> {
    this.assertOpen();
    this.commit();
    await this.walSync.everything();
    this.assertOpen();
  }

  /** Reads after committing the pending batch, so a load always sees every append made before it. */
  private loadNow(room: string): StoredRoom {
    this.assertOpen();
    this.commit();
    const snapshot = this.statements.latestSnapshot.get(room);
    const rows = this.statements.updatesAfter.all(room, snapshot?.seq ?? 0, -1);
    const seq = rows.at(-1)?.seq ?? snapshot?.seq ?? 0;
    const parts = [...(snapshot ? [snapshot.data] : []), ...rows.map((row) => row.data)];
    const state = parts.length === 0 ? null : parts.length === 1 ? (parts[0] ?? null) : mergeState(parts);
    return { state, seq, sinceSnapshot: rows.length };
  }

  private commit(): void {
    if (this.commitTimer) clearImmediate(this.commitTimer);
    this.commitTimer = null;
    const batch = this.batch;
    if (batch.length === 0) return;
    this.batch = [];
    let seqs: number[];
    try {
      seqs = this.db.transaction(() => batch.map((append) => this.insert(append)))();
    } catch (error) {
      // The rolled-back transaction may have advanced cached positions: read them again next time.
      this.lastSeqs.clear();
      for (const append of batch) append.reject(error);
      return;
    }
    this.wrote(batch.reduce((bytes, append) => bytes + append.update.byteLength, 0));
    this.walSync.committed().then(
      () => {
        for (const [index, append] of batch.entries()) append.resolve(seqs[index] ?? 0);
      },
      (error: unknown) => {
        for (const append of batch) append.reject(error);
      },
    );
  }

  private storeSnapshot(room: string, seq: number, state: Uint8Array): void {
    const { insertSnapshot, snapshotSeqs, deleteSnapshot } = this.statements;
    this.db.transaction(() => {
      insertSnapshot.run(room, seq, toBuffer(state));
      for (const old of snapshotsToDrop(snapshotSeqs.all(room))) deleteSnapshot.run(room, old);
    })();
    this.wrote(state.byteLength);
  }

  /**
   * Counts what a commit wrote to the log, and checkpoints once nothing was committed for
   * CHECKPOINT_QUIET_MS, or at once past CHECKPOINT_AFTER_BYTES. A checkpoint that cannot finish (a reader
   * holds the log) is tried again at the next one.
   */
  private wrote(bytes: number): void {
    this.uncheckpointedBytes += bytes;
    if (this.uncheckpointedBytes >= CHECKPOINT_AFTER_BYTES) {
      this.checkpoint();
    } else if (this.checkpointTimer) {
      this.checkpointTimer.refresh();
    } else {
      this.checkpointTimer = setTimeout(() => this.checkpoint(), CHECKPOINT_QUIET_MS);
      this.checkpointTimer.unref();
    }
  }

  private checkpoint(): void {
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
    this.checkpointTimer = null;
    if (this.closed) return;
    this.uncheckpointedBytes = 0;
    try {
      this.db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // The log keeps everything until a checkpoint succeeds; a failing disk shows in the next commit.
    }
  }

  private insert({ room, update, meta }: PendingAppend): number {
    const seq = (this.lastSeqs.get(room) ?? this.statements.lastSeq.get(room) ?? 0) + 1;
    this.statements.insertUpdate.run(room, seq, meta.at, meta.actor, toBuffer(update));
    this.lastSeqs.set(room, seq);
    return seq;
  }

  private assertOpen(): void {
    if (this.closed) throw new StorageClosedError();
  }
}

function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new Error(
      `${db.name} has storage schema ${version}, newer than this relay understands (${SCHEMA_VERSION})`,
    );
  }
  if (version === SCHEMA_VERSION) return;
  // Each step takes the schema one version up; a new file runs them all.
  const steps = [CREATE_LOG_AND_SNAPSHOTS, CREATE_PRESENCE, CREATE_PRESENCE_CLIENTS, CREATE_PRESENCE_COUNTS];
  db.transaction(() => {
    for (const step of steps.slice(version)) db.exec(step);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}

const CREATE_LOG_AND_SNAPSHOTS = `
    CREATE TABLE updates (
      room TEXT NOT NULL,
      seq INTEGER NOT NULL,
      at INTEGER NOT NULL,
      actor TEXT NOT NULL,
      data BLOB NOT NULL,
      PRIMARY KEY (room, seq)
    );
    CREATE TABLE snapshots (
      room TEXT NOT NULL,
      seq INTEGER NOT NULL,
      data BLOB NOT NULL,
      PRIMARY KEY (room, seq)
    );`;

const CREATE_PRESENCE = `
    CREATE TABLE presence (
      room TEXT NOT NULL,
      at INTEGER NOT NULL,
      client INTEGER NOT NULL,
      state TEXT
    );
    CREATE INDEX presence_by_time ON presence (room, at);`;

/** Each client's span and latest state, filled from the samples already recorded. */
const CREATE_PRESENCE_CLIENTS = `
    CREATE INDEX presence_by_client ON presence (room, client, at);
    CREATE TABLE presence_clients (
      room TEXT NOT NULL,
      client INTEGER NOT NULL,
      first_at INTEGER NOT NULL,
      last_at INTEGER NOT NULL,
      state TEXT,
      state_at INTEGER,
      PRIMARY KEY (room, client)
    ) WITHOUT ROWID;
    INSERT INTO presence_clients (room, client, first_at, last_at)
      SELECT room, client, min(at), max(at) FROM presence GROUP BY room, client;
    UPDATE presence_clients SET (state, state_at) = (
      SELECT state, at FROM presence
      WHERE presence.room = presence_clients.room AND presence.client = presence_clients.client
        AND presence.state IS NOT NULL
      ORDER BY at DESC, rowid DESC LIMIT 1
    );`;

/**
 * Samples per room and person, kept beside the samples so a room's recording ceilings are known without
 * counting them. Samples recorded before have no person but the id their state names ('' when none).
 */
const CREATE_PRESENCE_COUNTS = `
    CREATE TABLE presence_counts (
      room TEXT NOT NULL,
      person TEXT NOT NULL,
      samples INTEGER NOT NULL,
      PRIMARY KEY (room, person)
    ) WITHOUT ROWID;
    INSERT INTO presence_counts (room, person, samples)
      SELECT room, person, count(*) FROM (
        SELECT room, coalesce(CAST(CASE WHEN json_valid(state) THEN json_extract(state, '$.user.id') END AS TEXT), '')
          AS person FROM presence
      ) GROUP BY room, person;`;

/** better-sqlite3 binds Buffers as blobs; this views the same bytes without copying. */
function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
