import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import type { VotingState } from '../../core/voting-state.ts';
import { votesText } from '../../core/voting-state.ts';
import { announcementStyles } from '../../ui/announcements.ts';

/** How long "Voting closed" stays after a round closes; it fades out over its last FADE_MS. */
export const CLOSED_SHOWN_MS = 6000;
const FADE_MS = 600;

/**
 * A small status in the board's announcements while a voting round is open ("Voting: 3 votes left" for
 * those who vote, "Voting open" for those who watch), and for a few seconds after it closed; announced to
 * screen readers as it changes.
 */
export class VotingStatus extends LitElement {
  static override properties = {
    state: { attribute: false },
    closedShown: { state: true },
  };

  declare state: VotingState | null;
  /** Whether the closed round's message is still up. */
  declare closedShown: boolean;
  /** The closed round whose message was shown, so that it is shown once. */
  private closedRound: string | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.state = null;
    this.closedShown = false;
  }

  static override styles = [
    announcementStyles,
    css`
      :host {
        display: block;
      }
      .status {
        padding: 7px 14px;
        background: var(--k-color-accent-soft);
        border-color: transparent;
        color: var(--k-color-accent);
        font-size: 13px;
        font-weight: 600;
        box-shadow: var(--k-shadow-md);
      }
      .status.closed {
        animation: fade ${FADE_MS}ms ease-in ${CLOSED_SHOWN_MS - FADE_MS}ms forwards;
      }
      @keyframes fade {
        to {
          opacity: 0;
        }
      }
      @media (prefers-reduced-motion: reduce) {
        .status.closed {
          animation: none;
        }
      }
    `,
  ];

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('state')) return;
    const state = this.state;
    if (!state || state.open) {
      this.closedRound = null;
      this.closedShown = false;
      clearTimeout(this.timer);
    } else if (state.round.id !== this.closedRound) {
      this.closedRound = state.round.id;
      this.closedShown = true;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        this.closedShown = false;
      }, CLOSED_SHOWN_MS);
    }
  }

  override render() {
    const text = this.text();
    // The status stays in the page, empty, so that screen readers hear each change in it.
    const shown = this.state?.open ? 'announcement status' : 'announcement status closed';
    return html`<div role="status">${text ? html`<div class=${shown}>${text}</div>` : nothing}</div>`;
  }

  private text(): string | null {
    const state = this.state;
    if (!state) return null;
    if (!state.open) return this.closedShown ? msg('Voting closed') : null;
    return state.votes ? msg(str`Voting: ${votesText(state.left)} left`) : msg('Voting open');
  }
}

customElements.define('kompas-voting-status', VotingStatus);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-voting-status': VotingStatus;
  }
}
