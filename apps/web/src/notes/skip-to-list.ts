import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement } from 'lit';
import type { NotesList } from './notes-list.ts';

/**
 * "Board as a list": the first stop of the keyboard on a board, out of sight until it has the focus. It takes
 * the focus to the board as a list (notes-list.ts) beside it on the page, which the canvas cannot offer.
 */
export class SkipToList extends LitElement {
  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  static override styles = css`
    a {
      position: fixed;
      z-index: 50;
      top: 8px;
      left: 8px;
      padding: 8px 14px;
      border-radius: var(--k-radius-md);
      background: var(--k-color-accent);
      color: #fff;
      font: 600 14px var(--k-font-sans);
      text-decoration: none;
      box-shadow: var(--k-shadow-lg);
      transform: translateY(-200%);
    }
    a:focus {
      transform: none;
      outline: 2px solid var(--k-color-focus);
      outline-offset: 2px;
    }
  `;

  override render() {
    return html`<a href="#board-as-a-list" @click=${this.skip}>${msg('Board as a list')}</a>`;
  }

  private async skip(event: MouseEvent): Promise<void> {
    event.preventDefault();
    // On a board the list's code comes with the tools, after the canvas (board-tools.ts): a skip sooner waits.
    await customElements.whenDefined('kompas-notes-list');
    const root = this.getRootNode() as Document | ShadowRoot;
    const list = root.querySelector<NotesList>('kompas-notes-list');
    await list?.updateComplete;
    list?.focus();
  }
}

customElements.define('kompas-skip-to-list', SkipToList);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-skip-to-list': SkipToList;
  }
}
