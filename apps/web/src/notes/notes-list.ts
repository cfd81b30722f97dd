import { type Note, STEPS } from '@kompas/model';
import { css, html, LitElement } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type * as Y from 'yjs';
import { noteDescription } from '../core/note-label.ts';
import { visuallyHidden } from '../ui/shared-styles.ts';
import { NotesController } from './notes-controller.ts';

const PRIVATE = ' (private until revealed)';
const STEP_ORDER = new Map(STEPS.map((step, index) => [step.id, index]));

/**
 * The notes as a list for assistive technology (the canvas cannot be read): one item per note,
 * "<text> — <step> (<phase>) by <author>", in the order of the cycle, the private drafts of a silent
 * brainstorm that this person may see marked as such. Visually hidden.
 */
export class NotesList extends LitElement {
  static override properties = { doc: { attribute: false }, draftsDoc: { attribute: false } };

  declare doc: Y.Doc | undefined;
  declare draftsDoc: Y.Doc | undefined;
  private readonly notes = new NotesController(this, () => this.doc);
  private readonly drafts = new NotesController(this, () => this.draftsDoc);

  constructor() {
    super();
    this.doc = undefined;
    this.draftsDoc = undefined;
  }

  static override styles = css`
    :host {
      ${visuallyHidden}
    }
  `;

  override render() {
    const onBoard = new Set(this.notes.notes.map((note) => note.id));
    const drafts = this.drafts.notes.filter((note) => !onBoard.has(note.id));
    const draftIds = new Set(drafts.map((note) => note.id));
    const notes = [...this.notes.notes, ...drafts].sort(cycleOrder);
    return html`<ul aria-label="Notes">
      ${repeat(
        notes,
        (note) => note.id,
        (note) =>
          html`<li data-note-id=${note.id}>${noteDescription(note)}${draftIds.has(note.id) ? PRIVATE : ''}</li>`,
      )}
    </ul>`;
  }
}

function cycleOrder(a: Note, b: Note): number {
  return (STEP_ORDER.get(a.step) ?? 0) - (STEP_ORDER.get(b.step) ?? 0) || a.createdAt - b.createdAt;
}

customElements.define('kompas-notes-list', NotesList);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-notes-list': NotesList;
  }
}
