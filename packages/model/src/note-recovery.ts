import * as Y from 'yjs';
import type { Author } from './author.ts';
import {
  createNote,
  editNote,
  getNote,
  listNotes,
  moveNote,
  notesType,
  recolorNote,
  roundFields,
} from './note.ts';
import { LOCAL_ORIGIN, type TransactOptions } from './origins.ts';

export interface RecoveredNotes {
  /** Notes the server never had, written anew. */
  added: string[];
  /** Notes the server has, with changes it never received written onto them. */
  updated: string[];
}

/**
 * Writes into `into` (a board as the server has it) what `from` (this device's own copy, which the server
 * refused) holds that the server never received: notes added, and edits, moves and recolourings of notes
 * the server still has. Used when a device discards its copy because the server refused a change in it, so
 * only the refused change is lost, not the notes written alongside it.
 *
 * Only valid notes are read (invalid data stays behind), and everything is written through the model's
 * own operations, which check it again. A note the server no longer has, because someone deleted it, stays
 * deleted: a device that missed a deletion must not bring the note back.
 */
export interface RecoveryOptions extends TransactOptions {
  /**
   * Who writes the notes back. A new note of someone else's in the copy (written under an id this browser no
   * longer goes by, before people had server-issued ids) is written back under this author, as the server
   * takes new notes only under their writer's own name. Without it, notes keep the author they have.
   */
  author?: Author;
}

export function recoverUnsharedNotes(from: Y.Doc, into: Y.Doc, opts: RecoveryOptions = {}): RecoveredNotes {
  const seen = Y.decodeStateVector(Y.encodeStateVector(into));
  const unseen = (item: Y.Item | undefined) =>
    item !== undefined && item.id.clock >= (seen.get(item.id.client) ?? 0);
  const recovered: RecoveredNotes = { added: [], updated: [] };
  const stored = notesType(from);
  into.transact(() => {
    for (const note of listNotes(from)) {
      const item = stored._map.get(note.id);
      const fields = item?.content instanceof Y.ContentType ? item.content.type : undefined;
      // Every change to a note writes its `updatedAt`, so that field tells whether a change went unsent.
      const changed = fields instanceof Y.Map && unseen(fields._map.get('updatedAt'));
      const current = getNote(into, note.id);
      const write = { now: note.updatedAt, origin: opts.origin };
      if (current) {
        if (!changed) continue;
        if (note.text !== current.text) editNote(into, note.id, note.text, write);
        if (note.step !== current.step || note.pos.r !== current.pos.r || note.pos.t !== current.pos.t)
          moveNote(into, note.id, note.step, note.pos, write);
        if (note.color !== current.color) recolorNote(into, note.id, note.color, write);
        recovered.updated.push(note.id);
      } else if (unseen(item)) {
        const { id, text, step, pos, color, authorId, authorName } = note;
        createNote(
          into,
          {
            ...{ id, text, step, pos, color, ...roundFields(note) },
            author: opts.author ?? { id: authorId, name: authorName },
          },
          { now: note.createdAt, origin: opts.origin },
        );
        recovered.added.push(note.id);
      }
    }
  }, opts.origin ?? LOCAL_ORIGIN);
  return recovered;
}
