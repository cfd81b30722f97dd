import type { ConnectionStatus } from '@kompas/client';
import type { PhasePosition } from '@kompas/model';
import type { Role } from '@kompas/protocol';
import { css, html, LitElement, nothing } from 'lit';
import { COMMANDS, type CommandName } from '../core/commands.ts';
import './connection-badge.ts';
import { ICONS, logoMark } from '../ui/icons.ts';
import '../presence/people-list.ts';
import '../facilitation/phases/phase-control.ts';
import type { Peer } from '../core/presence.ts';
import { commandButton, fireCommand } from '../ui/command-button.ts';
import { sharedStyles, visuallyHidden } from '../ui/shared-styles.ts';

const ROLE_LABELS: Record<Role, string> = {
  facilitator: 'Facilitator',
  participant: 'Participant',
  observer: 'View only',
};

/**
 * The board's header: title and joint task, where the group is on the circle (with the facilitator's
 * controls), the tools (add note, undo/redo), who is here, the connection and your role. Tools
 * fire `board-command` ({ command }). The `timer` slot holds the workshop timer, beside the phase;
 * the `lock` slot what is locked;
 * the `invite` slot the invite links; the `export` slot the export menu. Facilitators click the title or the
 * task to change them.
 */
export class BoardHeader extends LitElement {
  static override properties = {
    boardTitle: { type: String, attribute: 'board-title' },
    task: { type: String },
    role: { type: String },
    readOnly: { type: Boolean, attribute: 'read-only' },
    status: { type: String },
    peers: { attribute: false },
    canUndo: { type: Boolean, attribute: 'can-undo' },
    canRedo: { type: Boolean, attribute: 'can-redo' },
    position: { attribute: false },
    canLead: { type: Boolean, attribute: 'can-lead' },
    stepsOpen: { type: Boolean, attribute: 'steps-open' },
    votingOpen: { type: Boolean, attribute: 'voting-open' },
  };

  declare boardTitle: string;
  declare task: string;
  declare role: Role;
  declare readOnly: boolean;
  declare status: ConnectionStatus;
  declare peers: readonly Peer[];
  declare canUndo: boolean;
  declare canRedo: boolean;
  /** Where the group is on the circle; null before the workshop starts. */
  declare position: PhasePosition | null;
  /** Whether this person leads the group: shows the phase buttons. */
  declare canLead: boolean;
  /** Whether the steps and diagnosis panel is shown. */
  declare stepsOpen: boolean;
  /** Whether the voting panel is shown. */
  declare votingOpen: boolean;

