import { NOTE_COLOR_HEX, type Note, type Step } from '@kompas/model';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type { BoardCore } from '../../core/board-core.ts';
import {
  NEW_ROUND_OPTIONS,
  type NewRoundOption,
  type NewRoundQuestion,
  type RoundStartChoice,
  roundStartChoice,
} from '../../core/move-questions.ts';
import { notesInRounds, type PhaseNotes, roundNotesByStep } from '../../core/round-notes.ts';
import { BoundValue } from '../../ui/bound-value.ts';
import { cssProperties } from '../../ui/css-properties.ts';
import { PHASE_COLORS } from '../../ui/design-tokens.ts';
import { showModalWhile } from '../../ui/modal.ts';
import { dialogStyles, sharedStyles } from '../../ui/shared-styles.ts';
import { newRoundDialogStyles } from './new-round-dialog-styles.ts';

/** Each choice's name and the line that says what it does; `ending` is the round that ends, `round` the next. */
function optionTexts(option: NewRoundOption, ending: number, round: number): { name: string; hint: string } {
  switch (option) {
    case 'keep':
      return {
        name: msg('Keep them on the board, dimmed'),
        hint: msg(str`They stay where they are, dimmed and marked with round ${ending}.`),
      };
    case 'archive':
      return {
        name: msg('Archive them'),
        hint: msg('They leave the board and stay in the round view (Rounds).'),
      };
    case 'carry':
      return {
        name: msg('Carry chosen notes along'),
        hint: msg(
          str`The notes you choose come along into round ${round} as new notes; the others are archived.`,
        ),
      };
  }
}

/** "Start round 2", or, carrying notes along, how many go. */
function confirmText(round: number, carrying: number | null): string {
  if (carrying === null) return msg(str`Start round ${round}`);
  return carrying === 1
    ? msg(str`Start round ${round} with 1 note`)
    : msg(str`Start round ${round} with ${carrying} notes`);
}

/**
 * Asks the facilitator how the next round starts, as the group moves on from Aan de slag: keep the ending
 * round's notes on the board dimmed (the default), archive them, or carry chosen notes along (picked per
 * step, the others archived). Open while `question` is set; fires `round-start` (a RoundStartChoice) or
 * `round-cancel` (Escape counts as cancelling: nothing moves).
 */
export class NewRoundDialog extends LitElement {
  static override properties = {
    core: { attribute: false },
    question: { attribute: false },
    option: { state: true },
    chosen: { state: true },
  };

