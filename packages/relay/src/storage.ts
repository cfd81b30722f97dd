import type { StoreStats } from './latency-histogram.ts';

/**
 * Where rooms live between connections: a per-room log of Yjs updates (the replay) plus snapshots that
 * merge the log up to a position, so loading does not have to replay everything.
 *
 * Nothing outside a storage adapter knows which engine is in use; the relay only talks to this interface.
 */
export interface Storage {
  /**
   * The room's state: the latest snapshot merged with every logged update after it. On a storage shared by
   * several servers (PgStorage) it also sets where this instance appends to the room next, so only the room
   * itself loads it; whoever only reads a room's state uses readSnapshotAt and readLog.
   */
  load(room: string): Promise<StoredRoom>;
  /**
   * Appends one update to the room's log. Resolves with its log position once it is durable: the relay
   * relays an update only after this resolves. Positions start at 1 and grow by 1 per room. A storage that
   * several servers share rejects with LogConflictError when another one wrote the room since this one loaded
   * it (see PgStorage).
   */
  append(room: string, update: Uint8Array, meta: UpdateMeta): Promise<number>;
  /**
   * Merges the log into a snapshot at its current end and resolves with that position (0: empty room).
   *
   * Taking one also thins the room's older snapshots (`snapshotsToDrop`), in the same transaction, so storage
   * grows with the log rather than with the square of the session: the newest two stay, so a replay or the
   * replay index near the end finds a close one; further back, counting from the oldest (which always stays),
   * a snapshot stays only if it is at least KEEP_SNAPSHOT_EVERY positions after the previous one kept. The
   * rule runs over all the room's snapshots, so a room stored before it existed is thinned at its next
   * snapshot. The log is never thinned, so any state can still be rebuilt from an older snapshot plus more of
   * the log. The SQLite file is not vacuumed: later writes reuse the freed pages.
   *
   * With `at`, the room's state at log position `at.seq` as the caller holds it (the relay's document, after
   * the update logged there): stored as that position's snapshot instead of merging the log, thinned alike.
   */
  snapshot(room: string, at?: StoredSnapshot): Promise<number>;
  /**
   * How many bytes of updates the room's log holds (0 for a room never written): what the relay counts a
   * board's stored bytes by. Snapshots are not counted; they are derived from the log and thinned.
   */
  logBytes(room: string): Promise<number>;
  /** Logged updates after position `after`, oldest first: what a replay plays back. */
  readLog(room: string, range?: LogRange): Promise<LogEntry[]>;
  /**
   * The latest stored snapshot at or before log position `seq` (null when there is none): where a replay
   * seeking to `seq` starts. It then applies the updates after it: at most one snapshot interval of them near
   * the end of the log, about KEEP_SNAPSHOT_EVERY further back, where older snapshots were thinned out.
   */
  readSnapshotAt(room: string, seq: number): Promise<StoredSnapshot | null>;
  /**
   * Records presence samples (names and cursors) for replays; resolves once they are stored. Each counts
   * towards its room and, when it names one, its person (see countPresence).
   */
  appendPresence(room: string, samples: readonly PresenceSample[]): Promise<void>;
  /**
   * How many presence samples the room holds, in all and per person: where the recorder's ceilings start
   * counting when the room loads. Read from running totals, not by counting the samples.
   */
  countPresence(room: string): Promise<PresenceCounts>;
  /** Recorded presence samples with `from <= at <= to`, oldest first. */
  readPresence(room: string, range?: PresenceRange): Promise<PresenceSample[]>;
  /**
   * Each client's latest sample with `from <= at <= to` (its state null when it had left by then), by client
   * id: who was present at `to`, read without going through every sample of the range.
   */
  readLatestPresence(room: string, range: Required<PresenceRange>): Promise<PresenceSample[]>;
  /** Each client's latest sample that has a state (a name, a cursor), by client id: everyone who took part. */
  readPresenceClients(room: string): Promise<PresenceSample[]>;
  /** Resolves once every append made so far is durable. */
  flush(): Promise<void>;
  /** Flushes, then releases the engine; later calls reject. */
  close(): Promise<void>;
  /** How many appends became durable and how long they took, for the metrics (engines that keep count). */
  storeStats?(): StoreStats;
}

