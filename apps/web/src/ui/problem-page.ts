import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { ICONS, logoMark } from './icons.ts';
import { sharedStyles } from './shared-styles.ts';

/** A full-page message when a board cannot be shown: an invalid or expired link, an unknown board. */
export class ProblemPage extends LitElement {
  static override properties = {
    heading: { type: String },
    detail: { type: String },
    retry: { type: Boolean },
    discard: { type: Boolean },
  };

  declare heading: string;
  declare detail: string;
  declare retry: boolean;
  /** Offer to discard what this browser keeps of the board and has not shared (fires `discard`). */
  declare discard: boolean;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.heading = '';
    this.detail = '';
    this.retry = false;
    this.discard = false;
  }

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: grid;
        place-items: center;
        min-height: 100%;
        padding: 24px;
      }
      main {
        width: min(460px, 100%);
        padding: 36px 32px 32px;
        background: var(--k-color-surface);
        border: 1px solid var(--k-color-border);
        border-radius: var(--k-radius-xl);
        box-shadow: var(--k-shadow-md);
        text-align: center;
      }
      .mark {
        display: inline-grid;
        place-items: center;
        width: 52px;
        height: 52px;
        border-radius: 50%;
        background: var(--k-color-danger-soft);
        color: var(--k-color-danger);
        margin-bottom: 14px;
      }
      .mark .icon {
        width: 26px;
        height: 26px;
      }
      h1 {
        margin: 0 0 8px;
        font-size: 21px;
        letter-spacing: -0.015em;
      }
      p {
        margin: 0 0 24px;
        color: var(--k-color-text-muted);
      }
      .actions {
        display: flex;
        justify-content: center;
        gap: 8px;
      }
      footer {
        margin-top: 22px;
        display: flex;
        justify-content: center;
        align-items: center;
        gap: 8px;
        color: var(--k-color-text-subtle);
        font-size: 12.5px;
      }
    `,
  ];

  override render() {
    return html`<main role="alert" aria-labelledby="problem-title">
      <div class="mark" aria-hidden="true">${ICONS.alert}</div>
      <h1 id="problem-title">${this.heading}</h1>
      <p>${this.detail}</p>
      <div class="actions">
        ${
          this.retry
            ? html`<button class="button primary" @click=${() => this.dispatchEvent(new CustomEvent('retry'))}>
              ${msg('Try again')}
            </button>`
            : nothing
        }
        ${
          this.discard
            ? html`<button class="button primary" @click=${() => this.dispatchEvent(new CustomEvent('discard'))}>
              ${msg('Discard and reopen')}
            </button>`
            : nothing
        }
        <a class="button" href="/">${msg('Go to Kompas')}</a>
      </div>
      <footer>${logoMark(16)} Kompas</footer>
    </main>`;
  }
}

customElements.define('kompas-problem-page', ProblemPage);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-problem-page': ProblemPage;
  }
}
