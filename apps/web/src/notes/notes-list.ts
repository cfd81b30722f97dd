import { DEFAULT_NOTE_COLOR, getStep, type PhaseId, type PhasePosition, type StepId } from '@kompas/model';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import {
  boardEvent,
  type CanvasVote,
  type NoteCarryDetail,
  type NoteCreateDetail,
  type NoteEditDetail,
  type NoteLockedDetail,
  type NoteMoveDetail,
  type NoteVoteDetail,
} from '../core/board-events.ts';
import { isEarlier } from '../core/board-rounds.ts';
import { randomId } from '../core/ids.ts';
import { ALL_NOTES, type NoteSource, noteUpdates, type ShownNote } from '../core/note-source.ts';
import type { Permissions } from '../core/permissions.ts';
import { votesText } from '../core/voting-state.ts';
import { BoundValue } from '../ui/bound-value.ts';
import { cssProperties } from '../ui/css-properties.ts';
import { PHASE_COLORS } from '../ui/design-tokens.ts';
import { whenIdle } from '../ui/load-once.ts';
import { modelName } from '../ui/phase-text.ts';
import { carryIntoRound, roundWords } from '../ui/round-words.ts';
import { sharedStyles } from '../ui/shared-styles.ts';
import {
  boardOutline,
  firstMoveTarget,
  mayCarryNote,
  mayChangeNote,
  mayWriteIn,
  moveTargets,
  type OutlinePhase,
  type OutlineRights,
  type OutlineStep,
  spotIn,
} from './board-outline.ts';
import { notesListStyles } from './notes-list-styles.ts';
import './skip-to-list.ts';

/** What is open in the list: a new note being written in a step, a note's text being edited, or its move. */
type Open = { kind: 'write'; step: StepId } | { kind: 'edit' | 'move'; id: string } | null;

/**
 * The board as a list, for screen readers and the keyboard (the canvas cannot be read): the four phases (the
 * group's current one marked), their steps with the number of notes in each, and the notes with their author,
 * votes and marks (notes of earlier rounds after this round's, marked with their round), in the order of the
 * cycle. It is kept live from the note source. People act from it as on the canvas: write a note into a step,
 * edit one, move it to another step, vote in an open round, carry a note of an earlier round along. Like the
 * canvas it fires `note-create`, `note-edit`, `note-move`, `note-vote`, `note-carry` and `note-locked`; the
 * page hands them to the board core. What it offers follows the core's permissions, the lock and the voting round. Visually hidden until the
 * focus enters it: then it shows as a panel over the board.
 */
export class NotesList extends LitElement {
  static override properties = {
    notes: { attribute: false },
    pending: { attribute: false },
    position: { attribute: false },
    votes: { attribute: false },
    readOnly: { type: Boolean, attribute: 'read-only' },
    locked: { attribute: false },
    permissions: { attribute: false },
    open: { state: true },
  };

