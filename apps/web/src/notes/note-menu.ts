import { NOTE_COLOR_HEX, NOTE_COLORS, type NoteColor, type StepId } from '@kompas/model';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement, nothing, svg } from 'lit';
import { boardEvent, type RoundViewOpenDetail } from '../core/board-events.ts';
import { cssProperties } from '../ui/css-properties.ts';
import { ICONS } from '../ui/icons.ts';
import { carriedIntoRound, carryIntoRound } from '../ui/round-words.ts';
import { sharedStyles } from '../ui/shared-styles.ts';
import { colorName } from './note-colors.ts';

/** A flag: the note is raised as an issue in hand. */
const ISSUE_ICON = svg`<svg class="icon" viewBox="0 0 24 24" width="18" height="18" fill="none"
  stroke="currentColor" stroke-width="1.75" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"
  focusable="false"><path d="M5 21V4M5 4h11l-2 4 2 4H5"/></svg>`;

/** A turning arrow: the note goes round with the group into the next round. */
const CARRY_ICON = svg`<svg class="icon" viewBox="0 0 24 24" width="18" height="18" fill="none"
  stroke="currentColor" stroke-width="1.75" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"
  focusable="false"><path d="M20 12a8 8 0 1 1-2.34-5.66"/><path d="M20 4v5h-5"/></svg>`;

/** Columns side by side: a step's notes per round. */
const ROUNDS_ICON = svg`<svg class="icon" viewBox="0 0 24 24" width="18" height="18" fill="none"
  stroke="currentColor" stroke-width="1.75" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"
  focusable="false"><rect x="3" y="4" width="7" height="16" rx="1.5"/><rect x="14" y="4" width="7" height="16" rx="1.5"/></svg>`;

/**
 * The small toolbar over the selected note: its colour, edit, delete and, for facilitators, "Turn into an
 * issue"; from round 2 on, "Carry into round N" for a note of an earlier round (or that it was carried) and
 * "See this step per round". Fires `menu-recolor` ({ color }), `menu-edit`, `menu-delete`, `menu-issue` and
 * `menu-carry`; the canvas turns them into note events. "See this step per round" fires `round-view-open`
 * ({ step }), bubbling out to whoever shows the round view. Escape fires `menu-close`; a press elsewhere
 * closes it too, as the canvas then selects no note.
 */
export class NoteMenu extends LitElement {
  static override properties = {
    color: { type: String },
    canDelete: { type: Boolean, attribute: 'can-delete' },
    canRaiseIssue: { type: Boolean, attribute: 'can-raise-issue' },
    carryTo: { attribute: false },
    carriedInto: { attribute: false },
    roundViewStep: { attribute: false },
  };

