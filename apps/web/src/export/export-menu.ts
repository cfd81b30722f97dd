import { fileNameSlug, type Meeting } from '@kompas/model';
import type { ReportFormat } from '@kompas/protocol';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement, nothing, svg } from 'lit';
import { ApiError } from '../api/api.ts';
import { withTexts } from '../i18n/language.ts';
import { menuStyles, moveMenuFocus, placeUnder } from '../ui/popover-menu.ts';
import { navigateOnPlainClick } from '../ui/router.ts';
import { sharedStyles } from '../ui/shared-styles.ts';
import type { DownloadedFile } from './report-download.ts';

export interface ExportFailedDetail {
  message: string;
}

const DOWNLOAD_ICON = svg`<svg class="icon" viewBox="0 0 24 24" width="16" height="16" fill="none"
  stroke="currentColor" stroke-width="1.75" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"
  focusable="false"><path d="M12 4v11M7 10l5 5 5-5"/><path d="M5 20h14"/></svg>`;

type ExportKind = ReportFormat | 'png';

const choices = (): readonly { kind: ExportKind; label: string; hint: string }[] => [
  {
    kind: 'md',
    label: msg('Report (Markdown)'),
    hint: msg('Notes, votes and time per phase, to read or share'),
  },
  { kind: 'json', label: msg('Report (JSON)'), hint: msg('The same report, for other tools') },
  { kind: 'csv', label: msg('Notes (CSV)'), hint: msg('One row per note, for a spreadsheet') },
  {
    kind: 'issues-csv',
    label: msg('Issues in hand (CSV)'),
    hint: msg('Questions, agreements and actions, for a spreadsheet'),
  },
  { kind: 'png', label: msg('Board image (PNG)'), hint: msg('The whole circle as it is now') },
];

/** What the reports cover: the meeting going on (or shown, on the replay) or every meeting. */
type ExportScope = 'meeting' | 'trajectory';

/**
 * "Export": the reflection report (Markdown, JSON), the notes and the issues in hand (CSV) and a picture of the
 * board (PNG), each saved as a file, and on the board the way to its replay. Reports come from the server with
 * the board's token; the picture from `image`, which the page wires to its board (the PNG item is left out
 * without it). When the board has had more than one meeting, the reports cover this meeting or the whole
 * trajectory, as the person chooses. A failure fires `export-failed`.
 */
export class ExportMenu extends LitElement {
  static override properties = {
    boardId: { type: String, attribute: 'board-id' },
    token: { type: String },
    boardTitle: { type: String, attribute: 'board-title' },
    image: { attribute: false },
    imageHint: { type: String, attribute: 'image-hint' },
    replayHref: { type: String, attribute: 'replay-href' },
    meetings: { attribute: false },
    busy: { state: true },
    scope: { state: true },
    known: { state: true },
  };