  declare notes: NoteSource | undefined;
  /** The notes with changes the server has not stored yet. */
  declare pending: ReadonlySet<string>;
  /** Where the group is; null before the workshop starts. */
  declare position: PhasePosition | null;
  /** The notes' votes in the latest round, as the canvas shows them, with what this person may do. */
  declare votes: ReadonlyMap<string, CanvasVote>;
  declare readOnly: boolean;
  /** The phases the lock keeps this person out of now. */
  declare locked: readonly PhaseId[];
  /** This person's permissions (whose drafts they may change, what they may carry along); none in a replay. */
  declare permissions: Pick<Permissions, 'mayChangeDraft' | 'mayCarry'> | undefined;
  declare open: Open;
  /** The control to give the focus to once rendered, as its `data-focus` key ("edit <note id>"). */
  private focusNext: string | null = null;
  /** The control that had the focus before this render. */
  private focusBefore: string | null = null;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.notes = undefined;
    this.pending = new Set();
    this.position = null;
    this.votes = new Map();
    this.readOnly = false;
    this.locked = [];
    this.permissions = undefined;
    this.open = null;
    new BoundValue(this, () => this.notes, noteUpdates(), ALL_NOTES);
  }

  static override styles = [sharedStyles, notesListStyles];

  /**
   * Hidden until the focus enters it, the list renders when the browser has a moment to spare: a thousand notes
   * arriving at once are drawn on the canvas first. With the focus in it, it renders at once.
   */
  protected override async scheduleUpdate(): Promise<void> {
    if (!this.matches(':focus-within')) await new Promise<void>((done) => whenIdle(done));
    super.scheduleUpdate();
  }

  /** Takes the focus to the list (the skip link): the panel shows, and a screen reader starts reading it. */
  override focus(): void {
    this.renderRoot.querySelector<HTMLElement>('section')?.focus();
  }

  private get rights(): OutlineRights {
    const permissions = this.permissions;
    return {
      readOnly: this.readOnly,
      locked: this.locked,
      mayChangeDraft: (draft) => permissions?.mayChangeDraft(draft) ?? false,
      mayCarry: (shown) => permissions?.mayCarry(shown) ?? false,
    };
  }

  override render() {
    const outline = boardOutline(this.notes?.notes() ?? [], this.position?.phase ?? null);
    return html`<section tabindex="-1" aria-labelledby="title" @keydown=${this.onKeyDown}>
      <p class="title" id="title">${msg('Board as a list')}</p>
      ${outline.map((phase) => this.renderPhase(phase))}
    </section>`;
  }

  protected override willUpdate(): void {
    this.focusBefore = this.focusedKey();
  }

  /**
   * Keeps the focus in the list when a render takes its control away: a form closed, a note moved (by anyone),
   * the last vote placed. It goes to the control asked for, else the same control of the note in its new place,
   * else another of the note's controls.
   */
  protected override updated(): void {
    const key = this.focusNext ?? (this.focusedKey() === null ? this.focusBefore : null);
    this.focusNext = null;
    if (key === null) return;
    const controls = [...this.renderRoot.querySelectorAll<HTMLElement>('[data-focus]')];
    const [kind, id] = key.split(' ');
    const other = kind === 'vote' ? 'unvote' : kind === 'unvote' ? 'vote' : kind;
    const target =
      controls.find((control) => control.dataset.focus === key) ??
      controls.find((control) => control.dataset.focus === `${other} ${id}`) ??
      controls.find((control) => id !== undefined && control.dataset.focus?.endsWith(` ${id}`));
    (target ?? this.renderRoot.querySelector('section'))?.focus();
    // A form opened at the panel's bottom edge shows whole, its buttons too.
    target?.closest('form')?.scrollIntoView({ block: 'nearest' });
  }

  /** The `data-focus` key of the control with the focus, or null when the focus is not on one. */
  private focusedKey(): string | null {
    const active = this.shadowRoot?.activeElement;
    return active instanceof HTMLElement ? (active.dataset.focus ?? null) : null;
  }

  private renderPhase({ phase, current, steps }: OutlinePhase) {
    const name = modelName(phase.label);
    return html`<div class="phase" ${cssProperties({ '--phase-color': PHASE_COLORS[phase.id] })}>
      <h2>${current ? msg(str`${name} (current phase)`) : name}</h2>
      ${this.locked.includes(phase.id) ? html`<p class="locked">${msg('Locked: notes can be read, not changed.')}</p>` : nothing}
      ${steps.map((step) => this.renderStep(step))}
    </div>`;
  }

  private renderStep({ step, notes, current: count, earlier }: OutlineStep) {
    const name = modelName(step.label);
    const writing = this.open?.kind === 'write' && this.open.step === step.id;
    const heading =
      earlier > 0
        ? msg(str`${name} (${count} in this round, ${earlier} from earlier rounds)`)
        : count === 1
          ? msg(str`${name} (1 note)`)
          : msg(str`${name} (${count} notes)`);
    return html`<div class="step">
      <h3>${heading}</h3>
      ${
        notes.length > 0
          ? html`<ul aria-label=${msg(str`Notes in ${name}`)}>
              ${repeat(
                notes,
                ({ note }) => note.id,
                (shown) => this.renderNote(shown),
              )}
            </ul>`
          : nothing
      }
      ${
        writing
          ? this.textForm(msg(str`New note in ${name}`), '', (text) => this.create(step.id, text))
          : mayWriteIn(step, this.rights)
            ? html`<button
                class="button write"
                data-focus="write ${step.id}"
                aria-label=${msg(str`Write a note in ${name}`)}
                @click=${() => this.openForm({ kind: 'write', step: step.id })}
              >
                ${msg('Write a note')}
              </button>`
            : nothing
      }
    </div>`;
  }

  private renderNote(shown: ShownNote) {
    const { note, draft } = shown;
    const vote = this.votes.get(note.id);
    const open = this.open && this.open.kind !== 'write' && this.open.id === note.id ? this.open.kind : null;
    const textId = `text-${note.id}`;
    return html`<li class="note ${isEarlier(shown) ? 'earlier' : ''}" data-note-id=${note.id}>
      <p class="text" id=${textId}>${note.text}</p>
      <p class="meta">
        <span>${msg(str`by ${note.authorName}`)}</span>
        ${roundWords(shown).map((words) => html`<span class="round">${words}</span>`)}
        ${vote?.total != null ? html`<span>${votesText(vote.total)}</span>` : nothing}
        ${vote?.mine ? html`<span>${msg(str`your votes: ${vote.mine}`)}</span>` : nothing}
        ${draft ? html`<span class="mark">${msg('(private until revealed)')}</span>` : nothing}
        ${this.pending.has(note.id) ? html`<span class="mark">${msg('(not sent yet)')}</span>` : nothing}
      </p>
      ${
        open === 'edit'
          ? this.textForm(msg('New text'), note.text, (text) => this.edit(shown, text))
          : open === 'move'
            ? this.moveForm(shown)
            : this.noteActions(shown, vote, textId)
      }
    </li>`;
  }

  private noteActions(shown: ShownNote, vote: CanvasVote | undefined, textId: string) {
    const id = shown.note.id;
    const changes = mayChangeNote(shown, this.rights);
    const carry = mayCarryNote(shown, this.rights);
    if (!changes && !carry && !vote?.canAdd && !vote?.canTakeBack) return nothing;
    const button = (key: string, label: string, action: () => void) =>
      html`<button class="button small" data-focus="${key} ${id}" aria-describedby=${textId} @click=${action}>
        ${label}
      </button>`;
    return html`<div class="actions">
      ${changes ? button('edit', msg('Edit'), () => this.openForm({ kind: 'edit', id })) : nothing}
      ${changes ? button('move', msg('Move'), () => this.openForm({ kind: 'move', id })) : nothing}
      ${vote?.canAdd ? button('vote', msg('Vote'), () => this.vote(id, false)) : nothing}
      ${vote?.canTakeBack ? button('unvote', msg('Take back a vote'), () => this.vote(id, true)) : nothing}
      ${carry ? button('carry', carryIntoRound(this.position?.round ?? 1), () => this.carry(id)) : nothing}
    </div>`;
  }

  /** A note's text to write: Enter saves, Shift+Enter starts a new line, Escape cancels (as on the canvas). */
  private textForm(label: string, text: string, save: (text: string) => void) {
    const submit = (event: Event) => {
      event.preventDefault();
      const field = (event.currentTarget as HTMLElement).closest('form')?.querySelector('textarea');
      save(field?.value ?? '');
    };
    return html`<form class="form" @submit=${submit}>
      <textarea
        data-focus="field"
        aria-label=${label}
        .value=${text}
        @keydown=${(event: KeyboardEvent) => {
          if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) submit(event);
        }}
      ></textarea>
      <span class="form-actions">
        <button type="submit" class="button small primary">${msg('Save')}</button>
        <button type="button" class="button small" @click=${this.closeForm}>${msg('Cancel')}</button>
      </span>
    </form>`;
  }

  /** The twelve steps to move a note to, by phase; its own step and the steps the lock closes cannot be chosen. */
  private moveForm(shown: ShownNote) {
    const { note } = shown;
    const first = firstMoveTarget(note, this.rights);
    const submit = (event: Event) => {
      event.preventDefault();
      const select = (event.currentTarget as HTMLFormElement).querySelector('select');
      if (select?.value) this.move(shown, select.value as StepId);
    };
    return html`<form class="form" @submit=${submit}>
      <select data-focus="field" aria-label=${msg('Move to step')}>
        ${moveTargets(note, this.rights).map(
          ({ phase, targets }) => html`<optgroup label=${modelName(phase.label)}>
            ${targets.map(
              ({ step, allowed }) =>
                html`<option value=${step.id} ?disabled=${!allowed} ?selected=${step.id === first}>
                  ${modelName(step.label)}
                </option>`,
            )}
          </optgroup>`,
        )}
      </select>
      <span class="form-actions">
        <button type="submit" class="button small primary" ?disabled=${first === null}>${msg('Move here')}</button>
        <button type="button" class="button small" @click=${this.closeForm}>${msg('Cancel')}</button>
      </span>
    </form>`;
  }

  private openForm(open: Exclude<Open, null>): void {
    this.open = open;
    this.focusNext = 'field';
  }

  /** Closes what is open, giving the focus back to the button that opened it. */
  private readonly closeForm = (): void => {
    const open = this.open;
    this.open = null;
    if (open) this.focusNext = open.kind === 'write' ? `write ${open.step}` : `${open.kind} ${open.id}`;
  };

  /** Escape closes a form, as it cancels the editor on the canvas. */
  private onKeyDown(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || !this.open) return;
    event.preventDefault();
    event.stopPropagation();
    this.closeForm();
  }

  /** The lock may have come down on a phase while its note was being written: say so rather than write. */
  private stopsAt(step: StepId): boolean {
    const { phase } = getStep(step);
    if (!this.locked.includes(phase)) return false;
    this.dispatchEvent(boardEvent<NoteLockedDetail>('note-locked', { phase }));
    return true;
  }

  private create(step: StepId, text: string): void {
    this.closeForm();
    if (!text.trim() || this.stopsAt(step)) return;
    const pos = spotIn(step, this.notes?.notes() ?? []);
    const detail = { id: randomId(), step, pos, text, color: DEFAULT_NOTE_COLOR };
    this.dispatchEvent(boardEvent<NoteCreateDetail>('note-create', detail));
  }

  private edit({ note }: ShownNote, text: string): void {
    this.closeForm();
    if (!text.trim() || text === note.text || this.stopsAt(note.step)) return;
    this.dispatchEvent(boardEvent<NoteEditDetail>('note-edit', { id: note.id, text }));
  }

  private move({ note }: ShownNote, step: StepId): void {
    this.closeForm();
    if (this.stopsAt(note.step) || this.stopsAt(step)) return;
    const pos = spotIn(step, this.notes?.notes() ?? [], note.id);
    this.dispatchEvent(boardEvent<NoteMoveDetail>('note-move', { id: note.id, step, pos }));
  }

  private carry(id: string): void {
    this.dispatchEvent(boardEvent<NoteCarryDetail>('note-carry', { id }));
  }

  private vote(id: string, takeBack: boolean): void {
    this.dispatchEvent(boardEvent<NoteVoteDetail>('note-vote', { id, takeBack }));
  }
}

customElements.define('kompas-notes-list', NotesList);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-notes-list': NotesList;
  }
}
