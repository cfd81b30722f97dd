import {
  type EarlierNotes,
  getPhase,
  getStep,
  NOTE_COLOR_HEX,
  type NotePlace,
  PHASES,
  STEPS,
  type StepId,
} from '@kompas/model';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type { BoardCore } from '../../core/board-core.ts';
import {
  type NotesInRounds,
  notesInRounds,
  type RoundColumn,
  type RoundNote,
  stepAcrossRounds,
} from '../../core/round-notes.ts';
import { BoundValue } from '../../ui/bound-value.ts';
import { cssProperties } from '../../ui/css-properties.ts';
import { PHASE_COLORS } from '../../ui/design-tokens.ts';
import { ICONS } from '../../ui/icons.ts';
import { showModalWhile } from '../../ui/modal.ts';
import { notesCount } from '../../ui/note-count.ts';
import { englishMeaning } from '../../ui/phase-text.ts';
import { carriedIntoRound } from '../../ui/round-words.ts';
import { dialogStyles, sharedStyles } from '../../ui/shared-styles.ts';
import { roundViewStyles } from './round-view-styles.ts';

/** Where the notes of an earlier round are now, under its column's heading. */
const placeTexts = (): Record<Exclude<NotePlace, 'current'>, string> => ({
  dimmed: msg('Dimmed on the board'),
  archived: msg('Archived: only in this view'),
});

const earlierTexts = (): Record<EarlierNotes, string> => ({
  dimmed: msg('dimmed on the board', { desc: 'What became of earlier notes when a round started' }),
  archived: msg('archived', { desc: 'What became of earlier notes when a round started' }),
});

/**
 * The round view: the notes of one step per round of the circle, side by side (stacked on a phone), the
 * current round last. Notes carried along say where from; a note of an earlier round can be carried into
 * this one by whoever may (a facilitator any, a participant their own), and a facilitator can change, per
 * round, whether the notes before it stay dimmed on the board or are archived. Everyone may look; it reads
 * the board live. Open while `step` is set, moving through the circle on its own; fires `round-view-close`.
 */
export class RoundView extends LitElement {
  static override properties = {
    core: { attribute: false },
    step: { attribute: false },
    shown: { state: true },
  };

