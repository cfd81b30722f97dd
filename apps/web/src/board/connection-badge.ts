import type { ConnectionStatus } from '@kompas/client';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement } from 'lit';
import { visuallyHidden } from '../ui/shared-styles.ts';

const labels = (): Record<ConnectionStatus, string> => ({
  connecting: msg('Connecting…'),
  online: msg('Online'),
  reconnecting: msg('Reconnecting…'),
  offline: msg('Offline'),
});

const hints = (): Record<ConnectionStatus, string> => ({
  connecting: msg('Connecting to the board…'),
  online: msg('Connected: changes are shared live.'),
  reconnecting: msg('Connection lost. Your changes are kept on this device and sent when it returns.'),
  offline: msg('Offline. Your changes are kept on this device and sent when the connection returns.'),
});

/** The connection state, announced politely to screen readers when it changes. */
export class ConnectionBadge extends LitElement {
  static override properties = { status: { type: String } };

  declare status: ConnectionStatus;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.status = 'connecting';
  }

  static override styles = css`
    :host {
      display: inline-flex;
    }
    .badge {
      display: inline-flex;
      align-items: center;
      gap: 7px;
      height: 28px;
      padding: 0 10px;
      border-radius: var(--k-radius-full);
      font-size: 12.5px;
      font-weight: 550;
      white-space: nowrap;
      color: var(--k-color-text-muted);
      background: var(--k-color-surface-muted);
    }
    .dot {
      width: 8px;
      height: 8px;
      border-radius: 50%;
      background: var(--k-color-text-subtle);
    }
    .online {
      color: var(--k-color-success);
      background: var(--k-color-success-soft);
    }
    .online .dot {
      background: var(--k-color-success);
      box-shadow: 0 0 0 3px color-mix(in srgb, var(--k-color-success) 18%, transparent);
    }
    .reconnecting,
    .connecting {
      color: var(--k-color-warning);
      background: var(--k-color-warning-soft);
    }
    .reconnecting .dot,
    .connecting .dot {
      background: var(--k-color-warning);
      animation: pulse 1.2s ease-in-out infinite;
    }
    .offline {
      color: var(--k-color-danger);
      background: var(--k-color-danger-soft);
    }
    .offline .dot {
      background: var(--k-color-danger);
    }
    @keyframes pulse {
      50% {
        opacity: 0.35;
      }
    }
    @media (max-width: 640px) {
      .badge {
        padding: 0 10px;
      }
      .text {
        ${visuallyHidden}
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .dot {
        animation: none !important;
      }
    }
  `;

  override render() {
    return html`<span class="badge ${this.status}" role="status" title=${hints()[this.status]}>
      <span class="dot" aria-hidden="true"></span><span class="text">${labels()[this.status]}</span>
    </span>`;
  }
}

customElements.define('kompas-connection-badge', ConnectionBadge);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-connection-badge': ConnectionBadge;
  }
}
