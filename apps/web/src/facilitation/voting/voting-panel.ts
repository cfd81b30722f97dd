import { getPhase, getStep, type VotingRound, type VotingScope } from '@kompas/model';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { NoteVoteDetail } from '../../core/board-events.ts';
import { stepPlace } from '../../core/note-label.ts';
import { type NoteVoting, sortedByVotes, type VotingState, votesText } from '../../core/voting-state.ts';
import { panelCloseButton, panelCloseStyles } from '../../ui/panel-close.ts';
import { sharedStyles, sidePanelStyles } from '../../ui/shared-styles.ts';

/** "the notes of Richten", "every note on the board". */
export function scopeText(scope: VotingScope): string {
  if (scope.kind === 'phase') return msg(str`the notes of ${getPhase(scope.phase).label.nl}`);
  if (scope.kind === 'step') return msg(str`the notes of ${getStep(scope.step).label.nl}`);
  return msg('every note on the board');
}

/** "3 votes per person, at most one per note on every note on the board.": the rules of a round. */
export function roundRulesText(round: Pick<VotingRound, 'budget' | 'maxPerNote' | 'scope'>): string {
  const votes = votesText(round.budget);
  const scope = scopeText(round.scope);
  const most = round.maxPerNote;
  if (most === undefined) return msg(str`${votes} per person on ${scope}.`);
  if (most === 1) return msg(str`${votes} per person, at most one per note on ${scope}.`);
  return msg(str`${votes} per person, at most ${most} per note on ${scope}.`);
}

/**
 * The voting round beside the board: what it is about, the notes in it with this person's votes and buttons
 * to vote for them or take a vote back, and the totals once they may be shown, sortable by votes. A
 * facilitator starts (`voting-new`) and closes (`voting-close`) rounds here; votes fire `note-vote`.
 */
export class VotingPanel extends LitElement {
  static override properties = {
    state: { attribute: false },
    canLead: { type: Boolean, attribute: 'can-lead' },
    sortByVotes: { state: true },
  };

