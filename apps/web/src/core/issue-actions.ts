import {
  addIssue,
  currentMeeting,
  getNote,
  ISSUE_OWNER_MAX,
  ISSUE_TEXT_MAX,
  type IssueInHand,
  type IssueKind,
  type IssueStatus,
  isModelError,
  type StepId,
  updateIssue,
} from '@kompas/model';
import { msg, str } from '@lit/localize';
import type * as Y from 'yjs';
import type { BoardCore } from './board-core.ts';
import { refusalText } from './refusal-text.ts';

/** What a participant or observer is told who tries to change the issues in hand. */
export const issuesAreFacilitators = (): string =>
  msg('Only facilitators take up and change the issues in hand; write a note to raise one.');

/** The words for an issue the model refused: a text or an owner out of bounds. */
export const invalidIssue = (): string =>
  msg(str`An issue has 1 to ${ISSUE_TEXT_MAX} characters; an owner at most ${ISSUE_OWNER_MAX}, on one line.`);

/** A new issue as a facilitator fills it in; a note turned into an issue names the note. */
export interface IssueDraft {
  step: StepId;
  text: string;
  kind: IssueKind;
  owner: string;
  fromNote?: string;
}

/** What a facilitator changes of an issue: any of its text, kind, owner, status and step. */
export type IssueChange = Partial<Pick<IssueInHand, 'text' | 'kind' | 'owner' | 'status' | 'step'>>;

/**
 * The issues in hand, as facilitators keep them: take one up (from scratch or from a note), change its text,
 * kind, owner, step or status. They live in the control document, which only facilitators write; each change
 * is recorded in the meeting going on. Each returns why it was refused as the words to show beside the form,
 * or null once written, so nothing typed is lost on a refusal.
 */
export class IssueActions {
  constructor(private readonly core: BoardCore) {}

  add(draft: IssueDraft): string | null {
    return this.writeIssue((control, who) => addIssue(control, { ...draft, ...who }));
  }

  update(id: string, change: IssueChange): string | null {
    return this.writeIssue((control, who) => updateIssue(control, id, { ...change, ...who }));
  }

  /** Marks an issue done, dropped or open again. */
  setStatus(id: string, status: IssueStatus): string | null {
    return this.update(id, { status });
  }

  /**
   * The issue a note becomes: the note's text (cut to an issue's length) and step, an action by default, no
   * owner yet. Null when the note is gone, or is someone's private draft.
   */
  draftFromNote(noteId: string, kind: IssueKind = 'action'): IssueDraft | null {
    const note = getNote(this.core.docs.doc, noteId);
    if (!note) return null;
    const text = note.text.length > ISSUE_TEXT_MAX ? `${note.text.slice(0, ISSUE_TEXT_MAX - 1)}…` : note.text;
    return { step: note.step, text, kind, owner: '', fromNote: note.id };
  }

  private writeIssue(
    write: (control: Y.Doc, who: { meeting: string; actor: string }) => IssueInHand,
  ): string | null {
    if (!this.core.canLead) return issuesAreFacilitators();
    const control = this.core.docs.controlDoc;
    try {
      write(control, { meeting: currentMeeting(control).id, actor: this.core.person.id });
      return null;
    } catch (error) {
      if (!isModelError(error)) throw error;
      return error.code === 'invalid-issue' ? invalidIssue() : refusalText(error);
    }
  }
}
