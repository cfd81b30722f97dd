import { css, html, LitElement } from 'lit';
import { sharedStyles } from './shared-styles.ts';

/**
 * How one announcement looks in the board's announcements: a pill that takes presses (the area itself lets
 * them through to the board) and keeps its distance from the next one. Announcements that have nothing to
 * say render no `.announcement`, so they take no room.
 */
export const announcementStyles = css`
  .announcement {
    display: flex;
    align-items: center;
    gap: 10px;
    box-sizing: border-box;
    max-width: 100%;
    margin-bottom: 8px;
    padding: 8px 16px;
    border-radius: var(--k-radius-full);
    background: var(--k-color-surface);
    border: 1px solid var(--k-color-border);
    box-shadow: var(--k-shadow-lg);
    color: var(--k-color-text);
    font-size: 14px;
    pointer-events: auto;
  }
  @media (max-width: 520px) {
    .announcement {
      border-radius: var(--k-radius-lg);
      font-size: 13px;
    }
  }
`;

/**
 * The one place on the board for what is said to everyone (a phase change, a silent brainstorm, a voting
 * round, a refusal, a read-only board): one column at the top, below the board's own bar, so that
 * announcements stack instead of covering each other. It moves aside for the panels beside the board.
 */
export class Announcements extends LitElement {
  static override properties = {
    besideLeft: { type: Boolean, reflect: true, attribute: 'beside-left' },
    besideRight: { type: Boolean, reflect: true, attribute: 'beside-right' },
  };

  /** A panel is open on the left (voting) or the right (steps). */
  declare besideLeft: boolean;
  declare besideRight: boolean;

  constructor() {
    super();
    this.besideLeft = false;
    this.besideRight = false;
  }

  static override styles = css`
    :host {
      position: absolute;
      top: 56px;
      left: 16px;
      right: 16px;
      /* Over the board and its panels, under a note being written (its step picker may reach up here). */
      z-index: 4;
      display: flex;
      flex-direction: column;
      align-items: center;
      pointer-events: none;
    }
    :host([beside-left]) {
      left: calc(min(340px, 100%) + 16px);
    }
    :host([beside-right]) {
      right: calc(min(360px, 100%) + 16px);
    }
    ::slotted(*) {
      max-width: 100%;
    }
  `;

  override render() {
    return html`<slot></slot>`;
  }
}

/** A standing note to everyone in the announcements, e.g. that the board is read-only; `tone="warning"`. */
export class Notice extends LitElement {
  static override properties = { tone: { type: String, reflect: true } };

  declare tone: 'info' | 'warning';

  constructor() {
    super();
    this.tone = 'info';
  }

  static override styles = [
    sharedStyles,
    announcementStyles,
    css`
      :host([tone='warning']) .announcement {
        background: var(--k-color-warning-soft);
        color: var(--k-color-warning);
        font-size: 13px;
        font-weight: 550;
      }
    `,
  ];

  override render() {
    return html`<div class="announcement"><slot></slot></div>`;
  }
}

customElements.define('kompas-announcements', Announcements);
customElements.define('kompas-notice', Notice);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-announcements': Announcements;
    'kompas-notice': Notice;
  }
}