  declare boardId: string;
  declare token: string;
  declare boardTitle: string;
  /** Draws the board as a PNG. */
  declare image: (() => Promise<Blob>) | undefined;
  /** What the picture shows, under its menu item; unset, the board as it is now. */
  declare imageHint: string | undefined;
  /** The board's replay, offered last in the menu; '' leaves it out (on the replay itself). */
  declare replayHref: string;
  /** The board's meetings so far, read when the menu opens; the last one is "this meeting". */
  declare meetings: (() => readonly Meeting[]) | undefined;
  declare busy: boolean;
  declare scope: ExportScope;
  /** The meetings as read when the menu last opened. */
  declare known: readonly Meeting[];

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.boardId = '';
    this.token = '';
    this.boardTitle = '';
    this.image = undefined;
    this.imageHint = undefined;
    this.replayHref = '';
    this.meetings = undefined;
    this.busy = false;
    this.scope = 'trajectory';
    this.known = [];
  }

  static override styles = [
    sharedStyles,
    menuStyles,
    css`
      :host {
        display: flex;
        flex: none;
      }
      .button[aria-busy='true'] {
        cursor: progress;
      }
      [popover] {
        width: 300px;
      }
      [role='menuitem'] {
        display: grid;
        gap: 1px;
        font-weight: 550;
      }
      a[role='menuitem'] {
        box-sizing: border-box;
        color: inherit;
        text-decoration: none;
      }
      [role='menuitemradio'] {
        display: grid;
        grid-template-columns: 16px 1fr;
        column-gap: 6px;
        font-weight: 550;
      }
      [role='menuitemradio'] small {
        grid-column: 2;
      }
      .check {
        visibility: hidden;
      }
      [aria-checked='true'] .check {
        visibility: visible;
      }
      [role='separator'] {
        margin: 4px 0;
        border: none;
        border-top: 1px solid var(--k-color-border);
      }
      [role='menuitem'] small,
      [role='menuitemradio'] small {
        font-size: 12px;
        font-weight: 400;
        color: var(--k-color-text-muted);
      }
    `,
  ];

  override render() {
    const shown = choices()
      .filter((choice) => choice.kind !== 'png' || this.image)
      .map((choice) =>
        choice.kind === 'png' && this.imageHint ? { ...choice, hint: this.imageHint } : choice,
      );
    return html`<button
        class="button"
        popovertarget="export-menu"
        aria-haspopup="menu"
        aria-label=${msg('Export')}
        aria-busy=${this.busy ? 'true' : 'false'}
        title=${msg('Export: save the report, the notes or a picture of the board')}
      >
        ${DOWNLOAD_ICON}<span class="label">${msg('Export')}</span>
      </button>
      <div
        id="export-menu"
        popover
        role="menu"
        aria-label=${msg('Export')}
        @beforetoggle=${this.onBeforeToggle}
        @toggle=${this.onToggle}
        @keydown=${this.onMenuKey}
      >
        ${this.renderScope()}
        ${shown.map(
          ({ kind, label, hint }) => html`<button
            role="menuitem"
            aria-describedby="hint-${kind}"
            @click=${() => this.choose(kind)}
          >
            ${label}<small id="hint-${kind}" aria-hidden="true">${hint}</small>
          </button>`,
        )}
        ${
          this.replayHref
            ? html`<a
              role="menuitem"
              href=${this.replayHref}
              aria-describedby="hint-replay"
              @click=${this.openReplay}
            >
              ${msg('Replay the session')}<small id="hint-replay" aria-hidden="true">${msg('Play the workshop back, note by note')}</small>
            </a>`
            : nothing
        }
      </div>`;
  }

  /** The choice between this meeting and the whole trajectory, when there is more than one meeting. */
  private renderScope() {
    const current = this.known.at(-1);
    if (!current || this.known.length < 2) return nothing;
    const option = (scope: ExportScope, label: string, hint: string) =>
      html`<button
        role="menuitemradio"
        aria-checked=${this.scope === scope ? 'true' : 'false'}
        aria-describedby="hint-${scope}"
        @click=${() => {
          this.scope = scope;
        }}
      >
        <span class="check" aria-hidden="true">✓</span>${label}<small id="hint-${scope}" aria-hidden="true"
          >${hint}</small
        >
      </button>`;
    return html`<div role="group" aria-label=${msg('What the reports cover')}>
        ${option('meeting', msg('This meeting'), msg(str`Meeting ${current.number} only`))}
        ${option('trajectory', msg('The whole trajectory'), msg(str`All ${this.known.length} meetings`))}
      </div>
      <hr role="separator" />`;
  }

  private get menu(): HTMLElement | null {
    return this.renderRoot.querySelector('#export-menu');
  }

  private get items(): HTMLElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLElement>('[role="menuitem"], [role="menuitemradio"]')];
  }

  private onBeforeToggle(event: ToggleEvent): void {
    const button = this.renderRoot.querySelector('button[popovertarget]');
    const menu = this.menu;
    if (event.newState !== 'open') return;
    this.known = this.meetings?.() ?? [];
    if (button && menu) placeUnder(button, menu, 300, 'end');
  }

  private onToggle(event: ToggleEvent): void {
    if (event.newState === 'open') this.items[0]?.focus();
  }

  private onMenuKey(event: KeyboardEvent): void {
    moveMenuFocus(event, this.items, this.renderRoot.querySelector(':focus'));
  }

  private openReplay(event: MouseEvent): void {
    if (navigateOnPlainClick(event)) this.menu?.hidePopover();
  }

  private async choose(kind: ExportKind): Promise<void> {
    this.menu?.hidePopover();
    this.busy = true;
    try {
      const file = await this.exportFile(kind);
      // Downloaded on first use, like the picture's drawing: most people never export.
      const { saveFile } = await withTexts(import('./report-download.ts'));
      saveFile(file);
    } catch (error) {
      const reason = error instanceof ApiError || error instanceof Error ? error.message : String(error);
      this.dispatchEvent(
        new CustomEvent<ExportFailedDetail>('export-failed', {
          detail: { message: msg(str`The export failed: ${reason.replace(/\.$/, '')}.`) },
          bubbles: true,
          composed: true,
        }),
      );
    } finally {
      this.busy = false;
    }
  }

  private async exportFile(kind: ExportKind): Promise<DownloadedFile> {
    if (kind !== 'png') {
      const meeting = this.scope === 'meeting' && this.known.length > 1 ? this.known.at(-1)?.id : undefined;
      const { fetchReport } = await withTexts(import('./report-download.ts'));
      return fetchReport(this.boardId, this.token, { format: kind, meeting }, this.boardTitle);
    }
    if (!this.image) throw new Error(msg('There is no board to draw'));
    return { blob: await this.image(), filename: `${fileNameSlug(this.boardTitle)}-board.png` };
  }
}

customElements.define('kompas-export-menu', ExportMenu);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-export-menu': ExportMenu;
  }
  interface HTMLElementEventMap {
    'export-failed': CustomEvent<ExportFailedDetail>;
  }
}