  constructor() {
    super();
    this.boardTitle = '';
    this.task = '';
    this.role = 'participant';
    this.readOnly = false;
    this.status = 'connecting';
    this.peers = [];
    this.canUndo = false;
    this.canRedo = false;
    this.position = null;
    this.canLead = false;
    this.stepsOpen = false;
    this.votingOpen = false;
  }

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        overflow: hidden;
        background: var(--k-color-surface);
        border-bottom: 1px solid var(--k-color-border);
        position: relative;
        z-index: 10;
      }
      header {
        display: flex;
        align-items: center;
        gap: 16px;
        height: 60px;
        padding: 0 14px 0 16px;
      }
      .home {
        display: grid;
        place-items: center;
        width: 34px;
        height: 34px;
        border-radius: var(--k-radius-md);
        flex: none;
      }
      .home:hover {
        background: var(--k-color-surface-hover);
      }
      .titles {
        min-width: 0;
        flex: 1 1 auto;
        display: grid;
        gap: 1px;
      }
      h1 {
        margin: 0;
        font-size: 15px;
        font-weight: 650;
        letter-spacing: -0.01em;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .titles.editable {
        cursor: pointer;
      }
      /* The facilitator's title is a button that opens the title and task dialog: it looks like the title. */
      .edit-details {
        display: inline-flex;
        align-items: center;
        gap: 6px;
        max-width: 100%;
        padding: 0;
        border: 0;
        background: none;
        font: inherit;
        color: inherit;
        cursor: pointer;
      }
      .edit-details .title-text {
        min-width: 0;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .edit-details .icon {
        flex: none;
        width: 13px;
        height: 13px;
        color: var(--k-color-text-subtle);
      }
      .task {
        margin: 0;
        font-size: 12.5px;
        color: var(--k-color-text-muted);
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .task strong {
        font-weight: 600;
        color: var(--k-color-text-subtle);
        text-transform: uppercase;
        font-size: 10.5px;
        letter-spacing: 0.06em;
        margin-right: 6px;
      }
      .tools {
        display: flex;
        align-items: center;
        gap: 4px;
        flex: none;
      }
      .aside {
        display: flex;
        align-items: center;
        gap: 12px;
        flex: none;
      }
      .role {
        display: inline-flex;
        align-items: center;
        gap: 6px;
        height: 28px;
        padding: 0 10px;
        border-radius: var(--k-radius-full);
        font-size: 12.5px;
        font-weight: 600;
        white-space: nowrap;
        background: var(--k-color-accent-soft);
        color: var(--k-color-accent);
      }
      .role.view-only {
        background: #fff4e5;
        color: #a2570b;
      }
      .role .icon {
        width: 15px;
        height: 15px;
      }
      .button[aria-pressed='true'] {
        background: var(--k-color-accent-soft);
        border-color: var(--k-color-accent);
        color: var(--k-color-accent);
      }
      .divider {
        width: 1px;
        height: 24px;
        background: var(--k-color-border);
        margin: 0 6px;
      }
      @media (max-width: 1100px) {
        .task {
          display: none;
        }
      }
      @media (max-width: 860px) {
        .label {
          display: none;
        }
      }
      @media (max-width: 640px) {
        header {
          flex-wrap: wrap;
          height: auto;
          gap: 6px 8px;
          padding: 10px 8px 8px;
        }
        .titles {
          flex-basis: 0;
        }
        /* No room beside the tools: where the group is gets a row of its own. */
        kompas-phase-control {
          order: 1;
          flex-basis: 100%;
          justify-content: center;
        }
        h1 {
          font-size: 14px;
        }
        .divider,
        .role:not(.view-only) {
          display: none;
        }
        .aside {
          gap: 6px;
        }
        .role .role-text {
          ${visuallyHidden}
        }
      }
    `,
  ];

  override render() {
    const viewOnly = this.readOnly;
    return html`<header>
      <a class="home" href="/" aria-label="Kompas home">${logoMark(26)}</a>
      <div class="titles ${this.canLead ? 'editable' : ''}" @click=${this.canLead ? this.editDetails : nothing}>
        <h1 title=${this.boardTitle}>${
          this.canLead
            ? html`<button class="edit-details" aria-haspopup="dialog" title=${COMMANDS['edit-details'].label}>
                <span class="title-text">${this.boardTitle || 'Untitled workshop'}</span>${ICONS.pencil}
              </button>`
            : this.boardTitle || 'Untitled workshop'
        }</h1>
        ${
          this.task
            ? html`<p class="task" title=${this.task}><strong>Joint task</strong>${this.task}</p>`
            : this.canLead
              ? html`<p class="task"><strong>Joint task</strong>not set yet, click to add it</p>`
              : nothing
        }
      </div>
      <kompas-phase-control .position=${this.position} .canLead=${this.canLead}></kompas-phase-control>
      <slot name="timer"></slot>
      <slot name="lock"></slot>
      <button
        class="button"
        aria-pressed=${this.stepsOpen ? 'true' : 'false'}
        @click=${() => this.command('toggle-steps')}
      >
        ${COMMANDS['toggle-steps'].label}
      </button>
      <button
        class="button"
        aria-pressed=${this.votingOpen ? 'true' : 'false'}
        @click=${() => this.command('toggle-voting')}
      >
        ${COMMANDS['toggle-voting'].label}
      </button>
      ${
        viewOnly
          ? nothing
          : html`<span class="divider" aria-hidden="true"></span>
              <div class="tools" role="group" aria-label="Board tools">
                <button
                  class="button primary"
                  aria-label=${COMMANDS['add-note'].label}
                  @click=${() => this.command('add-note')}
                >
                  ${ICONS.plus}<span class="label">${COMMANDS['add-note'].label}</span>
                </button>
                <div class="group">
                  ${commandButton(this, COMMANDS.undo, ICONS.undo, { disabled: !this.canUndo })}
                  ${commandButton(this, COMMANDS.redo, ICONS.redo, { disabled: !this.canRedo })}
                </div>
              </div>`
      }
      <span class="divider" aria-hidden="true"></span>
      <div class="aside">
        <slot name="invite"></slot>
        <slot name="export"></slot>
        <kompas-people-list .peers=${this.peers}></kompas-people-list>
        <kompas-connection-badge .status=${this.status}></kompas-connection-badge>
        <span
          class="role ${viewOnly ? 'view-only' : ''}"
          title=${viewOnly ? 'You can follow the board but not change it.' : `You take part as ${this.role}.`}
          >${viewOnly ? ICONS.eye : nothing}<span class="role-text"
            >${viewOnly ? ROLE_LABELS.observer : ROLE_LABELS[this.role]}</span
          ></span
        >
      </div>
    </header>`;
  }

  private command(command: CommandName): void {
    fireCommand(this, command);
  }

  /** A facilitator clicks the title (a button, also by keyboard) or the task to change them. */
  private readonly editDetails = (): void => this.command('edit-details');
}

customElements.define('kompas-board-header', BoardHeader);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-board-header': BoardHeader;
  }
}
