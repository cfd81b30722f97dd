import { ROLES } from '@kompas/protocol';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { recallBoardInfo } from '../api/board-info-cache.ts';
import type { MadeBoard } from '../api/made-boards.ts';
import { language } from '../i18n/language.ts';
import { ICONS } from '../ui/icons.ts';
import { inviteLink } from '../ui/invite-link.ts';
import { navigateOnPlainClick } from '../ui/router.ts';
import { sharedStyles } from '../ui/shared-styles.ts';

/** "3 March 2025", "3 maart 2025". */
function dateText(time: number): string {
  const locale = language() === 'nl' ? 'nl-NL' : 'en-GB';
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric' }).format(time);
}

/**
 * "Your workshops on this device": each board made here, with the button that opens it as facilitator and its
 * three invite links behind a fold, so coming back to the front page never loses them.
 */
export class MadeBoardsList extends LitElement {
  static override properties = { boards: { attribute: false } };

  declare boards: readonly MadeBoard[];

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.boards = [];
  }

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      h2 {
        margin: 0 0 4px;
        font-size: 19px;
        letter-spacing: -0.01em;
      }
      .sub {
        margin: 0 0 16px;
        color: var(--k-color-text-muted);
      }
      ul {
        display: grid;
        gap: 10px;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      li {
        padding: 14px 16px;
        border: 1px solid var(--k-color-border);
        border-radius: var(--k-radius-lg, 12px);
        background: var(--k-color-surface);
      }
      .row {
        display: flex;
        align-items: center;
        gap: 12px;
        flex-wrap: wrap;
      }
      .name {
        flex: 1 1 16em;
        min-width: 0;
      }
      .title {
        font-weight: 650;
        overflow-wrap: anywhere;
      }
      .date {
        font-size: 12.5px;
        color: var(--k-color-text-muted);
      }
      summary {
        cursor: pointer;
        margin-top: 10px;
        font-size: 13px;
        font-weight: 600;
        color: var(--k-color-text-muted);
      }
      .links {
        display: grid;
        gap: 14px;
        margin-top: 12px;
      }
    `,
  ];

  override render() {
    if (this.boards.length === 0) return nothing;
    return html`<section aria-labelledby="made-title">
      <h2 id="made-title">${msg('Your workshops on this device')}</h2>
      <p class="sub">${msg('Open a workshop again, or copy its links to invite someone late.')}</p>
      <ul>
        ${this.boards.map((board) => this.renderBoard(board))}
      </ul>
    </section>`;
  }

  private renderBoard({ title, createdAt, created }: MadeBoard) {
    // The title as the board last told this device, should a facilitator have changed it since.
    const shownTitle = recallBoardInfo(created.id)?.title ?? title;
    const open = new URL(created.links.facilitator, location.href);
    return html`<li>
      <div class="row">
        <div class="name">
          <div class="title">${shownTitle}</div>
          <div class="date">${msg(str`Created ${dateText(createdAt)}`)}</div>
        </div>
        <a
          class="button"
          href=${`${open.pathname}${open.hash}`}
          aria-label=${msg(str`Open ${shownTitle}`)}
          @click=${navigateOnPlainClick}
          >${msg('Open')} ${ICONS.arrowRight}</a
        >
      </div>
      <details>
        <summary>${msg('Invite links')}</summary>
        <div class="links">${ROLES.map((role) => inviteLink(role, created.links[role]))}</div>
      </details>
    </li>`;
  }
}

customElements.define('kompas-made-boards-list', MadeBoardsList);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-made-boards-list': MadeBoardsList;
  }
}
