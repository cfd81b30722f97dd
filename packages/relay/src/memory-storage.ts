import { mergeState } from './merge-state.ts';
import {
  type LogEntry,
  type LogRange,
  type Storage,
  StorageClosedError,
  type StoredRoom,
  type UpdateMeta,
} from './storage.ts';

interface MemoryRoom {
  log: LogEntry[];
  snapshot: { seq: number; state: Uint8Array } | null;
}

/** Storage that lives as long as the process: for tests and throwaway servers. */
export class MemoryStorage implements Storage {
  private readonly rooms = new Map<string, MemoryRoom>();
  private closed = false;

  async load(room: string): Promise<StoredRoom> {
    this.assertOpen();
    const stored = this.rooms.get(room);
    if (!stored) return { state: null, seq: 0, sinceSnapshot: 0 };
    const base = stored.snapshot;
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

  async snapshot(room: string): Promise<number> {
    const { state, seq, sinceSnapshot } = await this.load(room);
    if (state && sinceSnapshot > 0) this.roomFor(room).snapshot = { seq, state };
    return seq;
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

  private roomFor(room: string): MemoryRoom {
    let stored = this.rooms.get(room);
    if (!stored) {
      stored = { log: [], snapshot: null };
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
