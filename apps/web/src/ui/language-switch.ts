import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement } from 'lit';
import { LANGUAGES, type Language, language } from '../i18n/language.ts';
import { chooseLanguage } from './language-choice.ts';
import { sharedStyles } from './shared-styles.ts';

/** A language's name in that language ("Nederlands", "English"), as a switch between languages names them. */
function ownName(code: Language): string {
  return new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;
}

/**
 * NL | EN: switches the interface's language at once, and remembers the choice on this device. Each button
 * shows the short code and is named by the language's own name; the current one is pressed.
 */
export class LanguageSwitch extends LitElement {
  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: inline-flex;
      }
      /* The two buttons in one frame, as .group frames undo and redo, rounded like the header's badges. */
      .switch {
        border-radius: var(--k-radius-full);
      }
      button {
        min-width: 34px;
        height: 26px;
        padding: 0 8px;
        border: 0;
        border-radius: var(--k-radius-full);
        background: none;
        font-size: 12px;
        font-weight: 650;
        letter-spacing: 0.04em;
        color: var(--k-color-text-muted);
        cursor: pointer;
      }
      button:hover {
        background: var(--k-color-surface-hover);
      }
      button[aria-pressed='true'] {
        background: var(--k-color-accent-soft);
        color: var(--k-color-accent);
      }
      @media (pointer: coarse) {
        button {
          min-width: 44px;
          height: 36px;
        }
      }
    `,
  ];

  override render() {
    const current = language();
    return html`<div class="group switch" role="group" aria-label=${msg('Language')}>
      ${LANGUAGES.map(
        (code) => html`<button
          type="button"
          lang=${code}
          aria-pressed=${code === current ? 'true' : 'false'}
          @click=${() => void chooseLanguage(code)}
        >
          ${code.toUpperCase()}<span class="visually-hidden"> (${ownName(code)})</span>
        </button>`,
      )}
    </div>`;
  }
}

customElements.define('kompas-language-switch', LanguageSwitch);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-language-switch': LanguageSwitch;
  }
}
