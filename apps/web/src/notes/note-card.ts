import { getStep, NOTE_COLOR_HEX, type Note, type StepId } from '@kompas/model';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement, nothing, svg } from 'lit';
import type { CanvasVote } from '../core/board-events.ts';
import type { RoundMarks } from '../core/note-source.ts';
import { votesText } from '../core/voting-state.ts';
import { cssProperties } from '../ui/css-properties.ts';
import { sharedStyles } from '../ui/shared-styles.ts';
import './note-menu.ts';
import { roundWords } from '../ui/round-words.ts';

const CLOSE_ICON = svg`<svg class="icon" viewBox="0 0 24 24" width="18" height="18" fill="none"
  stroke="currentColor" stroke-width="1.75" stroke-linecap="round" aria-hidden="true" focusable="false">
  <path d="M6 6l12 12M18 6 6 18"/></svg>`;

/** What the card says about a note's votes. */
export function noteVotesText(vote: CanvasVote | undefined): string {
  if (!vote) return msg('No votes');
  if (vote.total !== null) return votesText(vote.total);
  if (vote.mine === 0) return msg('Votes are counted when the round closes');
  return msg(str`Votes are counted when the round closes · yours: ${vote.mine}`);
}

/**
 * An opened note: its whole text at a size anyone can read, whoever wrote it, its step, its round (when it is
 * of an earlier one or was carried along) and its votes, beside the note on the board. Unless `readOnly`, it
 * carries the note's menu (colour, edit, delete, carry along), whose events (`menu-recolor`, `menu-edit`,
 * `menu-delete`, `menu-issue`, `menu-carry`) bubble out of it; the close button fires `card-close`.
 */
export class NoteCard extends LitElement {
  static override properties = {
    note: { attribute: false },
    vote: { attribute: false },
    readOnly: { type: Boolean, attribute: 'read-only' },
    canDelete: { type: Boolean, attribute: 'can-delete' },
    canRaiseIssue: { type: Boolean, attribute: 'can-raise-issue' },
    marks: { attribute: false },
    carryTo: { attribute: false },
    roundViewStep: { attribute: false },
  };

  declare note: Note | null;
  /** Where the note stands in the rounds. */
  declare marks: RoundMarks;
  /** The round the note may be carried into, or null when it may not (see NoteMenu). */
  declare carryTo: number | null;
  /** The note's step to see per round, or null while the board has had one round only. */
  declare roundViewStep: StepId | null;
  declare vote: CanvasVote | undefined;
  declare readOnly: boolean;
  declare canDelete: boolean;
  declare canRaiseIssue: boolean;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.note = null;
    this.vote = undefined;
    this.readOnly = false;
    this.canDelete = false;
    this.canRaiseIssue = false;
    this.marks = {};
    this.carryTo = null;
    this.roundViewStep = null;
  }

  static override styles = [
    sharedStyles,
    css`
      :host {
        position: absolute;
        z-index: 4;
        display: block;
        width: min(340px, calc(100% - 16px));
      }
      .card {
        display: flex;
        flex-direction: column;
        max-height: var(--card-max-height, 480px);
        background: var(--k-color-surface);
        border: 1px solid var(--k-color-border);
        border-radius: 12px;
        box-shadow: var(--k-shadow-lg);
        overflow: hidden;
      }
      .paper {
        display: flex;
        flex-direction: column;
        gap: 10px;
        min-height: 0;
        padding: 14px 16px 12px;
        border-top: 6px solid var(--note-color);
      }
      .text {
        margin: 0;
        overflow-y: auto;
        font-size: 16px;
        line-height: 1.45;
        color: var(--k-color-text);
        white-space: pre-wrap;
        overflow-wrap: break-word;
      }
      .meta {
        display: flex;
        flex-wrap: wrap;
        gap: 4px 12px;
        margin: 0;
        font-size: 13px;
        color: var(--k-color-text-muted);
      }
      .meta dt {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip: rect(0 0 0 0);
      }
      .meta dd {
        margin: 0;
      }
      .author {
        font-weight: 600;
        color: var(--k-color-text);
      }
      .actions {
        display: flex;
        align-items: flex-start;
        justify-content: space-between;
        gap: 8px;
        padding: 0 8px 8px 4px;
      }
      kompas-note-menu {
        position: static;
        flex: 1;
        min-width: 0;
      }
      /* The card is narrower than the menu can grow: what does not fit (carrying along) goes on a line below. */
      kompas-note-menu::part(menu) {
        flex-wrap: wrap;
        row-gap: 4px;
        padding: 0;
        border: 0;
        box-shadow: none;
      }
      .close {
        margin-left: auto;
      }
    `,
  ];

  override render() {
    const note = this.note;
    if (!note) return nothing;
    const step = getStep(note.step);
    return html`<div
      class="card"
      role="dialog"
      aria-label=${msg(str`Note by ${note.authorName}`)}
      ${cssProperties({ '--note-color': NOTE_COLOR_HEX[note.color] })}
      @pointerdown=${stop}
      @wheel=${stop}
    ><section class="paper">
      <p class="text">${note.text}</p>
      <dl class="meta">
        <dt>${msg('Written by')}</dt>
        <dd class="author">${note.authorName}</dd>
        <dt>${msg('Step')}</dt>
        <dd>${step.label.nl}</dd>
        ${this.renderRound(note)}
        <dt>${msg('Votes')}</dt>
        <dd>${noteVotesText(this.vote)}</dd>
      </dl>
    </section>
    <div class="actions">
      ${
        this.readOnly
          ? nothing
          : html`<kompas-note-menu
              .color=${note.color}
              .canDelete=${this.canDelete}
              .canRaiseIssue=${this.canRaiseIssue}
              .carryTo=${this.carryTo}
              .roundViewStep=${this.roundViewStep}
              @menu-carry=${this.passOn}
              @menu-recolor=${this.passOn}
              @menu-edit=${this.passOn}
              @menu-delete=${this.passOn}
              @menu-issue=${this.passOn}
              @menu-close=${this.close}
            ></kompas-note-menu>`
      }
      <button class="icon-button close" aria-label=${msg('Close note')} title=${msg('Close (Esc)')} @click=${this.close}>
        ${CLOSE_ICON}
      </button>
    </div></div>`;
  }

  private renderRound(note: Note) {
    const words = roundWords({ note, ...this.marks });
    if (words.length === 0) return nothing;
    return html`<dt>${msg('Round')}</dt>
      <dd class="round">${words.join(' · ')}</dd>`;
  }

  /** The menu's events leave the card as the card's own, for the canvas to act on. */
  private readonly passOn = (event: CustomEvent): void => {
    this.dispatchEvent(new CustomEvent(event.type, { detail: event.detail }));
  };

  private readonly close = (): void => {
    this.dispatchEvent(new CustomEvent('card-close'));
  };
}

function stop(event: Event): void {
  event.stopPropagation();
}

customElements.define('kompas-note-card', NoteCard);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-note-card': NoteCard;
  }
}
