import {
  DEFAULT_NOTE_COLOR,
  getPhase,
  NOTE_COLOR_HEX,
  PHASES,
  type PhaseId,
  type PhasePosition,
  type Step,
  type StepId,
} from '@kompas/model';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import {
  boardEvent,
  type NoteCarryDetail,
  type NoteCreateDetail,
  type NoteEditDetail,
  type NoteLockedDetail,
  type NoteVoteDetail,
} from '../core/board-events.ts';
import { isEarlier, listOrder } from '../core/board-rounds.ts';
import { randomId } from '../core/ids.ts';
import { ALL_NOTES, type NoteSource, noteUpdates, type ShownNote } from '../core/note-source.ts';
import { type NoteVoting, type VotingState, votesText } from '../core/voting-state.ts';
import { inLanguage } from '../i18n/language.ts';
import { BoundValue } from '../ui/bound-value.ts';
import { cssProperties } from '../ui/css-properties.ts';
import { PHASE_COLORS } from '../ui/design-tokens.ts';
import { englishMeaning } from '../ui/phase-text.ts';
import { carryIntoRound, roundWords } from '../ui/round-words.ts';
import { sharedStyles } from '../ui/shared-styles.ts';
import { listSpot } from './list-spot.ts';
import './note-form.ts';
import type { NoteFormSaveDetail } from './note-form.ts';
import { phoneBoardStyles } from './phone-board-styles.ts';

/** What is being written: a new note in a step, or an existing note. */
type Writing = { kind: 'new'; step: StepId } | { kind: 'edit'; id: string } | null;

/**
 * The board on a phone, where the circle is too small to read: the notes as a list per phase, one tab a phase
 * (the group's current phase first), its three steps below one another; notes of earlier rounds after this
 * round's, faded and marked with their round. People read every note whole, add a note to a step, edit one,
 * vote while a round is open and carry a note of an earlier round along. Like the canvas it fires
 * `note-create`, `note-edit`, `note-vote`, `note-carry` and `note-locked`; the page hands them to the board
 * core. Its children (a
 * facilitator's lock and silent brainstorm) are shown above the tabs.
 */
export class PhoneBoard extends LitElement {
  static override properties = {
    notes: { attribute: false },
    position: { attribute: false },
    task: { type: String },
    voting: { attribute: false },
    readOnly: { type: Boolean, attribute: 'read-only' },
    locked: { attribute: false },
    mayCarry: { attribute: false },
    chosen: { state: true },
    writing: { state: true },
    hasLead: { state: true },
  };