  declare core: BoardCore | undefined;
  /** The step to open at; null while closed. */
  declare step: StepId | null;
  /** The step shown now: the one opened at, or another picked in the dialog. */
  declare shown: StepId;
  private readonly board = new BoundValue(
    this,
    () => (this.step ? this.core?.docs : undefined),
    notesInRounds,
    null,
  );
  /** The note just carried on from here: its "Carried into round N" takes the focus its button had. */
  private justCarried: string | null = null;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.core = undefined;
    this.step = null;
    this.shown = STEPS[0]?.id ?? '';
  }

  static override styles = [sharedStyles, dialogStyles, roundViewStyles];

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('step') && this.step) this.shown = this.step;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('step')) showModalWhile(this.renderRoot, this.step !== null);
    // The current round is the last column: in view when many rounds make the row scroll.
    const columns = this.renderRoot.querySelector('.columns');
    if (columns && (changed.has('step') || changed.has('shown'))) columns.scrollLeft = columns.scrollWidth;
    if (this.justCarried) {
      const mark = [...this.renderRoot.querySelectorAll<HTMLElement>('.carried-on')].find(
        (element) => element.dataset.note === this.justCarried,
      );
      if (mark) {
        mark.focus();
        this.justCarried = null;
      }
    }
  }

  override render() {
    const board = this.board.value;
    return html`<dialog aria-labelledby="round-view-title" @cancel=${this.onCancel}>
      ${this.step && board ? this.renderView(board) : nothing}
    </dialog>`;
  }

  private renderView(board: NotesInRounds) {
    const step = getStep(this.shown);
    const phase = getPhase(step.phase);
    const meaning = englishMeaning(step.label);
    const columns = stepAcrossRounds(step.id, board);
    return html`<div class="head" ${cssProperties({ '--phase-color': PHASE_COLORS[phase.id] })}>
        <div class="titles">
          <h2 id="round-view-title">${msg(str`${step.label.nl} per round`)}</h2>
          <p class="sub">
            <span class="dot" aria-hidden="true"></span>${phase.label.nl}${meaning ? html` · ${meaning}` : nothing}
          </p>
        </div>
        <button class="icon-button close" aria-label=${msg('Close')} title=${msg('Close')} @click=${this.close}>
          ${ICONS.close}
        </button>
      </div>
      ${this.renderStepPicker()}
      ${
        columns.length === 1
          ? html`<p class="first-round">
              ${msg('Each round of the circle gets a column here: round 2 starts after Aan de slag.')}
            </p>`
          : nothing
      }
      <div class="columns">${columns.map((column) => this.renderColumn(column, board))}</div>`;
  }

  private renderStepPicker() {
    return html`<div class="steps" role="group" aria-label=${msg('Step')}>
      <button class="icon-button" aria-label=${msg('Previous step')} title=${msg('Previous step')} @click=${() => this.go(-1)}>
        ${ICONS.chevronLeft}
      </button>
      <select aria-label=${msg('Step')} @change=${this.onPick}>
        ${PHASES.map(
          (phase) => html`<optgroup label=${phase.label.nl}>
            ${phase.steps.map(
              (step) =>
                html`<option value=${step.id} ?selected=${step.id === this.shown}>${step.label.nl}</option>`,
            )}
          </optgroup>`,
        )}
      </select>
      <button class="icon-button" aria-label=${msg('Next step')} title=${msg('Next step')} @click=${() => this.go(1)}>
        ${ICONS.chevronRight}
      </button>
    </div>`;
  }

  private renderColumn(column: RoundColumn, board: NotesInRounds) {
    const id = `round-${column.round}`;
    return html`<section class="column ${column.current ? 'now' : ''}" aria-labelledby=${id}>
      <div class="column-head">
        <h3 id=${id}>
          ${msg(str`Round ${column.round}`)}
          ${column.current ? html`<span class="now-mark">${msg('now', { desc: 'Marks the round the group is in' })}</span>` : nothing}
        </h3>
        <span class="count">${notesCount(column.notes.length)}</span>
      </div>
      ${column.place === 'current' ? nothing : html`<p class="place ${column.place}">${placeTexts()[column.place]}</p>`}
      ${this.renderStart(column)}
      ${
        column.notes.length === 0
          ? html`<p class="empty">${msg('No notes in this round.')}</p>`
          : html`<ul class="notes">
              ${column.notes.map((shown) => this.renderNote(shown, column, board))}
            </ul>`
      }
    </section>`;
  }

  /** A facilitator's choice, for round 2 on, of what became of the notes before it when it started. */
  private renderStart(column: RoundColumn) {
    const started = column.started;
    if (!started || !this.core?.canLead) return nothing;
    const id = `start-${column.round}`;
    return html`<div class="start">
      <label for=${id}>${msg(str`Start of round ${column.round}: earlier notes`)}</label>
      <select id=${id} @change=${(event: Event) => this.setEarlier(column.round, event)}>
        ${(['dimmed', 'archived'] as const).map(
          (earlier) =>
            html`<option value=${earlier} ?selected=${earlier === started}>${earlierTexts()[earlier]}</option>`,
        )}
      </select>
    </div>`;
  }

  private renderNote(
    { note, carriedFrom, carriedInto }: RoundNote,
    column: RoundColumn,
    board: NotesInRounds,
  ) {
    const textId = `text-${column.round}-${column.notes.findIndex((shown) => shown.note === note)}`;
    return html`<li class="note" ${cssProperties({ '--note-color': NOTE_COLOR_HEX[note.color] })}>
      <p class="text" id=${textId}>${note.text}</p>
      <p class="meta">
        <span class="author">${note.authorName}</span>
        ${
          carriedFrom === undefined
            ? nothing
            : html`<span class="carried">${ICONS.carried}${
                carriedFrom === null
                  ? msg('Carried from an earlier round')
                  : msg(str`Carried from round ${carriedFrom}`)
              }</span>`
        }
      </p>
      ${column.current ? nothing : this.renderCarry(note.id, carriedInto, textId, board)}
    </li>`;
  }

  private renderCarry(id: string, carriedInto: number | undefined, textId: string, board: NotesInRounds) {
    if (carriedInto !== undefined) {
      return html`<span class="carried-on" tabindex="-1" data-note=${id}
        >${ICONS.check}${carriedIntoRound(carriedInto)}</span
      >`;
    }
    const note = board.notes.find((candidate) => candidate.id === id);
    if (!note || !this.core?.rounds.mayCarry(note, board.rounds)) return nothing;
    return html`<button class="button carry" aria-describedby=${textId} @click=${() => this.carry(id)}>
      ${ICONS.carried}${msg(str`Carry into round ${board.rounds.current}`)}
    </button>`;
  }

  private carry(id: string): void {
    this.justCarried = id;
    this.core?.rounds.carry([id]);
  }

  private setEarlier(round: number, event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    if (value === 'dimmed' || value === 'archived') this.core?.rounds.setEarlierNotes(round, value);
  }

  /** The step `delta` places on round the circle: after Vitaliteit comes Eigen situatie again. */
  private go(delta: number): void {
    const index = STEPS.findIndex((step) => step.id === this.shown);
    const next = STEPS[(index + delta + STEPS.length) % STEPS.length];
    if (next) this.shown = next.id;
  }

  private onPick(event: Event): void {
    this.shown = (event.target as HTMLSelectElement).value;
  }

  private onCancel(event: Event): void {
    event.preventDefault();
    this.close();
  }

  private readonly close = (): void => {
    this.dispatchEvent(new CustomEvent('round-view-close'));
  };
}

customElements.define('kompas-round-view', RoundView);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-round-view': RoundView;
  }
}
