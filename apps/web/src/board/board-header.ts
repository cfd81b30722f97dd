import type { ConnectionStatus } from '@kompas/client';
import type { PhasePosition } from '@kompas/model';
import type { Role } from '@kompas/protocol';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement, nothing } from 'lit';
import { COMMANDS, type CommandName } from '../core/commands.ts';
import './connection-badge.ts';
import { ICONS, logoMark } from '../ui/icons.ts';
import '../ui/language-switch.ts';
import '../presence/people-list.ts';
import '../facilitation/phases/phase-control.ts';
import type { PlanMove } from '../core/plan-state.ts';
import type { Peer } from '../core/presence.ts';
import { commandButton, fireCommand } from '../ui/command-button.ts';
import { sharedStyles } from '../ui/shared-styles.ts';
import { boardHeaderStyles } from './board-header-styles.ts';
import { HeaderFit } from './header-fit.ts';

const roleLabels = (): Record<Role, string> => ({
  facilitator: msg('Facilitator'),
  participant: msg('Participant'),
  observer: msg('View only'),
});

/** The role's badge's tooltip. */
const roleHints = (): Record<Role, string> => ({
  facilitator: msg('You take part as facilitator.'),
  participant: msg('You take part as participant.'),
  observer: msg('You can follow the board but not change it.'),
});

/**
 * The board's header: title and joint task, where the group is on the circle (with the facilitator's
 * controls), the panels, the tools (add note, undo/redo), who is here, the connection and your role. Tools
 * fire `board-command` ({ command }). The `timer` slot holds the workshop timer, beside the phase; the `lock`
 * slot what is locked; the `invite` slot sharing the board, beside the `export` slot's export menu.
 * Facilitators click the title (a button, also by keyboard) or the task to change them.
 * Where everything fits it is one row (HeaderFit); else the title has the top row and the workshop's tools a
 * row of their own (board-header-styles.ts), so every control keeps its label.
 */
export class BoardHeader extends LitElement {
  static override properties = {
    boardTitle: { type: String, attribute: 'board-title' },
    task: { type: String },
    // Not `role`: an element's `role` is its ARIA role, which an undefined element would take it for.
    personRole: { attribute: false },
    readOnly: { type: Boolean, attribute: 'read-only' },
    status: { type: String },
    peers: { attribute: false },
    canUndo: { type: Boolean, attribute: 'can-undo' },
    canRedo: { type: Boolean, attribute: 'can-redo' },
    position: { attribute: false },
    canLead: { type: Boolean, attribute: 'can-lead' },
    planMove: { attribute: false },
    stepsOpen: { type: Boolean, attribute: 'steps-open' },
    votingOpen: { type: Boolean, attribute: 'voting-open' },
    issuesOpen: { type: Boolean, attribute: 'issues-open' },
    moreOpen: { state: true },
  };

  declare boardTitle: string;
  declare task: string;
  declare personRole: Role;
  declare readOnly: boolean;
  declare status: ConnectionStatus;
  declare peers: readonly Peer[];
  declare canUndo: boolean;
  declare canRedo: boolean;
  /** Where the group is on the circle; null before the workshop starts. */
  declare position: PhasePosition | null;
  /** Whether this person leads the group: shows the phase buttons. */
  declare canLead: boolean;
  /** What Next does by the meeting's plan, if it has one. */
  declare planMove: PlanMove | null;
  /** Whether the steps and diagnosis panel is shown. */
  declare stepsOpen: boolean;
  /** Whether the voting panel is shown. */
  declare votingOpen: boolean;
  declare issuesOpen: boolean;
  /** On a phone: whether sharing, export and the people are shown, under "More". */
  declare moreOpen: boolean;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.boardTitle = '';
    this.task = '';
    this.personRole = 'participant';
    this.readOnly = false;
    this.status = 'connecting';
    this.peers = [];
    this.canUndo = false;
    this.canRedo = false;
    this.position = null;
    this.canLead = false;
    this.planMove = null;
    this.stepsOpen = false;
    this.votingOpen = false;
    this.issuesOpen = false;
    this.moreOpen = false;
    new HeaderFit(this);
  }

  static override styles = [sharedStyles, boardHeaderStyles];

  override render() {
    const viewOnly = this.readOnly;
    return html`<header>
      <div class="ruler"></div>
      <a class="home" href="/" aria-label=${msg('Kompas home')}>${logoMark(26)}</a>
      <div class="titles ${this.canLead ? 'editable' : ''}" @click=${this.canLead ? this.editDetails : nothing}>
        <h1 title=${this.boardTitle}>${
          this.canLead
            ? html`<button class="edit-details" aria-haspopup="dialog" title=${COMMANDS['edit-details'].label}>
                <span class="title-text">${this.boardTitle || msg('Untitled workshop')}</span>${ICONS.pencil}
              </button>`
            : this.boardTitle || msg('Untitled workshop')
        }</h1>
        ${
          this.task
            ? html`<p class="task" title=${this.task}><strong>${msg('Joint task')}</strong>${this.task}</p>`
            : this.canLead
              ? html`<p class="task"><strong>${msg('Joint task')}</strong>${msg('not set yet, click to add it')}</p>`
              : nothing
        }
      </div>
      <div class="toolbar">
        <div class="where">
          <kompas-phase-control
            .position=${this.position}
            .canLead=${this.canLead}
            .planMove=${this.planMove}
          ></kompas-phase-control>
          <slot name="timer"></slot>
          <slot name="lock"></slot>
        </div>
        <div class="panels">
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
          <button
            class="button"
            aria-pressed=${this.issuesOpen ? 'true' : 'false'}
            @click=${() => this.command('toggle-issues')}
          >
            ${COMMANDS['toggle-issues'].label}
          </button>
          ${this.renderRounds('rounds-wide')}
        </div>
        ${
          viewOnly
            ? nothing
            : html`<div class="tools" role="group" aria-label=${msg('Board tools')}>
                <button
                  class="button primary add-note"
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
      </div>
      <div class="aside ${this.moreOpen ? 'open' : ''}" id="aside">
        ${this.renderRounds('rounds-phone')}
        <slot name="invite"></slot>
        <slot name="export"></slot>
        <kompas-people-list .peers=${this.peers}></kompas-people-list>
        <kompas-language-switch></kompas-language-switch>
      </div>
      <div class="status">
        <kompas-connection-badge .status=${this.status}></kompas-connection-badge>
        <button
          class="button more"
          aria-expanded=${this.moreOpen ? 'true' : 'false'}
          aria-controls="aside"
          @click=${() => {
            this.moreOpen = !this.moreOpen;
          }}
        >
          ${msg('More')}
        </button>
        <span
          class="role ${viewOnly ? 'view-only' : ''}"
          title=${roleHints()[viewOnly ? 'observer' : this.personRole]}
          >${viewOnly ? ICONS.eye : nothing}<span class="role-text"
            >${roleLabels()[viewOnly ? 'observer' : this.personRole]}</span
          ></span
        >
      </div>
    </header>`;
  }

  /**
   * The round view, from round 2 on, when there is something to compare (a note's menu opens it in round 1
   * too): beside the panels, or on a phone, where the panels fill their row, under "More".
   */
  private renderRounds(place: 'rounds-wide' | 'rounds-phone') {
    if ((this.position?.round ?? 1) < 2) return nothing;
    return html`<button class="button ${place}" aria-haspopup="dialog" @click=${() => this.command('show-rounds')}>
      ${COMMANDS['show-rounds'].label}
    </button>`;
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
