import { fileNameSlug } from '@kompas/model';
import type { ReportFormat } from '@kompas/protocol';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement, nothing, svg } from 'lit';
import { ApiError } from '../api/api.ts';
import { menuStyles, moveMenuFocus, placeUnder } from '../ui/popover-menu.ts';
import { navigateOnPlainClick } from '../ui/router.ts';
import { sharedStyles } from '../ui/shared-styles.ts';
import { type DownloadedFile, fetchReport, saveFile } from './report-download.ts';

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
  { kind: 'png', label: msg('Board image (PNG)'), hint: msg('The whole circle as it is now') },
];

/**
 * "Export": the reflection report (Markdown, JSON), the notes (CSV) and a picture of the board (PNG), each
 * saved as a file, and on the board the way to its replay. Reports come from the server with the board's token; the picture from `image`, which
 * the page wires to its board (the PNG item is left out without it). A failure fires `export-failed`.
 */
export class ExportMenu extends LitElement {
  static override properties = {
    boardId: { type: String, attribute: 'board-id' },
    token: { type: String },
    boardTitle: { type: String, attribute: 'board-title' },
    image: { attribute: false },
    imageHint: { type: String, attribute: 'image-hint' },
    replayHref: { type: String, attribute: 'replay-href' },
    busy: { state: true },
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
  declare busy: boolean;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.boardId = '';
    this.token = '';
    this.boardTitle = '';
    this.image = undefined;
    this.imageHint = undefined;
    this.replayHref = '';
    this.busy = false;
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
      [role='menuitem'] small {
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

  private get menu(): HTMLElement | null {
    return this.renderRoot.querySelector('#export-menu');
  }

  private get items(): HTMLElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLElement>('[role="menuitem"]')];
  }

  private onBeforeToggle(event: ToggleEvent): void {
    const button = this.renderRoot.querySelector('button[popovertarget]');
    const menu = this.menu;
    if (event.newState === 'open' && button && menu) placeUnder(button, menu, 300, 'end');
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
      saveFile(await this.exportFile(kind));
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
    if (kind !== 'png') return fetchReport(this.boardId, this.token, kind, this.boardTitle);
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