  declare notes: NoteSource | undefined;
  /** Where the group is; null before the workshop starts, when notes go to Verkennen. */
  declare position: PhasePosition | null;
  declare task: string;
  /** The latest voting round as this person sees it, or null. */
  declare voting: VotingState | null;
  declare readOnly: boolean;
  /** The phases the lock keeps this person out of now. */
  declare locked: readonly PhaseId[];
  /** Whether this person may carry a note of an earlier round into the current one. */
  declare mayCarry: (shown: ShownNote) => boolean;
  /** The phase whose tab the person opened; null follows the group. */
  declare chosen: PhaseId | null;
  declare writing: Writing;
  /** Whether there are tools to lead with (children); without them there is no bar for them. */
  declare hasLead: boolean;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.notes = undefined;
    this.position = null;
    this.task = '';
    this.voting = null;
    this.readOnly = false;
    this.locked = [];
    this.mayCarry = () => false;
    this.chosen = null;
    this.writing = null;
    this.hasLead = false;
    new BoundValue(this, () => this.notes, noteUpdates(), ALL_NOTES);
  }

  static override styles = [sharedStyles, phoneBoardStyles];

  private get shownPhase(): PhaseId {
    return this.chosen ?? this.position?.phase ?? 'verkennen';
  }

  override render() {
    const notes = this.notes?.notes() ?? [];
    const shown = this.shownPhase;
    return html`${this.task ? html`<p class="task"><strong>${msg('Joint task')}</strong> ${this.task}</p>` : nothing}
      <div class="lead" ?hidden=${!this.hasLead}><slot @slotchange=${this.onLeadChange}></slot></div>
      <div class="tabs" role="tablist" aria-label=${msg('Phases')} @keydown=${this.onTabKey}>
        ${PHASES.map((phase) => {
          const count = notes.filter((shown) => shown.note.phase === phase.id && !isEarlier(shown)).length;
          const current = phase.id === this.position?.phase;
          return html`<button
            role="tab"
            id="tab-${phase.id}"
            aria-selected=${phase.id === shown ? 'true' : 'false'}
            aria-controls="panel"
            tabindex=${phase.id === shown ? '0' : '-1'}
            ${cssProperties({ '--phase-color': PHASE_COLORS[phase.id] })}
            @click=${() => this.choose(phase.id)}
          >
            <span class="tab-name">${phase.label.nl}</span>
            <span class="tab-meta">${current ? html`<span class="now">${msg('Now', { desc: 'Marks the phase the group is in' })}</span>` : nothing}${count}</span>
          </button>`;
        })}
      </div>
      <div id="panel" role="tabpanel" aria-labelledby="tab-${shown}">
        ${this.locked.includes(shown) ? html`<p class="locked">${msg('This phase is locked: notes can be read, not changed.')}</p>` : nothing}
        ${getPhase(shown).steps.map((step) => this.renderStep(step, notes))}
      </div>`;
  }

  private renderStep(step: Step, all: readonly ShownNote[]) {
    const notes = all.filter(({ note }) => note.step === step.id).sort(listOrder);
    const current = notes.filter((shown) => !isEarlier(shown)).length;
    const headingId = `step-${step.id.replace('.', '-')}`;
    const writingHere = this.writing?.kind === 'new' && this.writing.step === step.id;
    const mayWrite = !this.readOnly && !this.locked.includes(step.phase);
    // The step keeps its Dutch name, the workshop's vocabulary; English readers see what it means beside it.
    const name = step.label.nl;
    const meaning = englishMeaning(step.label);
    return html`<section class="step" aria-labelledby=${headingId}>
      <h2 id=${headingId}>
        ${name} ${meaning ? html`<span class="meaning">${meaning}</span>` : nothing}
        <span class="count">${current}</span>
      </h2>
      <p class="description">${inLanguage(step.description)}</p>
      ${
        notes.length
          ? html`<ul aria-label=${msg(str`Notes in ${name}`)}>
              ${repeat(
                notes,
                ({ note }) => note.id,
                (shown) => this.renderNote(shown, mayWrite),
              )}
            </ul>`
          : nothing
      }
      ${
        writingHere
          ? html`<kompas-note-form
              label=${msg(str`New note for ${name}`)}
              @note-form-save=${(event: CustomEvent<NoteFormSaveDetail>) => this.create(step, event.detail.text, notes.length)}
              @note-form-cancel=${this.stopWriting}
            ></kompas-note-form>`
          : mayWrite
            ? html`<button
                class="button add"
                aria-label=${msg(str`Add note to ${name}`)}
                @click=${() => {
                  this.writing = { kind: 'new', step: step.id };
                }}
              >
                ${msg('+ Add note')}
              </button>`
            : nothing
      }
    </section>`;
  }

  private renderNote(shown: ShownNote, mayWrite: boolean) {
    const { note, draft } = shown;
    if (this.writing?.kind === 'edit' && this.writing.id === note.id) {
      return html`<li class="note editing" data-note-id=${note.id}>
        <kompas-note-form
          label=${msg('Note text')}
          .text=${note.text}
          @note-form-save=${(event: CustomEvent<NoteFormSaveDetail>) => this.edit(note.id, note.text, event.detail.text)}
          @note-form-cancel=${this.stopWriting}
        ></kompas-note-form>
      </li>`;
    }
    const vote = this.voting?.notes.find((item) => item.note.id === note.id);
    const carry = mayWrite && this.mayCarry(shown);
    const round = this.position?.round ?? 1;
    return html`<li class="note ${isEarlier(shown) ? 'earlier' : ''}" data-note-id=${note.id} ${cssProperties({ '--note-color': NOTE_COLOR_HEX[note.color] })}>
      <p class="text">${note.text}</p>
      ${roundWords(shown).map((words) => html`<p class="round">${words}</p>`)}
      <div class="meta">
        <span>${draft ? msg(str`${note.authorName} · private until revealed`) : note.authorName}</span>
        ${
          mayWrite
            ? html`<button class="button small" aria-label=${msg(str`Edit note: ${note.text}`)} @click=${() => {
                this.writing = { kind: 'edit', id: note.id };
              }}>${msg('Edit')}</button>`
            : nothing
        }
      </div>
      ${
        carry
          ? html`<button class="button small carry" aria-label=${msg(str`Carry into round ${round}: ${note.text}`)}
              @click=${() => this.dispatchEvent(boardEvent<NoteCarryDetail>('note-carry', { id: note.id }))}>
              ${carryIntoRound(round)}
            </button>`
          : nothing
      }
      ${vote ? this.renderVote(vote) : nothing}
    </li>`;
  }

  private renderVote(item: NoteVoting) {
    const voting = this.voting;
    if (!voting) return nothing;
    const { mine, total, note } = item;
    return html`<div class="vote">
      <span>
        ${mine > 0 ? html`<span class="dots" aria-hidden="true">${'●'.repeat(mine)}</span><span class="visually-hidden">${msg(str`Your votes: ${mine}`)}</span>` : nothing}
        ${total !== null ? html`<span class="total">${votesText(total)}</span>` : nothing}
      </span>
      ${
        voting.votes
          ? html`<span class="vote-buttons">
              <button class="button small" aria-label=${msg(str`Take back vote on ${note.text}`)} ?disabled=${!item.canTakeBack}
                @click=${() => this.vote(note.id, true)}>−</button>
              <button class="button small primary" aria-label=${msg(str`Vote for ${note.text}`)} ?disabled=${!item.canAdd}
                @click=${() => this.vote(note.id, false)}>${msg('+ Vote')}</button>
            </span>`
          : nothing
      }
    </div>`;
  }

  private onLeadChange(event: Event): void {
    this.hasLead = (event.target as HTMLSlotElement).assignedElements().length > 0;
  }

  private choose(phase: PhaseId): void {
    this.chosen = phase;
    this.writing = null;
  }

  /** Arrow keys move between the tabs, as in any tab list. */
  private onTabKey(event: KeyboardEvent): void {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const index = PHASES.findIndex((phase) => phase.id === this.shownPhase);
    const next = PHASES[(index + step + PHASES.length) % PHASES.length];
    if (!next) return;
    this.choose(next.id);
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(`#tab-${next.id}`)?.focus(),
    );
  }

  private readonly stopWriting = (): void => {
    this.writing = null;
  };

  private create(step: Step, text: string, count: number): void {
    this.writing = null;
    // The lock may have come down on the phase while the note was being written.
    if (this.locked.includes(step.phase)) {
      this.dispatchEvent(boardEvent<NoteLockedDetail>('note-locked', { phase: step.phase }));
      return;
    }
    const detail: NoteCreateDetail = {
      id: randomId(),
      step: step.id,
      pos: listSpot(count),
      text,
      color: DEFAULT_NOTE_COLOR,
    };
    this.dispatchEvent(boardEvent<NoteCreateDetail>('note-create', detail));
  }

  private edit(id: string, before: string, text: string): void {
    this.writing = null;
    if (text.trim() === before) return;
    this.dispatchEvent(boardEvent<NoteEditDetail>('note-edit', { id, text }));
  }

  private vote(id: string, takeBack: boolean): void {
    this.dispatchEvent(boardEvent<NoteVoteDetail>('note-vote', { id, takeBack }));
  }
}

customElements.define('kompas-phone-board', PhoneBoard);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-phone-board': PhoneBoard;
  }
}
