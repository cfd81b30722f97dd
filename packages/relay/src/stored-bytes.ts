import type { Storage } from './storage.ts';

/** Rooms whose logs share one stored-bytes budget, e.g. the rooms of one board. */
export interface BudgetGroup {
  /** Names the group; rooms mapped to the same id share its total. */
  id: string;
  /** Every room of the group, the asking room included, loaded or not. */
  rooms: readonly string[];
}

/** One room's hold on its group's running total; see StoredBytes. */
export interface StoredBytesShare {
  /** Resolves once the group's total was read from storage (rejects when that failed). */
  readonly ready: Promise<void>;
  /** Whether storing `bytes` more would take the group past its budget. */
  wouldPass(bytes: number): boolean;
  /** Counts bytes appended to the room's log. */
  add(bytes: number): void;
  /** The room is unloaded; the last room of a group to go forgets the total (it is read again next time). */
  release(): void;
}

interface GroupTotal {
  ready: Promise<void>;
  bytes: number;
  rooms: number;
}

/**
 * Running totals of the bytes in the logs of each budget group with a loaded room. A group's total is read
 * from storage when its first room loads, kept up to date with every append the relay makes, and forgotten
 * when its last room unloads.
 */
export class StoredBytes {
  private readonly groups = new Map<string, GroupTotal>();

  constructor(
    private readonly storage: Storage,
    /** Bytes a group's logs may hold; Infinity: no limit. */
    private readonly limit: number,
    private readonly groupOf: (room: string) => BudgetGroup,
  ) {}

  share(room: string): StoredBytesShare {
    const { id, rooms } = this.groupOf(room);
    let group = this.groups.get(id);
    if (!group) {
      const total: GroupTotal = { ready: Promise.resolve(), bytes: 0, rooms: 0 };
      total.ready = Promise.all(rooms.map((name) => this.storage.logBytes(name))).then((sizes) => {
        // Nothing is added before this: a room waits for its group's total before it loads.
        total.bytes = sizes.reduce((sum, size) => sum + size, 0);
      });
      total.ready.catch(() => {}); // the room awaits it and fails on a rejection
      group = total;
      this.groups.set(id, group);
    }
    const counted = group;
    counted.rooms += 1;
    let released = false;
    return {
      ready: counted.ready,
      wouldPass: (bytes) => counted.bytes + bytes > this.limit,
      add: (bytes) => {
        counted.bytes += bytes;
      },
      release: () => {
        if (released) return;
        released = true;
        counted.rooms -= 1;
        if (counted.rooms === 0 && this.groups.get(id) === counted) this.groups.delete(id);
      },
    };
  }
}
