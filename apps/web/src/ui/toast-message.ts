import { css, html, LitElement, nothing, type ReactiveControllerHost } from 'lit';
import { ICONS } from './icons.ts';
import { TimedValue } from './timed-value.ts';

/** How long a toast stays. */
export const TOAST_MS = 5000;

/** The message a page shows in its toast, cleared TOAST_MS after it was shown (or when the page goes). */
export class ToastController extends TimedValue<string> {
  constructor(host: ReactiveControllerHost) {
    super(host, '', TOAST_MS);
  }

  get message(): string {
    return this.value;
  }
}

/**
 * A short-lived message at the bottom of the screen, e.g. why a change was refused; `inline`, it takes its
 * place among the board's announcements instead.
 */
export class ToastMessage extends LitElement {
  static override properties = {
    message: { type: String },
    inline: { type: Boolean, reflect: true },
  };

  declare message: string;
  declare inline: boolean;

  constructor() {
    super();
    this.message = '';
    this.inline = false;
  }

  static override styles = css`
    :host {
      position: fixed;
      left: 50%;
      bottom: 24px;
      transform: translateX(-50%);
      z-index: 50;
      pointer-events: none;
    }
    :host([inline]) {
      position: static;
      display: block;
      transform: none;
    }
    :host([inline]) .toast {
      margin-bottom: 8px;
    }
    .toast {
      display: flex;
      align-items: center;
      gap: 10px;
      max-width: min(520px, calc(100vw - 32px));
      padding: 11px 16px;
      border-radius: var(--k-radius-lg);
      background: #1f2430;
      color: #fff;
      font-size: 13.5px;
      box-shadow: var(--k-shadow-lg);
      /* Dark in both themes: on a dark page its edge shows where it ends. */
      outline: 1px solid rgba(255, 255, 255, 0.14);
      animation: rise 160ms ease-out;
    }
    .toast .icon {
      color: #ffb4a8;
    }
    @keyframes rise {
      from {
        opacity: 0;
        transform: translateY(8px);
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .toast {
        animation: none;
      }
    }
  `;

  override render() {
    return html`<div role="alert">
      ${this.message ? html`<div class="toast">${ICONS.alert}<span>${this.message}</span></div>` : nothing}
    </div>`;
  }
}

customElements.define('kompas-toast', ToastMessage);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-toast': ToastMessage;
  }
}
