import { NOTE_COLOR_HEX, NOTE_COLORS, type NoteColor } from '@kompas/model';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement, nothing, svg } from 'lit';
import { cssProperties } from '../ui/css-properties.ts';
import { ICONS } from '../ui/icons.ts';
import { sharedStyles } from '../ui/shared-styles.ts';
import { colorName } from './note-colors.ts';

/** A flag: the note is raised as an issue in hand. */
const ISSUE_ICON = svg`<svg class="icon" viewBox="0 0 24 24" width="18" height="18" fill="none"
  stroke="currentColor" stroke-width="1.75" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"
  focusable="false"><path d="M5 21V4M5 4h11l-2 4 2 4H5"/></svg>`;

/**
 * The small toolbar over the selected note: its colour, edit, delete and, for facilitators, "Turn into an
 * issue". Fires `menu-recolor` ({ color }), `menu-edit`, `menu-delete` and `menu-issue`; the canvas turns
 * them into note events. Escape fires
 * `menu-close`; a press elsewhere closes it too, as the canvas then selects no note.
 */
export class NoteMenu extends LitElement {
  static override properties = {
    color: { type: String },
    canDelete: { type: Boolean, attribute: 'can-delete' },
    canRaiseIssue: { type: Boolean, attribute: 'can-raise-issue' },
  };

  declare color: NoteColor;
  /** Only a note's author and the facilitators may delete it; for anyone else there is no delete button. */
  declare canDelete: boolean;
  /** Facilitators turn a note into an issue in hand. */
  declare canRaiseIssue: boolean;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.color = 'yellow';
    this.canDelete = true;
    this.canRaiseIssue = false;
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