  declare color: NoteColor;
  /** Only a note's author and the facilitators may delete it; for anyone else there is no delete button. */
  declare canDelete: boolean;
  /** Facilitators turn a note into an issue in hand. */
  declare canRaiseIssue: boolean;
  /** The round the note may be carried into (the current one), or null when it may not. */
  declare carryTo: number | null;
  /** The round this note of an earlier round was carried into, or null. */
  declare carriedInto: number | null;
  /** The note's step, to see per round, or null while the board has had one round only. */
  declare roundViewStep: StepId | null;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.color = 'yellow';
    this.canDelete = true;
    this.canRaiseIssue = false;
    this.carryTo = null;
    this.carriedInto = null;
    this.roundViewStep = null;
  }

  static override styles = [
    sharedStyles,
    css`
      :host {
        position: absolute;
        z-index: 4;
        display: block;
      }
      .menu {
        display: flex;
        align-items: center;
        gap: 2px;
        padding: 4px;
        background: var(--k-color-surface);
        border: 1px solid var(--k-color-border);
        border-radius: 10px;
        box-shadow: var(--k-shadow-lg);
      }
      .swatch {
        width: 28px;
        height: 28px;
        padding: 0;
        border: 0;
        border-radius: 6px;
        background: transparent;
        display: grid;
        place-items: center;
        cursor: pointer;
      }
      .swatch:hover {
        background: var(--k-color-surface-hover);
      }
      .swatch span {
        width: 18px;
        height: 18px;
        border-radius: 50%;
        box-shadow: inset 0 0 0 1px var(--k-color-border-strong);
      }
      .swatch[aria-pressed='true'] span {
        box-shadow:
          0 0 0 2px var(--k-color-surface),
          0 0 0 4px var(--k-color-accent);
      }
      .divider {
        width: 1px;
        height: 20px;
        margin: 0 4px;
        background: var(--k-color-border);
      }
      .carry {
        display: inline-flex;
        align-items: center;
        gap: 6px;
        width: auto;
        padding: 0 8px;
        font: 600 13px var(--k-font-sans);
        white-space: nowrap;
      }
      .carried {
        padding: 0 8px;
        font-size: 13px;
        color: var(--k-color-text-muted);
        white-space: nowrap;
      }
      .danger:hover:not(:disabled) {
        color: var(--k-color-danger);
        background: var(--k-color-danger-soft);
      }
    `,
  ];

  override render() {
    return html`<div class="menu" part="menu" role="toolbar" aria-label=${msg('Selected note')} @pointerdown=${stop} @wheel=${stop} @keydown=${this.onKeyDown}>
      ${NOTE_COLORS.map(
        (color) => html`<button
          class="swatch"
          aria-label=${msg(str`Color ${colorName(color)}`)}
          title=${msg(str`Color ${colorName(color)}`)}
          aria-pressed=${color === this.color ? 'true' : 'false'}
          @click=${() => this.fire('menu-recolor', { color })}
        >
          <span ${cssProperties({ background: NOTE_COLOR_HEX[color] })}></span>
        </button>`,
      )}
      <span class="divider" aria-hidden="true"></span>
      <button class="icon-button" aria-label=${msg('Edit note')} title=${msg('Edit (Enter)')} @click=${() => this.fire('menu-edit')}>
        ${ICONS.pencil}
      </button>
      ${
        this.canRaiseIssue
          ? html`<button class="icon-button" aria-label=${msg('Turn into an issue')} title=${msg('Turn into an issue')} @click=${() => this.fire('menu-issue')}>
              ${ISSUE_ICON}
            </button>`
          : nothing
      }
      ${this.renderRounds()}
      ${
        this.canDelete
          ? html`<button
              class="icon-button danger"
              aria-label=${msg('Delete note')}
              title=${msg('Delete (Del)')}
              @click=${() => this.fire('menu-delete')}
            >
              ${ICONS.trash}
            </button>`
          : nothing
      }
    </div>`;
  }

  /** Carrying the note along, or that it was, and the step per round; nothing while there was one round. */
  private renderRounds() {
    const { carryTo, carriedInto, roundViewStep } = this;
    return html`${
      carryTo !== null
        ? html`<button class="icon-button carry" @click=${() => this.fire('menu-carry')}>
            ${CARRY_ICON}<span>${carryIntoRound(carryTo)}</span>
          </button>`
        : carriedInto !== null
          ? html`<span class="carried"><span aria-hidden="true">↻</span> ${carriedIntoRound(carriedInto)}</span>`
          : nothing
    }
    ${
      roundViewStep !== null
        ? html`<button
            class="icon-button"
            aria-label=${msg('See this step per round')}
            title=${msg('See this step per round')}
            @click=${() => this.dispatchEvent(boardEvent<RoundViewOpenDetail>('round-view-open', { step: roundViewStep }))}
          >
            ${ROUNDS_ICON}
          </button>`
        : nothing
    }`;
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    this.fire('menu-close');
  }

  private fire(type: string, detail?: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}

function stop(event: Event): void {
  event.stopPropagation();
}

customElements.define('kompas-note-menu', NoteMenu);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-note-menu': NoteMenu;
  }
}
