import {
  createNote,
  deleteNote,
  editNote,
  getNote,
  latestVotingRound,
  ModelError,
  moveNote,
  type Note,
  placeVote,
  recolorNote,
  takeBackVote,
} from '@kompas/model';
import { msg } from '@lit/localize';
import type * as Y from 'yjs';
import type { BoardCore } from './board-core.ts';
import type { NoteCreateDetail, NoteEditDetail, NoteMoveDetail, NoteRecolorDetail } from './board-events.ts';
import { changeMakingRoom } from './room-making.ts';

/** A person's changes to the notes, each written to the document the note lives in. */
export class NoteActions {
  constructor(private readonly core: BoardCore) {}

  /**
   * In a silent brainstorm every new note is a draft, a facilitator's too: only its author and the
   * facilitators see it until the reveal, so nobody's ideas steer the others'.
   */
  create({ id, text, step, pos, color }: NoteCreateDetail): void {
    const author = { id: this.core.person.id, name: this.core.person.name };
    this.core.write((docs) => {
      const round = this.core.rounds.rounds.current;
      const write = (target: Y.Doc) => createNote(target, { id, text, step, pos, color, author, round });
      // Drafts are their authors' own: only the board's notes move along to make room.
      if (docs.privateRoundRunning) write(docs.draftsDoc);
      else changeMakingRoom(docs.doc, id, () => write(docs.doc), this.onBoard());
    });
  }

  edit({ id, text }: NoteEditDetail): void {
    this.core.write(() => editNote(this.docOf(id), id, text));
  }

  move({ id, step, pos }: NoteMoveDetail): void {
    this.core.write(() => this.changeOnBoard(id, (doc) => moveNote(doc, id, step, pos)));
  }

  recolor({ id, color }: NoteRecolorDetail): void {
    this.core.write(() => recolorNote(this.docOf(id), id, color));
  }

  delete(id: string): void {
    this.core.write(() => {
      const doc = this.docOf(id);
      const note = getNote(doc, id);
      if (note && !this.core.permissions.mayDelete(note)) {
        throw new ModelError('not-your-note', msg('Only its author or a facilitator can delete this note'));
      }
      this.changeOnBoard(id, () => deleteNote(doc, id));
    });
  }

  /** Places, or takes back, one of this person's votes for note `id` in the latest voting round. */
  vote(id: string, takeBack: boolean): void {
    const round = latestVotingRound(this.core.docs.controlDoc);
    if (!round) return;
    const vote = { note: id, voter: this.core.person.id };
    this.core.write(({ doc }) => {
      if (takeBack) takeBackVote(doc, round, vote);
      else placeVote(doc, round, vote);
    });
  }

  /** Changes note `id` in its document; on the board, the steps it leaves or joins take their new size. */
  private changeOnBoard(id: string, change: (doc: Y.Doc) => void): void {
    const doc = this.docOf(id);
    if (doc === this.core.docs.doc) changeMakingRoom(doc, id, () => change(doc), this.onBoard());
    else change(doc);
  }

  /** Whether a note is on the board: archived notes of earlier rounds take no room there. */
  private onBoard(): (note: Note) => boolean {
    const { rounds } = this.core.rounds;
    return (note) => rounds.placeOf(note) !== 'archived';
  }

  /** The document to change note `id` in; refuses someone else's draft, which only its author may change. */
  private docOf(id: string): Y.Doc {
    const { docs, permissions } = this.core;
    const doc = docs.docOfNote(id);
    const draft = doc === docs.draftsDoc ? getNote(doc, id) : undefined;
    if (draft && !permissions.mayChangeDraft(draft)) {
      throw new ModelError(
        'private-note',
        msg('Only its author can change a private note before it is revealed'),
      );
    }
    return doc;
  }
}
