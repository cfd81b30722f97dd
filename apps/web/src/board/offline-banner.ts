import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { type ConnectionNotice, ConnectionNotices } from '../core/connection-notice.ts';
import { ICONS } from '../ui/icons.ts';

function notesNotSent(unsent: number): string {
  if (unsent === 0) return '';
  return unsent === 1 ? msg('1 note is not sent yet.') : msg(str`${unsent} notes are not sent yet.`);
}

/**
 * Says in plain words that the board lost its connection, once that has lasted a few seconds (see
 * ConnectionNotices), and that what this person writes is kept and will be sent; then, once back, that it
 * was. The header's badge shows every change of the connection; this speaks only of the ones that matter.
 */
export class OfflineBanner extends LitElement {
  static override properties = {
    connected: { attribute: false },
    unsent: { attribute: false },
    readOnly: { attribute: false },
  };

  /** Online and in step with the server. */
  declare connected: boolean;
  /** How many notes have changes the server has not stored yet. */
  declare unsent: number;
  /** An observer writes nothing, so is told only that the board will catch up. */
  declare readOnly: boolean;

  private readonly notices = new ConnectionNotices(() => this.requestUpdate());

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.connected = true;
    this.unsent = 0;
    this.readOnly = false;
  }

  static override styles = css`
    :host {
      position: absolute;
      left: 50%;
      bottom: 16px;
      transform: translateX(-50%);
      z-index: 3;
      width: max-content;
      max-width: min(560px, calc(100% - 32px));
      pointer-events: none;
    }
    .banner {
      display: flex;
      align-items: flex-start;
      gap: 10px;
      margin: 0;
      padding: 10px 16px;
      border-radius: var(--k-radius-lg);
      font-size: 13.5px;
      line-height: 1.4;
      box-shadow: var(--k-shadow-lg);
      pointer-events: auto;
    }
    .banner .icon {
      flex: none;
      margin-top: 1px;
    }
    .offline {
      background: #3a2f1a;
      color: #fff8e8;
    }
    .sending,
    .sent {
      background: var(--k-color-surface);
      color: var(--k-color-text);
    }
    .sent .icon {
      color: var(--k-color-success);
    }
    strong {
      font-weight: 650;
    }
    @media (max-width: 640px) {
      :host {
        bottom: 72px;
      }
    }
  `;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('connected') || changed.has('unsent')) {
      this.notices.update({ connected: this.connected, unsent: this.unsent });
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.notices.destroy();
  }

  override render() {
    // A live region, not a status: the header's badge is the status of the connection.
    return html`<div aria-live="polite">${this.message(this.notices.notice)}</div>`;
  }

  private message(notice: ConnectionNotice) {
    switch (notice) {
      case 'offline':
        if (this.readOnly) {
          return html`<p class="banner offline">
            ${ICONS.alert}<span
              ><strong>${msg('You are offline.')}</strong>
              ${msg('The board shows what it had and catches up when the connection is back.')}</span
            >
          </p>`;
        }
        return html`<p class="banner offline">
          ${ICONS.alert}<span
            ><strong>${msg('You are offline.')}</strong>
            ${msg('Your notes are kept on this device and sent when the connection is back.')}
            ${notesNotSent(this.unsent)}</span
          >
        </p>`;
      case 'sending':
        return html`<p class="banner sending">
          ${ICONS.alert}<span><strong>${msg('Back online.')}</strong> ${msg('Sending your notes…')}</span>
        </p>`;
      case 'sent':
        return html`<p class="banner sent">
          ${ICONS.check}<span
            ><strong>${msg('Back online.')}</strong>
            ${this.readOnly ? msg('The board is up to date.') : msg('Everything is sent.')}</span
          >
        </p>`;
      default:
        return nothing;
    }
  }
}

customElements.define('kompas-offline-banner', OfflineBanner);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-offline-banner': OfflineBanner;
  }
}