  /** The latest round as this person sees it, or null before the first. */
  declare state: VotingState | null;
  declare canLead: boolean;
  /** The list order the person chose; null follows the round: sorted by votes once it has closed. */
  declare sortByVotes: boolean | null;
  private sortedRound: string | null = null;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.state = null;
    this.canLead = false;
    this.sortByVotes = null;
  }

  static override styles = [
    sharedStyles,
    sidePanelStyles,
    panelCloseStyles,
    css`
      :host {
        border-right: 1px solid var(--k-color-border);
      }
      h2 {
        margin: 0 0 8px;
      }
      p {
        margin: 0 0 10px;
      }
      .muted {
        color: var(--k-color-text-muted);
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
        margin-bottom: 14px;
      }
      .button[aria-pressed='true'] {
        background: var(--k-color-accent-soft);
        border-color: var(--k-color-accent);
        color: var(--k-color-accent);
      }
      ol {
        margin: 0;
        padding: 0;
        list-style: none;
        display: grid;
        gap: 8px;
      }
      li {
        display: grid;
        gap: 6px;
        padding: 8px 10px;
        border: 1px solid var(--k-color-border);
        border-radius: var(--k-radius-md);
      }
      .text {
        overflow-wrap: anywhere;
      }
      .row {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 8px;
      }
      .dots {
        color: var(--k-color-accent);
        letter-spacing: 2px;
      }
      .total {
        font-weight: 650;
        white-space: nowrap;
      }
      .vote-buttons {
        display: flex;
        gap: 4px;
      }
      .vote-buttons .button {
        height: 28px;
        padding: 0 10px;
      }
    `,
  ];

  protected override willUpdate(): void {
    const roundId = this.state?.round.id ?? null;
    if (roundId === this.sortedRound) return;
    // A new round starts in the order of the round again.
    this.sortedRound = roundId;
    this.sortByVotes = null;
  }

  override render() {
    const state = this.state;
    return html`${panelCloseButton(this, 'toggle-voting')}<section aria-labelledby="voting-heading">
      <h2 id="voting-heading">${msg('Voting')}</h2>
      ${state ? this.renderRound(state) : this.renderNoRound()}
    </section>`;
  }

  private renderNoRound() {
    return html`<p class="muted">${msg('No voting round yet.')}</p>
      ${this.canLead ? html`<div class="actions">${this.startButton()}</div>` : nothing}`;
  }

  private startButton() {
    return html`<button class="button primary" @click=${() => this.fire('voting-new')}>${msg('Start voting')}</button>`;
  }

  private renderRound(state: VotingState) {
    const { round } = state;
    const sorted = state.resultsShown && (this.sortByVotes ?? !state.open);
    const notes = sorted ? sortedByVotes(state.notes) : state.notes;
    return html`<p>
        ${state.open ? msg('Open', { id: 'voting-round-open', desc: 'a voting round that takes votes' }) : msg('Closed', { desc: 'a voting round' })}:
        ${roundRulesText(round)}
        ${round.results === 'hidden' && state.open ? msg('Totals show when voting closes.') : nothing}
      </p>
      ${state.votes ? html`<p>${msg(str`You have ${votesText(state.left)} left.`)}</p>` : nothing}
      ${this.canLead && state.open ? html`<p class="muted">${msg(str`${votesText(state.cast)} cast so far.`)}</p>` : nothing}
      <div class="actions">
        ${
          this.canLead
            ? state.open
              ? html`<button class="button primary" @click=${() => this.fire('voting-close')}>${msg('Close voting')}</button>`
              : this.startButton()
            : nothing
        }
        ${
          state.resultsShown
            ? html`<button
                class="button"
                aria-pressed=${sorted ? 'true' : 'false'}
                @click=${() => {
                  this.sortByVotes = !sorted;
                }}
              >
                ${msg('Sort by votes')}
              </button>`
            : nothing
        }
      </div>
      ${
        notes.length === 0
          ? html`<p class="muted">${msg('There are no notes to vote on here.')}</p>`
          : html`<ol aria-label=${state.open ? msg('Notes to vote on') : msg('Voting results')}>
              ${repeat(
                notes,
                (item) => item.note.id,
                (item) => this.renderNote(item, state),
              )}
            </ol>`
      }`;
  }

  private renderNote(item: NoteVoting, state: VotingState) {
    const { note, mine, total } = item;
    const text = note.text.replace(/\s+/g, ' ');
    return html`<li data-note-id=${note.id}>
      <span class="text">${text}</span>
      <span class="muted">${stepPlace(note)}</span>
      <div class="row">
        <span>
          ${mine > 0 ? html`<span class="dots" aria-hidden="true">${'●'.repeat(mine)}</span>` : nothing}
          ${mine > 0 ? html`<span class="visually-hidden">${msg(str`Your votes: ${mine}`)}</span>` : nothing}
          ${total !== null ? html`<span class="total">${votesText(total)}</span>` : nothing}
        </span>
        ${
          state.votes
            ? html`<span class="vote-buttons">
                <button
                  class="button"
                  aria-label=${msg(str`Take back vote on ${text}`)}
                  ?disabled=${!item.canTakeBack}
                  @click=${() => this.vote(note.id, true)}
                >
                  −
                </button>
                <button
                  class="button primary"
                  aria-label=${msg(str`Vote for ${text}`)}
                  ?disabled=${!item.canAdd}
                  @click=${() => this.vote(note.id, false)}
                >
                  ${msg('+ Vote')}
                </button>
              </span>`
            : nothing
        }
      </div>
    </li>`;
  }

  private vote(id: string, takeBack: boolean): void {
    this.dispatchEvent(new CustomEvent<NoteVoteDetail>('note-vote', { detail: { id, takeBack } }));
  }

  private fire(type: 'voting-new' | 'voting-close'): void {
    this.dispatchEvent(new CustomEvent(type));
  }
}

customElements.define('kompas-voting-panel', VotingPanel);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-voting-panel': VotingPanel;
  }
}
