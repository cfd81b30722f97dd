import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement, svg } from 'lit';
import { ICONS } from '../ui/icons.ts';
import { sharedStyles } from '../ui/shared-styles.ts';

/** How many times faster than it happened a replay can play. */
export const REPLAY_SPEEDS = [1, 4, 16, 64] as const;
export type ReplaySpeed = (typeof REPLAY_SPEEDS)[number];

export type ReplayCommand = 'play' | 'pause' | 'previous-event' | 'next-event';

export interface ReplayCommandDetail {
  command: ReplayCommand;
}

export interface ReplaySpeedDetail {
  speed: ReplaySpeed;
}

const PAUSE_ICON = svg`<svg class="icon" viewBox="0 0 24 24" width="18" height="18" fill="currentColor"
  aria-hidden="true" focusable="false"><rect x="6" y="4.5" width="4" height="15" rx="1"/><rect x="14" y="4.5"
  width="4" height="15" rx="1"/></svg>`;

/**
 * Play or pause, the speed, and the jumps to the previous and next event. Fires `replay-command` and
 * `replay-speed`; the page keeps the state.
 */
export class ReplayControls extends LitElement {
  static override properties = {
    playing: { type: Boolean },
    speed: { type: Number },
  };

  declare playing: boolean;
  declare speed: ReplaySpeed;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.playing = false;
    this.speed = 1;
  }

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: flex;
        align-items: center;
        gap: 8px;
      }
      /* As wide for Play as for Pause, and wider where a language's words need it. */
      .play {
        min-width: 88px;
      }
      label {
        display: inline-flex;
        align-items: center;
        gap: 6px;
        font-size: 13px;
        color: var(--k-color-text-muted);
      }
      select {
        height: 34px;
        padding: 0 8px;
        border: 1px solid var(--k-color-border);
        border-radius: var(--k-radius-md);
        background: var(--k-color-surface);
        font: inherit;
        color: var(--k-color-text);
      }
    `,
  ];

  override render() {
    return html`<button class="button" @click=${() => this.command('previous-event')}>
        ${ICONS.chevronLeft}<span>${msg('Previous event')}</span>
      </button>
      <button class="button primary play" @click=${() => this.command(this.playing ? 'pause' : 'play')}>
        ${this.playing ? PAUSE_ICON : ICONS.play}<span>${this.playing ? msg('Pause') : msg('Play')}</span>
      </button>
      <button class="button" @click=${() => this.command('next-event')}>
        <span>${msg('Next event')}</span>${ICONS.chevronRight}
      </button>
      <label
        >${msg('Speed')}
        <select @change=${this.onSpeed}>
          ${REPLAY_SPEEDS.map(
            (speed) =>
              html`<option value=${speed} ?selected=${speed === this.speed}>${msg(str`${speed}x`, { desc: 'a replay speed: 4 times faster than it happened' })}</option>`,
          )}
        </select></label
      >`;
  }

  private command(command: ReplayCommand): void {
    this.dispatchEvent(
      new CustomEvent<ReplayCommandDetail>('replay-command', {
        detail: { command },
        bubbles: true,
        composed: true,
      }),
    );
  }

  private onSpeed(event: Event): void {
    const speed = Number((event.target as HTMLSelectElement).value) as ReplaySpeed;
    this.dispatchEvent(
      new CustomEvent<ReplaySpeedDetail>('replay-speed', {
        detail: { speed },
        bubbles: true,
        composed: true,
      }),
    );
  }
}

customElements.define('kompas-replay-controls', ReplayControls);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-replay-controls': ReplayControls;
  }
}
