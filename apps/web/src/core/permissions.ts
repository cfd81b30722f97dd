import { mayChangeDraft, mayDeleteNote, type Note } from '@kompas/model';
import type { Role } from '@kompas/protocol';
import type { ShownNote } from './note-source.ts';

/** Who this browser is on the board: the person the server knows, and the role their link gives them. */
export interface BoardPerson {
  id: string;
  name: string;
  role: Role;
}

/**
 * What a person may do on a board, as the page offers it. The relay enforces the same rules on every write;
 * these keep the page from offering what would be refused.
 */
export class Permissions {
  constructor(
    private readonly person: BoardPerson,
    private readonly newerSchema: () => boolean,
  ) {}

  /** Observers change nothing, and no one changes a board saved by a newer Kompas. */
  get readOnly(): boolean {
    return this.person.role === 'observer' || this.newerSchema();
  }

  /** Only facilitators lead; the relay drops anyone else's writes to the control room anyway. */
  get canLead(): boolean {
    return this.person.role === 'facilitator';
  }

  /** The lock binds participants; facilitators keep arranging notes, and observers change nothing anyway. */
  get lockApplies(): boolean {
    return this.person.role === 'participant';
  }

  readonly mayDelete = (note: Pick<Note, 'authorId'>): boolean =>
    mayDeleteNote(note, { person: this.person.id, role: this.person.role });

  /** Who may carry a note of an earlier round along: a facilitator anyone's (under its author's name), a participant their own. */
  mayCarryNote(note: Pick<Note, 'authorId'>): boolean {
    return !this.readOnly && (this.canLead || note.authorId === this.person.id);
  }

  /** Whether the board offers to carry `shown` into the current round: a dimmed note not carried yet. */
  readonly mayCarry = (shown: ShownNote): boolean =>
    shown.earlierRound !== undefined && shown.carriedInto === undefined && this.mayCarryNote(shown.note);

  mayChangeDraft(draft: Pick<Note, 'authorId'>): boolean {
    return mayChangeDraft(draft, this.person.id);
  }
}
