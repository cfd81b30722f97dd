import { compareStacking, STEPS } from '@kompas/model';
import { css, html, LitElement } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { noteDescription } from '../core/note-label.ts';
import { ALL_NOTES, type NoteSource, noteUpdates, type ShownNote } from '../core/note-source.ts';
import { BoundValue } from '../ui/bound-value.ts';
import { visuallyHidden } from '../ui/shared-styles.ts';

const PRIVATE = ' (private until revealed)';
const NOT_SENT = ' (not sent yet)';
const STEP_ORDER = new Map(STEPS.map((step, index) => [step.id, index]));

/**
 * The notes as a list for assistive technology (the canvas cannot be read): one item per note,
 * "<text> — <step> (<phase>) by <author>", in the order of the cycle, the private drafts of a silent
 * brainstorm that this person may see marked as such, and so the notes the server has not stored yet. Visually
 * hidden.
 */
export class NotesList extends LitElement {
  static override properties = { notes: { attribute: false }, pending: { attribute: false } };

  declare notes: NoteSource | undefined;
  /** The notes with changes the server has not stored yet. */
  declare pending: ReadonlySet<string>;

  constructor() {
    super();
    this.notes = undefined;
    this.pending = new Set();
    new BoundValue(this, () => this.notes, noteUpdates(), ALL_NOTES);
  }

  static override styles = css`
    :host {
      ${visuallyHidden}
    }
  `;

  override render() {
    const notes = [...(this.notes?.notes() ?? [])].sort(cycleOrder);
    return html`<ul aria-label="Notes">
      ${repeat(
        notes,
        ({ note }) => note.id,
        ({ note, draft }) =>
          html`<li data-note-id=${note.id}>${noteDescription(note)}${draft ? PRIVATE : ''}${this.marks(note.id)}</li>`,
      )}
    </ul>`;
  }

  private marks(id: string): string {
    return this.pending.has(id) ? NOT_SENT : '';
  }
}

/** Step by step around the circle; within a step, as the notes are stacked. */
function cycleOrder({ note: a }: ShownNote, { note: b }: ShownNote): number {
  return (STEP_ORDER.get(a.step) ?? 0) - (STEP_ORDER.get(b.step) ?? 0) || compareStacking(a, b);
}

customElements.define('kompas-notes-list', NotesList);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-notes-list': NotesList;
  }
}
