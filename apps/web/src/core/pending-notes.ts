import type { RoomConnection } from '@kompas/client';
import { unsentNoteIds } from '@kompas/model';
import type { Binding } from './binding.ts';

/** A room's connection as far as pending notes go: its document, and what the server is known to hold of it. */
export type DeliveringRoom = Pick<RoomConnection, 'doc' | 'delivered' | 'on' | 'off'>;

/** The rooms a board's notes live in: the board's, and the drafts' of a silent brainstorm (none for observers). */
export interface NoteRooms {
  readonly connection: DeliveringRoom;
  readonly draftsConnection: DeliveringRoom | null;
}

export const NO_PENDING_NOTES: ReadonlySet<string> = new Set();

function sameIds(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((id) => b.has(id));
}

/**
 * The ids of the notes with changes of this device that the server has not stored yet: written offline, or
 * still on their way. Re-read on each change of the documents and each confirmation from the server.
 */
export const pendingNotes: Binding<NoteRooms, ReadonlySet<string>> = {
  watch(rooms, changed) {
    const watched = [rooms.connection, rooms.draftsConnection].filter((room) => room !== null);
    for (const room of watched) {
      room.on('delivered', changed);
      room.doc.on('update', changed);
    }
    return () => {
      for (const room of watched) {
        room.off('delivered', changed);
        room.doc.off('update', changed);
      }
    };
  },
  read(rooms) {
    const pending = unsentNoteIds(rooms.connection.doc, rooms.connection.delivered);
    const drafts = rooms.draftsConnection;
    if (drafts) for (const id of unsentNoteIds(drafts.doc, drafts.delivered)) pending.add(id);
    return pending.size === 0 ? NO_PENDING_NOTES : pending;
  },
  same: sameIds,
};
