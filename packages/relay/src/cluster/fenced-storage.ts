import type { MemoryStorage } from '../memory-storage.ts';
import type { Storage, StoredRoom, UpdateMeta } from '../storage.ts';

/**
 * For tests: one server's view of a storage the servers of a cluster share, fenced as a storage on
 * PostgreSQL is. Each server appends where it believes the log ends (learnt when it loads the room, then
 * counted up); an append at a position someone else wrote fails, as two owners of a room must not both write.
 */
export function fenced(shared: MemoryStorage): Storage {
  const ends = new Map<string, number>();
  const view: Storage = Object.create(shared);
  view.load = async (room: string): Promise<StoredRoom> => {
    const stored = await shared.load(room);
    ends.set(room, stored.seq);
    return stored;
  };
  view.append = (room: string, update: Uint8Array, meta: UpdateMeta): Promise<number> => {
    const seq = (ends.get(room) ?? 0) + 1;
    ends.set(room, seq);
    return shared.appendAt(room, seq, update, meta);
  };
  return view;
}
