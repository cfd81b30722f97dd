import { mergeState } from './merge-state.ts';
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

interface MemoryRoom {
  log: LogEntry[];
  /** The snapshots kept (see `Storage.snapshot`), oldest first. */
  snapshots: StoredSnapshot[];
  presence: PresenceSample[];
  /** Samples per person; '' for those recorded without one. */
  presenceCounts: Map<string, number>;
}

/** Storage that lives as long as the process: for tests and throwaway servers. */
export class MemoryStorage implements Storage {
  private readonly rooms = new Map<string, MemoryRoom>();
  private closed = false;

  async load(room: string): Promise<StoredRoom> {
    this.assertOpen();
    const stored = this.rooms.get(room);
    if (!stored) return { state: null, seq: 0, sinceSnapshot: 0 };
    const base = stored.snapshots.at(-1);
    const after = stored.log.filter((entry) => entry.seq > (base?.seq ?? 0));
    const parts = [...(base ? [base.state] : []), ...after.map((entry) => entry.update)];
    return { state: mergeState(parts), seq: lastSeq(stored), sinceSnapshot: after.length };
  }

  async append(room: string, update: Uint8Array, meta: UpdateMeta): Promise<number> {
    this.assertOpen();
    const stored = this.roomFor(room);
    const seq = lastSeq(stored) + 1;
    // Copied: the caller may reuse its buffer (ws hands out slices of its receive buffer).
    stored.log.push({ seq, actor: meta.actor, at: meta.at, update: update.slice() });
    return seq;
  }

  /**
   * Appends at log position `seq` only, as servers sharing a storage do (each where it believes the log
   * ends): rejects with LogConflictError when the log does not end right before it (another server wrote).
   */
  async appendAt(room: string, seq: number, update: Uint8Array, meta: UpdateMeta): Promise<number> {
    this.assertOpen();
    const stored = this.roomFor(room);
    if (lastSeq(stored) !== seq - 1) throw new LogConflictError(room, seq);
    stored.log.push({ seq, actor: meta.actor, at: meta.at, update: update.slice() });
    return seq;
  }

  async snapshot(room: string, at?: StoredSnapshot): Promise<number> {
    if (at) {
      this.assertOpen();
      // Copied: the caller may reuse its buffer.
      this.keepSnapshot(room, { seq: at.seq, state: at.state.slice() });
      return at.seq;
    }
    const { state, seq, sinceSnapshot } = await this.load(room);
    if (state && sinceSnapshot > 0) this.keepSnapshot(room, { seq, state });
    return seq;
  }

  async logBytes(room: string): Promise<number> {
    this.assertOpen();
    const log = this.rooms.get(room)?.log ?? [];
    return log.reduce((sum, entry) => sum + entry.update.byteLength, 0);
  }

  async readSnapshotAt(room: string, seq: number): Promise<StoredSnapshot | null> {
    this.assertOpen();
    const snapshots = this.rooms.get(room)?.snapshots ?? [];
    return snapshots.findLast((snapshot) => snapshot.seq <= seq) ?? null;
  }

  async appendPresence(room: string, samples: readonly PresenceSample[]): Promise<void> {
    this.assertOpen();
    const stored = this.roomFor(room);
    for (const { at, client, state, person = '' } of samples) {
      stored.presence.push({ at, client, state: structuredClone(state) });
      stored.presenceCounts.set(person, (stored.presenceCounts.get(person) ?? 0) + 1);
    }
  }

  async countPresence(room: string): Promise<PresenceCounts> {
    this.assertOpen();
    const counts = this.rooms.get(room)?.presenceCounts ?? new Map<string, number>();
    return presenceCountsOf(counts);
  }

  async readPresence(room: string, range: PresenceRange = {}): Promise<PresenceSample[]> {
    this.assertOpen();
    const { from = 0, to = Number.MAX_SAFE_INTEGER } = range;
    const samples = this.rooms.get(room)?.presence ?? [];
    return samples
      .filter((sample) => sample.at >= from && sample.at <= to)
      .map((sample) => structuredClone(sample));
  }

  async readLatestPresence(room: string, range: Required<PresenceRange>): Promise<PresenceSample[]> {
    return latestByClient(await this.readPresence(room, range));
  }

  async readPresenceClients(room: string): Promise<PresenceSample[]> {
    return latestByClient((await this.readPresence(room)).filter((sample) => sample.state !== null));
  }

  async readLog(room: string, range: LogRange = {}): Promise<LogEntry[]> {
    this.assertOpen();
    const after = range.after ?? 0;
    const entries = this.rooms.get(room)?.log.filter((entry) => entry.seq > after) ?? [];
    return entries.slice(0, range.limit ?? entries.length);
  }

  async flush(): Promise<void> {
    this.assertOpen();
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  /** Keeps a snapshot in position order (one at the same position is replaced) and thins the others. */
  private keepSnapshot(room: string, snapshot: StoredSnapshot): void {
    const stored = this.roomFor(room);
    const others = stored.snapshots.filter((kept) => kept.seq !== snapshot.seq);
    others.push(snapshot);
    others.sort((a, b) => a.seq - b.seq);
    const drop = new Set(snapshotsToDrop(others.map((kept) => kept.seq)));
    stored.snapshots = others.filter((kept) => !drop.has(kept.seq));
  }

  private roomFor(room: string): MemoryRoom {
    let stored = this.rooms.get(room);
    if (!stored) {
      stored = { log: [], snapshots: [], presence: [], presenceCounts: new Map() };
      this.rooms.set(room, stored);
    }
    return stored;
  }

  private assertOpen(): void {
    if (this.closed) throw new StorageClosedError();
  }
}

function lastSeq(room: MemoryRoom): number {
  return room.log.at(-1)?.seq ?? 0;
}

/** The last of each client's samples (they come oldest first), by client id. */
function latestByClient(samples: readonly PresenceSample[]): PresenceSample[] {
  const latest = new Map<number, PresenceSample>();
  for (const sample of samples) latest.set(sample.client, sample);
  return [...latest.values()].sort((a, b) => a.client - b.client);
}