  declare core: BoardCore | undefined;
  declare question: NewRoundQuestion | null;
  declare option: NewRoundOption;
  /** The ids of the notes ticked to carry along. */
  declare chosen: ReadonlySet<string>;
  /** The board's notes, read while the question is asked: a note written meanwhile can be chosen too. */
  private readonly notes = new BoundValue(
    this,
    () => (this.question ? this.core?.docs : undefined),
    notesInRounds,
    null,
  );

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.core = undefined;
    this.question = null;
    this.option = 'keep';
    this.chosen = new Set();
  }

  static override styles = [sharedStyles, dialogStyles, newRoundDialogStyles];

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Each question starts from the default: nothing carried, the notes kept dimmed.
    if (changed.has('question') && this.question) {
      this.option = 'keep';
      this.chosen = new Set();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('question')) showModalWhile(this.renderRoot, this.question !== null);
  }

  override render() {
    const round = this.question?.round ?? 2;
    return html`<dialog aria-labelledby="new-round-title" @cancel=${this.onCancel}>
      <h2 id="new-round-title">${msg(str`Start round ${round}`)}</h2>
      ${this.question ? this.renderForm(this.question.round) : nothing}
    </dialog>`;
  }

  private renderForm(round: number) {
    const ending = round - 1;
    const groups = this.notes.value ? roundNotesByStep(this.notes.value, ending) : [];
    const total = groups.flatMap((group) => group.steps).reduce((sum, step) => sum + step.notes.length, 0);
    const carrying = this.option === 'carry' ? this.picked(groups).length : null;
    return html`<p class="sub">
        ${msg(str`The group moves on from Aan de slag to Verkennen of round ${round}. What becomes of the notes of round ${ending}?`)}
      </p>
      <form @submit=${this.onSubmit} novalidate>
        <fieldset class="options">
          <legend class="visually-hidden">${msg(str`The notes of round ${ending}`)}</legend>
          ${NEW_ROUND_OPTIONS.map((option) => this.renderOption(option, ending, round, total))}
        </fieldset>
        ${this.option === 'carry' ? this.renderPicker(groups, total) : nothing}
        <div class="actions">
          <button type="button" class="button" @click=${this.cancel}>${msg('Cancel')}</button>
          <button type="submit" class="button primary" ?disabled=${carrying === 0}>
            ${confirmText(round, carrying)}
          </button>
        </div>
      </form>`;
  }

  private renderOption(option: NewRoundOption, ending: number, round: number, total: number) {
    const { name, hint } = optionTexts(option, ending, round);
    const empty = option === 'carry' && total === 0;
    return html`<label class="option">
      <input
        type="radio"
        name="earlier"
        value=${option}
        aria-describedby="hint-${option}"
        .checked=${this.option === option}
        ?disabled=${empty}
        @change=${() => {
          this.option = option;
        }}
      />
      <span class="option-text">
        <span class="option-name">${name}</span>
        <span class="hint" id="hint-${option}"
          >${empty ? msg(str`Round ${ending} has no notes to carry along.`) : hint}</span
        >
      </span>
    </label>`;
  }

  private renderPicker(groups: readonly PhaseNotes[], total: number) {
    const picked = this.picked(groups).length;
    return html`<div class="picker" role="group" aria-labelledby="picker-title">
      <div class="picker-head">
        <h3 id="picker-title">${msg('Notes to carry along')}</h3>
        <span class="picked" aria-live="polite">${msg(str`${picked} of ${total} chosen`)}</span>
      </div>
      ${groups.map(
        ({ phase, steps }) => html`<section
          class="phase"
          aria-label=${phase.label.nl}
          ${cssProperties({ '--phase-color': PHASE_COLORS[phase.id] })}
        >
          <h4><span class="dot" aria-hidden="true"></span>${phase.label.nl}</h4>
          ${steps.map(({ step, notes }) => this.renderStep(step, notes))}
        </section>`,
      )}
    </div>`;
  }

  private renderStep(step: Step, notes: readonly Note[]) {
    const picked = notes.filter((note) => this.chosen.has(note.id)).length;
    const all = picked === notes.length;
    return html`<fieldset class="step">
      <legend>
        <span class="step-name">${step.label.nl}</span>
        <span class="count">${msg(str`${picked} of ${notes.length}`)}</span>
      </legend>
      <label class="all">
        <input
          type="checkbox"
          .checked=${all}
          .indeterminate=${picked > 0 && !all}
          @change=${(event: Event) => this.choose(notes, (event.target as HTMLInputElement).checked)}
        />
        ${msg('Select all in this step')}
      </label>
      <ul>
        ${notes.map(
          (note) => html`<li>
            <label class="note" ${cssProperties({ '--note-color': NOTE_COLOR_HEX[note.color] })}>
              <input
                type="checkbox"
                .checked=${this.chosen.has(note.id)}
                @change=${(event: Event) => this.choose([note], (event.target as HTMLInputElement).checked)}
              />
              <span class="note-text">${note.text}</span>
              <span class="author">${note.authorName}</span>
            </label>
          </li>`,
        )}
      </ul>
    </fieldset>`;
  }

  /** The chosen notes that are still there to carry: one deleted meanwhile drops out. */
  private picked(groups: readonly PhaseNotes[]): string[] {
    return groups
      .flatMap((group) => group.steps)
      .flatMap((step) => step.notes)
      .filter((note) => this.chosen.has(note.id))
      .map((note) => note.id);
  }

  private choose(notes: readonly Note[], chosen: boolean): void {
    const next = new Set(this.chosen);
    for (const note of notes) {
      if (chosen) next.add(note.id);
      else next.delete(note.id);
    }
    this.chosen = next;
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const round = this.question?.round;
    if (round === undefined) return;
    const groups = this.notes.value ? roundNotesByStep(this.notes.value, round - 1) : [];
    const detail = roundStartChoice(this.option, this.picked(groups));
    this.dispatchEvent(new CustomEvent<RoundStartChoice>('round-start', { detail }));
  }

  private onCancel(event: Event): void {
    event.preventDefault();
    this.cancel();
  }

  private cancel(): void {
    this.dispatchEvent(new CustomEvent('round-cancel'));
  }
}

customElements.define('kompas-new-round-dialog', NewRoundDialog);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-new-round-dialog': NewRoundDialog;
  }
}