/** Behind the newest two, the snapshots a room keeps are at least this many log positions apart. */
export const KEEP_SNAPSHOT_EVERY = 5000;

/**
 * Which of a room's snapshots the thinning rule of `Storage.snapshot` drops, given all their positions in
 * ascending order: none of the newest two nor the oldest, and of the rest each one that is less than
 * KEEP_SNAPSHOT_EVERY positions after the last one kept before it. Applied to what it keeps, it drops nothing.
 */
export function snapshotsToDrop(seqs: readonly number[]): number[] {
  const drop: number[] = [];
  let kept = seqs[0] ?? 0;
  for (const seq of seqs.slice(1, -2)) {
    if (seq - kept >= KEEP_SNAPSHOT_EVERY) kept = seq;
    else drop.push(seq);
  }
  return drop;
}

/** Who made an update and when the server received it. */
export interface UpdateMeta {
  /** Role and connection id, never a secret. */
  actor: string;
  /** Server time, milliseconds since the epoch. */
  at: number;
}

export interface StoredRoom {
  /** One Yjs update holding the whole state, or null when nothing was ever stored for the room. */
  state: Uint8Array | null;
  /** Log position the state includes (0: none). */
  seq: number;
  /** How many logged updates came after the latest snapshot: the relay snapshots again when this grows. */
  sinceSnapshot: number;
}

export interface LogEntry extends UpdateMeta {
  seq: number;
  update: Uint8Array;
}

export interface StoredSnapshot {
  /** The log position the snapshot includes. */
  seq: number;
  /** One Yjs update holding the whole state at that position. */
  state: Uint8Array;
}

/** One person's presence at a moment, as recorded for replays. */
export interface PresenceSample {
  /** Server time, milliseconds since the epoch. */
  at: number;
  /** The awareness client id: one browser tab. */
  client: number;
  /** The awareness state as the client published it ({ user, cursor, ... }); null once the client left. */
  state: Record<string, unknown> | null;
  /**
   * Who published it, as the server knows them (never what the state claims), for the per-person ceiling of
   * recorded samples. Only written: reads leave it out, as the state says who it was.
   */
  person?: string;
}

/** How many presence samples a room holds. */
export interface PresenceCounts {
  samples: number;
  /** Per person, for the samples recorded with one. */
  byPerson: ReadonlyMap<string, number>;
}

/** Totals from per-person counts, the samples recorded without a person ('') counting only in all. */
export function presenceCountsOf(perPerson: Iterable<[string, number]>): PresenceCounts {
  let samples = 0;
  const byPerson = new Map<string, number>();
  for (const [person, count] of perPerson) {
    samples += count;
    if (person !== '') byPerson.set(person, count);
  }
  return { samples, byPerson };
}

export interface PresenceRange {
  from?: number;
  to?: number;
}

export interface LogRange {
  /** Only entries with a greater position (default 0: from the start). */
  after?: number;
  /** At most this many entries. */
  limit?: number;
}

/** Raised by a storage that was closed: the relay treats it like any other storage failure. */
export class StorageClosedError extends Error {
  constructor() {
    super('storage is closed');
    this.name = 'StorageClosedError';
  }
}

/**
 * Raised by an append at a log position that another server already wrote: this one lost the room (its
 * lease ran out while it was paused or cut off) and must not write to it again before loading it anew. The
 * update is not stored; the relay closes the room's connections, and their clients send it again to the
 * server that holds the room now.
 */
export class LogConflictError extends Error {
  constructor(
    readonly room: string,
    readonly seq: number,
  ) {
    super(`log position ${seq} of room ${room} was written by another server`);
    this.name = 'LogConflictError';
  }
}
