import type { FollowSession } from '@kompas/model';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement, nothing, svg } from 'lit';
import { cssProperties } from '../../ui/css-properties.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';

/** What the follow bar asks for; the board page carries it out. */
export type FollowCommand = 'bring-everyone' | 'stop-bringing' | 'stop-following' | 'follow-again';

export interface FollowCommandDetail {
  command: FollowCommand;
}

const VIEW_ICON = svg`<svg class="icon" viewBox="0 0 24 24" width="16" height="16" fill="none"
  stroke="currentColor" stroke-width="1.75" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"
  focusable="false"><path d="M3 7V5a2 2 0 0 1 2-2h2M17 3h2a2 2 0 0 1 2 2v2M21 17v2a2 2 0 0 1-2 2h-2M7 21H5a2 2 0 0 1-2-2v-2"/>
  <circle cx="12" cy="12" r="3"/></svg>`;

/**
 * "Bring everyone to my view" on the board: a facilitator brings the others to what they see and sees how
 * many follow; everyone else sees whose view they follow, can stop following and follow again. While this
 * person follows, a frame in the leader's colour runs around the board. Fires `follow-command`. Other
 * facilitator tools for the board (the lock menu) sit beside these buttons, in the default slot.
 */
export class FollowBar extends LitElement {
  static override properties = {
    session: { attribute: false },
    canLead: { type: Boolean, attribute: 'can-lead' },
    leading: { type: Boolean },
    following: { type: Boolean },
    followerCount: { type: Number, attribute: 'follower-count' },
    leaderColor: { type: String, attribute: 'leader-color' },
  };

  declare session: FollowSession | null;
  /** Facilitators can bring everyone to their view. */
  declare canLead: boolean;
  /** This person leads the running session. */
  declare leading: boolean;
  /** This person's board follows the leader's right now. */
  declare following: boolean;
  declare followerCount: number;
  declare leaderColor: string;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.session = null;
    this.canLead = false;
    this.leading = false;
    this.following = false;
    this.followerCount = 0;
    this.leaderColor = '';
  }

  static override styles = [
    sharedStyles,
    css`
      :host {
        position: absolute;
        inset: 0;
        z-index: 3;
        pointer-events: none;
      }
      .frame {
        position: absolute;
        inset: 0;
        border: 3px solid var(--leader-color, var(--k-color-accent));
      }
      .bar {
        position: absolute;
        top: 12px;
        left: var(--bar-left, 12px);
        display: flex;
        align-items: center;
        gap: 8px;
        pointer-events: auto;
      }
      .chip {
        display: inline-flex;
        align-items: center;
        gap: 6px;
        height: 34px;
        padding: 0 12px;
        border-radius: var(--k-radius-full);
        background: var(--leader-color, var(--k-phase-verkennen));
        color: #fff;
        font-size: 13px;
        font-weight: 600;
        white-space: nowrap;
        box-shadow: var(--k-shadow-md);
      }
      .button {
        box-shadow: var(--k-shadow-md);
      }
    `,
  ];

  override render() {
    const session = this.session;
    const style = cssProperties({ '--leader-color': this.leaderColor || undefined });
    if (this.leading) {
      return html`<div class="bar" ${style}>
        <span class="chip" role="status">${VIEW_ICON}${msg(str`Following you: ${this.followerCount}`)}</span>
        <button class="button" @click=${() => this.command('stop-bringing')}>${msg('Stop bringing everyone')}</button>
        <slot></slot>
      </div>`;
    }
    const bring = this.canLead
      ? html`<button class="button" @click=${() => this.command('bring-everyone')}>
          ${VIEW_ICON}${msg('Bring everyone to my view')}
        </button>`
      : nothing;
    if (!session) return html`<div class="bar">${bring}<slot></slot></div>`;
    if (this.following) {
      return html`<div class="frame" ${style} aria-hidden="true"></div>
        <div class="bar" ${style}>
          <span class="chip" role="status">${VIEW_ICON}${msg(str`Following ${session.leader.name}`)}</span>
          <button class="button" @click=${() => this.command('stop-following')}>${msg('Stop following')}</button>
          ${bring}<slot></slot>
        </div>`;
    }
    return html`<div class="bar">
      <button
        class="button"
        title=${msg(str`Follow ${session.leader.name}'s view`)}
        @click=${() => this.command('follow-again')}
      >
        ${VIEW_ICON}${msg('Follow facilitator')}
      </button>
      ${bring}<slot></slot>
    </div>`;
  }

  private command(command: FollowCommand): void {
    this.dispatchEvent(
      new CustomEvent<FollowCommandDetail>('follow-command', {
        detail: { command },
        bubbles: true,
        composed: true,
      }),
    );
  }
}

customElements.define('kompas-follow-bar', FollowBar);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-follow-bar': FollowBar;
  }
  interface HTMLElementEventMap {
    'follow-command': CustomEvent<FollowCommandDetail>;
  }
}
