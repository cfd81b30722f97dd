import { getNote, isNewerSchema, isPrivateRoundRunning } from '@kompas/model';
import * as Y from 'yjs';
import { NoteUndo } from './note-undo.ts';

/**
 * The documents of one open board, without their connections: the board, the control room (where the group
 * is, the lock, votes' rounds, the timer), the drafts of a silent brainstorm, and this person's undo history
 * over their notes. BoardSession connects them to the relay and keeps them on the device; the board core
 * works on these alone, so it runs and is tested without a browser or a server.
 */
export class BoardDocuments {
  readonly doc = new Y.Doc();
  readonly controlDoc = new Y.Doc();
  readonly draftsDoc = new Y.Doc();
  /** This person's own changes to the notes, on the board and in their drafts, as one undo history. */
  readonly undo: NoteUndo;

  /** `writable`: whether this person writes notes (and so drafts); observers do not. */
  constructor(writable: boolean) {
    this.undo = new NoteUndo(writable ? [this.doc, this.draftsDoc] : [this.doc]);
  }

  /** Whether participants' new notes are private drafts right now, as far as this device knows. */
  get privateRoundRunning(): boolean {
    return isPrivateRoundRunning(this.controlDoc);
  }

  /** The document that holds note `id`: the drafts for a draft, the board otherwise. */
  docOfNote(id: string): Y.Doc {
    return getNote(this.draftsDoc, id) ? this.draftsDoc : this.doc;
  }

  /** A document saved by a newer Kompas must not be written by this one. */
  get newerSchema(): boolean {
    return isNewerSchema(this.doc);
  }

  /**
   * Runs `change` with what it writes to the notes held back, to go out as one update when it ends: a change
   * taken back at once then changes nothing for anyone else. Without connections there is nothing to hold.
   */
  hold<T>(change: () => T): T {
    return change();
  }

  destroy(): void {
    this.undo.destroy();
    this.draftsDoc.destroy();
    this.doc.destroy();
    this.controlDoc.destroy();
  }
}
