import { css, html, LitElement, nothing } from 'lit';
import type { VotingState } from '../../core/voting-state.ts';
import { votesText } from '../../core/voting-state.ts';

/**
 * A small status on the board while a voting round is open ("Voting: 3 votes left" for those who vote,
 * "Voting open" for those who watch) and after it closed; announced to screen readers as it changes.
 */
export class VotingStatus extends LitElement {
  static override properties = {
    state: { attribute: false },
    besidePanel: { type: Boolean, reflect: true, attribute: 'beside-panel' },
  };

  declare state: VotingState | null;
  /** The voting panel is open on the left: the status stands beside it. */
  declare besidePanel: boolean;

  constructor() {
    super();
    this.state = null;
    this.besidePanel = false;
  }

  static override styles = css`
    :host {
      position: absolute;
      left: 16px;
      bottom: 16px;
      z-index: 3;
    }
    :host([beside-panel]) {
      left: calc(min(340px, 100%) + 16px);
    }
    .status {
      padding: 7px 14px;
      border-radius: var(--k-radius-full);
      background: var(--k-color-accent-soft);
      color: var(--k-color-accent);
      font-size: 13px;
      font-weight: 600;
      box-shadow: var(--k-shadow-md);
    }
    .status:empty {
      display: none;
    }
  `;

  override render() {
    return html`<div class="status" role="status">${this.text() ?? nothing}</div>`;
  }

  private text(): string | null {
    const state = this.state;
    if (!state) return null;
    if (!state.open) return 'Voting closed';
    return state.votes ? `Voting: ${votesText(state.left)} left` : 'Voting open';
  }
}

customElements.define('kompas-voting-status', VotingStatus);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-voting-status': VotingStatus;
  }
}
