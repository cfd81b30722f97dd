import type { BoardInvites, Role } from '@kompas/protocol';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement, nothing, svg } from 'lit';
import { ApiError, fetchInvites } from '../api/api.ts';
import { inviteLink } from '../ui/invite-link.ts';
import { placeUnder } from '../ui/popover-menu.ts';
import { sharedStyles } from '../ui/shared-styles.ts';

const INVITE_ICON = svg`<svg class="icon" viewBox="0 0 24 24" width="16" height="16" fill="none"
  stroke="currentColor" stroke-width="1.75" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"
  focusable="false"><circle cx="9" cy="8" r="4"/><path d="M2 21v-1a6 6 0 0 1 6-6h2a6 6 0 0 1 6 6v1"/>
  <path d="M19 8v6M16 11h6"/></svg>`;

const PANEL_WIDTH = 420;

type Loaded =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'ready'; invites: BoardInvites }
  | { kind: 'failed'; message: string };

/**
 * "Invite": the links this person may hand out, each with a Copy button, asked from the server when the panel
 * first opens. Facilitators get the participant and observer links, and behind a fold the facilitator link for
 * a co-facilitator; participants get the participant link. The board leaves the button out for observers.
 */
export class InviteMenu extends LitElement {
  static override properties = {
    boardId: { type: String, attribute: 'board-id' },
    token: { type: String },
    // Not `role`: set before the element is defined, that would be taken for its ARIA role.
    personRole: { attribute: false },
    loaded: { state: true },
  };

  declare boardId: string;
  /** The person token: the server hands out the links this person's role may share. */
  declare token: string;
  declare personRole: Role;
  declare loaded: Loaded;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.boardId = '';
    this.token = '';
    this.personRole = 'participant';
    this.loaded = { kind: 'idle' };
  }

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: flex;
        flex: none;
      }
      [popover] {
        inset: auto;
        margin: 0;
        width: ${PANEL_WIDTH}px;
        max-width: calc(100vw - 16px);
        box-sizing: border-box;
        padding: 16px 18px 18px;
        border: 1px solid var(--k-color-border);
        border-radius: var(--k-radius-lg, 12px);
        background: var(--k-color-surface);
        box-shadow: var(--k-shadow-lg);
      }
      h2 {
        margin: 0 0 4px;
        font-size: 15px;
      }
      .sub {
        margin: 0 0 16px;
        font-size: 13px;
        color: var(--k-color-text-muted);
      }
      .links {
        display: grid;
        gap: 14px;
      }
      details {
        margin-top: 16px;
        padding-top: 12px;
        border-top: 1px solid var(--k-color-border);
      }
      summary {
        cursor: pointer;
        font-size: 13px;
        font-weight: 600;
        color: var(--k-color-text-muted);
      }
      details p {
        margin: 8px 0 12px;
        font-size: 12.5px;
        color: var(--k-color-text-muted);
      }
      .problem {
        font-size: 13px;
        color: var(--k-color-danger);
      }
    `,
  ];

  override render() {
    return html`<button
        class="button invite"
        popovertarget="invite-panel"
        aria-label=${msg('Invite')}
        aria-haspopup="dialog"
        title=${msg('Invite: copy a link for someone to join')}
      >
        ${INVITE_ICON}<span class="label">${msg('Invite')}</span>
      </button>
      <div
        id="invite-panel"
        popover
        role="dialog"
        aria-labelledby="invite-title"
        @beforetoggle=${this.onBeforeToggle}
      >
        <h2 id="invite-title">${msg('Invite people')}</h2>
        ${this.renderContent()}
      </div>`;
  }

  private renderContent() {
    const loaded = this.loaded;
    if (loaded.kind === 'failed') return html`<p class="problem" role="alert">${loaded.message}</p>`;
    if (loaded.kind !== 'ready') return html`<p class="sub" role="status">${msg('Getting the links…')}</p>`;
    const { facilitator, participant, observer } = loaded.invites.links;
    return html`<p class="sub">
        ${
          this.personRole === 'facilitator'
            ? msg('Each link gives its own role. Send it to whoever should join, also during the workshop.')
            : msg('Send this link to a colleague who should join the workshop.')
        }
      </p>
      <div class="links">
        ${inviteLink('participant', participant)} ${observer ? inviteLink('observer', observer) : nothing}
      </div>
      ${
        facilitator
          ? html`<details>
            <summary>${msg('Link for a co-facilitator')}</summary>
            <p>${msg('It gives full control of the workshop. Share it only with someone who leads it with you.')}</p>
            ${inviteLink('facilitator', facilitator)}
          </details>`
          : nothing
      }`;
  }

  private onBeforeToggle(event: ToggleEvent): void {
    if (event.newState !== 'open') return;
    const button = this.renderRoot.querySelector('button[popovertarget]');
    const panel = this.renderRoot.querySelector<HTMLElement>('#invite-panel');
    if (button && panel) placeUnder(button, panel, Math.min(PANEL_WIDTH, window.innerWidth - 16), 'end');
    if (this.loaded.kind === 'idle' || this.loaded.kind === 'failed') void this.load();
  }

  private async load(): Promise<void> {
    this.loaded = { kind: 'loading' };
    try {
      this.loaded = { kind: 'ready', invites: await fetchInvites(this.boardId, this.token) };
    } catch (error) {
      const reason = error instanceof ApiError ? error.message : msg('Something went wrong.');
      this.loaded = { kind: 'failed', message: msg(str`The links could not be loaded. ${reason}`) };
    }
  }
}

customElements.define('kompas-invite-menu', InviteMenu);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-invite-menu': InviteMenu;
  }
}
