import {
  getPhase,
  type PhaseId,
  STEPS,
  type StepId,
  VOTE_BUDGET_MAX,
  type VotingResults,
  type VotingScope,
} from '@kompas/model';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { showModalWhile } from '../../ui/modal.ts';
import { dialogStyles, sharedStyles } from '../../ui/shared-styles.ts';

export interface VotingStartDetail {
  budget: number;
  /** 1 when votes must be spread over the notes; absent when a person may stack them on one note. */
  maxPerNote?: number;
  scope: VotingScope;
  results: VotingResults;
}

type ScopeKind = VotingScope['kind'];

const DEFAULT_BUDGET = 3;

/**
 * Where the facilitator sets up a voting round: votes per person, whether they must be spread (at most one
 * per note), which notes (the whole board, the current phase or one step) and whether totals show while it
 * runs. Open while `open`; fires `voting-start` ({ budget, maxPerNote, scope, results }) or `voting-cancel`
 * (Escape counts as cancelling).
 */
export class VotingDialog extends LitElement {
  static override properties = {
    open: { type: Boolean },
    phase: { attribute: false },
    budget: { state: true },
    spread: { state: true },
    scopeKind: { state: true },
    step: { state: true },
    results: { state: true },
  };

  declare open: boolean;
  /** The group's current phase, or null before the workshop starts (then no phase can be chosen). */
  declare phase: PhaseId | null;
  declare budget: string;
  /** At most one vote per person on each note. */
  declare spread: boolean;
  declare scopeKind: ScopeKind;
  declare step: StepId;
  declare results: VotingResults;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.open = false;
    this.phase = null;
    this.budget = String(DEFAULT_BUDGET);
    this.spread = false;
    this.scopeKind = 'board';
    this.step = STEPS[0]?.id ?? '';
    this.results = 'hidden';
  }

  static override styles = [
    sharedStyles,
    dialogStyles,
    css`
      dialog {
        width: min(440px, calc(100vw - 32px));
      }
      h2 {
        margin: 0 0 16px;
        font-size: 18px;
      }
      form {
        display: grid;
        gap: 16px;
      }
      fieldset {
        margin: 0;
        padding: 0;
        border: 0;
        display: grid;
        gap: 6px;
      }
      legend {
        margin-bottom: 6px;
        font-size: 13px;
        font-weight: 600;
      }
      .option {
        display: flex;
        align-items: center;
        gap: 8px;
        font-size: 14px;
      }
      input[type='number'],
      select {
        font: inherit;
        font-size: 14px;
        padding: 6px 8px;
        border-radius: var(--k-radius-md);
        border: 1px solid var(--k-color-border-strong);
        background: var(--k-color-surface);
      }
      input[type='number'] {
        width: 90px;
      }
      select {
        margin-left: 26px;
      }
      .actions {
        display: flex;
        justify-content: flex-end;
        gap: 8px;
      }
    `,
  ];

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('open') && this.open) this.reset();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('open')) showModalWhile(this.renderRoot, this.open);
  }

  private reset(): void {
    this.budget = String(DEFAULT_BUDGET);
    this.spread = false;
    this.scopeKind = this.phase ? 'phase' : 'board';
    const firstStep = this.phase ? getPhase(this.phase).steps[0] : undefined;
    this.step = firstStep?.id ?? this.step;
    this.results = 'hidden';
  }

  override render() {
    // The form exists only while the dialog is open, so its labels never answer for the page's own.
    return html`<dialog aria-labelledby="voting-title" @cancel=${this.onCancel}>
      <h2 id="voting-title">${msg('Start a voting round')}</h2>
      ${this.open ? this.renderForm() : nothing}
    </dialog>`;
  }

  private renderForm() {
    const phase = this.phase ? getPhase(this.phase) : null;
    return html`<form @submit=${this.onSubmit}>
        <div class="field">
          <label for="budget">${msg('Votes per person')}</label>
          <input
            id="budget"
            type="number"
            min="1"
            max=${VOTE_BUDGET_MAX}
            step="1"
            required
            .value=${this.budget}
            @input=${(event: Event) => {
              this.budget = (event.target as HTMLInputElement).value;
            }}
          />
        </div>
        <label class="option">
          <input
            type="checkbox"
            .checked=${this.spread}
            @change=${(event: Event) => {
              this.spread = (event.target as HTMLInputElement).checked;
            }}
          />${msg('At most one vote per note')}
        </label>
        <fieldset>
          <legend>${msg('Vote on')}</legend>
          ${this.scopeOption('board', msg('The whole board'))}
          ${this.scopeOption(
            'phase',
            phase ? msg(str`The current phase (${phase.label.nl})`) : msg('The current phase'),
            !phase,
          )}
          ${this.scopeOption('step', msg('One step'))}
          <select
            aria-label=${msg('Step to vote on')}
            ?disabled=${this.scopeKind !== 'step'}
            @change=${(event: Event) => {
              this.step = (event.target as HTMLSelectElement).value;
            }}
          >
            ${STEPS.map(
              (step) =>
                html`<option value=${step.id} ?selected=${step.id === this.step}>
                  ${step.label.nl} (${getPhase(step.phase).label.nl})
                </option>`,
            )}
          </select>
        </fieldset>
        <fieldset>
          <legend>${msg('Results')}</legend>
          ${this.resultsOption('hidden', msg('Hidden until voting closes'))}
          ${this.resultsOption('live', msg('Shown live as votes come in'))}
        </fieldset>
        <div class="actions">
          <button type="button" class="button" @click=${this.cancel}>${msg('Cancel')}</button>
          <button type="submit" class="button primary">${msg('Start voting')}</button>
        </div>
      </form>`;
  }

  private scopeOption(kind: ScopeKind, label: string, disabled = false) {
    return html`<label class="option">
      <input
        type="radio"
        name="scope"
        .checked=${this.scopeKind === kind}
        ?disabled=${disabled}
        @change=${() => {
          this.scopeKind = kind;
        }}
      />${label}
    </label>`;
  }

  private resultsOption(results: VotingResults, label: string) {
    return html`<label class="option">
      <input
        type="radio"
        name="results"
        .checked=${this.results === results}
        @change=${() => {
          this.results = results;
        }}
      />${label}
    </label>`;
  }

  private scope(): VotingScope {
    if (this.scopeKind === 'phase' && this.phase) return { kind: 'phase', phase: this.phase };
    if (this.scopeKind === 'step') return { kind: 'step', step: this.step };
    return { kind: 'board' };
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const detail: VotingStartDetail = {
      budget: Number(this.budget),
      ...(this.spread ? { maxPerNote: 1 } : {}),
      scope: this.scope(),
      results: this.results,
    };
    this.dispatchEvent(new CustomEvent<VotingStartDetail>('voting-start', { detail }));
  }

  private onCancel(event: Event): void {
    event.preventDefault();
    this.cancel();
  }

  private cancel(): void {
    this.dispatchEvent(new CustomEvent('voting-cancel'));
  }
}

customElements.define('kompas-voting-dialog', VotingDialog);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-voting-dialog': VotingDialog;
  }
}
