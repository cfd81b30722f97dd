import {
  diagnose,
  type Facilitation,
  getPhase,
  getStep,
  isStepStatus,
  type PhaseDiagnosis,
  STEP_STATUSES,
  type StepId,
  type StepStatus,
} from '@kompas/model';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import type * as Y from 'yjs';
import { meetingList, noteList } from '../../core/board-values.ts';
import { type DiagnosisScope, scopedDiagnosisInput } from '../../core/diagnosis-scope.ts';
import { compareRounds } from '../../core/rounds-compared.ts';
import { BoundValue } from '../../ui/bound-value.ts';
import { durationText } from './duration-text.ts';
import { flagStyles } from './flag-styles.ts';
import './phase-guidance.ts';
import './rounds-compared-panel.ts';
import { panelCloseButton, panelCloseStyles } from '../../ui/panel-close.ts';
import { sharedStyles, sidePanelStyles } from '../../ui/shared-styles.ts';
import { keepsBeingSkippedText, notesCount } from './rounds-compared-text.ts';

/** Time spent grows while the panel is open, so it re-renders now and then. */
const REFRESH_MS = 30_000;

const stepStatusLabels = (): Readonly<Record<StepStatus, string>> => ({
  open: msg('open', { desc: 'a step’s status: not worked on yet' }),
  'in-progress': msg('in progress', { desc: 'a step’s status' }),
  done: msg('done', { desc: 'a step’s status' }),
});

/** The flag of a step skipped round after round, which should not go unnoticed. */
function keptSkippedFlag(keptSkipped: ReadonlySet<StepId>, step: StepId) {
  return keptSkipped.has(step) ? html`<span class="flag danger">${keepsBeingSkippedText()}</span>` : nothing;
}

export interface StepStatusChangeDetail {
  step: StepId;
  status: StepStatus;
}

/** A facilitator's "Tidy": every note of the step into its rows. */
export interface StepTidyDetail {
  step: StepId;
}

/**
 * The analysis frame beside the board: the steps of the current phase with their notes and status (a
 * facilitator sets the status, firing `step-status-change`, and tidies a step's notes into rows, firing
 * `step-tidy`), guiding questions for the phase, what to take up next (the `next-step` slot), and the
 * diagnosis of the whole session.
 */
export class StepsPanel extends LitElement {
  static override properties = {
    doc: { attribute: false },
    controlDoc: { attribute: false },
    facilitation: { attribute: false },
    canLead: { type: Boolean, attribute: 'can-lead' },
    scope: { state: true },
  };

  /** The board document, for counting notes per step. */
  declare doc: Y.Doc | undefined;
  declare controlDoc: Y.Doc | undefined;
  /** What the diagnosis covers once the board has had more than one meeting. */
  declare scope: DiagnosisScope;
  declare facilitation: Facilitation | undefined;
  declare canLead: boolean;
  private readonly notes = new BoundValue(this, () => this.doc, noteList, []);
  private readonly meetings = new BoundValue(this, () => this.controlDoc, meetingList, []);
  private refreshTimer: ReturnType<typeof setInterval> | undefined;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.doc = undefined;
    this.controlDoc = undefined;
    this.facilitation = undefined;
    this.canLead = false;
    this.scope = 'trajectory';
  }

  static override styles = [
    sharedStyles,
    sidePanelStyles,
    panelCloseStyles,
    flagStyles,
    css`
      :host {
        border-left: 1px solid var(--k-color-border);
      }
      h2 {
        margin: 0 0 10px;
      }
      h3 {
        margin: 14px 0 6px;
        font-size: 13.5px;
      }
      section + section {
        margin-top: 20px;
      }
      .scope {
        display: flex;
        gap: 6px;
        margin-bottom: 4px;
      }
      .muted {
        color: var(--k-color-text-muted);
      }
      ol {
        margin: 0;
        padding: 0;
        list-style: none;
        display: grid;
        gap: 8px;
      }
      li {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 8px;
        padding: 8px 10px;
        border: 1px solid var(--k-color-border);
        border-radius: var(--k-radius-md);
      }
      .step-name {
        display: grid;
        gap: 2px;
      }
      select {
        font: inherit;
        padding: 4px 6px;
        border-radius: var(--k-radius-md);
        border: 1px solid var(--k-color-border-strong);
        background: var(--k-color-surface);
      }
      .controls {
        display: flex;
        align-items: center;
        gap: 6px;
      }
      .status {
        padding: 2px 8px;
        border-radius: var(--k-radius-full);
        background: var(--k-color-surface-muted);
        white-space: nowrap;
      }
      table {
        width: 100%;
        border-collapse: collapse;
      }
      th,
      td {
        padding: 4px 4px;
        text-align: left;
        border-bottom: 1px solid var(--k-color-border);
        vertical-align: top;
      }
      th {
        font-weight: 600;
        color: var(--k-color-text-muted);
        font-size: 12px;
      }
      .step-name .flag {
        justify-self: start;
        white-space: nowrap;
      }
      kompas-rounds-compared {
        margin-top: 20px;
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    this.refreshTimer = setInterval(() => this.requestUpdate(), REFRESH_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.refreshTimer);
  }

  override render() {
    const facilitation = this.facilitation;
    if (!facilitation) return nothing;
    const meetings = this.meetings.value;
    const diagnosis = diagnose({
      ...scopedDiagnosisInput(facilitation.history, this.notes.value, meetings, this.scope),
      stepStatuses: facilitation.stepStatuses,
      now: Date.now(),
    });
    const current = diagnosis.phases.find((phase) => phase.phase === facilitation.phase);
    const compared = compareRounds(facilitation.history, this.notes.value, Date.now());
    const keptSkipped = new Set(compared?.keepsBeingSkipped);
    return html`${panelCloseButton(this, 'toggle-steps')}<section aria-labelledby="steps-title">
        <h2 id="steps-title">${msg(str`Steps of ${getPhase(facilitation.phase).label.nl}`)}</h2>
        ${
          facilitation.started && current
            ? this.renderCurrentSteps(current, keptSkipped)
            : html`<p class="muted">${msg('The workshop has not started yet.')}</p>`
        }
        <kompas-phase-guidance .phase=${facilitation.phase}></kompas-phase-guidance>
        <slot name="next-step"></slot>
      </section>
      <section aria-labelledby="diagnosis-title" role="region">
        <h2 id="diagnosis-title">${msg('Diagnosis')}</h2>
        ${meetings.length > 1 ? this.renderScope(meetings.length) : nothing}
        ${diagnosis.phases.map((phase) => this.renderPhaseDiagnosis(phase, keptSkipped))}
      </section>
      ${compared ? html`<kompas-rounds-compared .compared=${compared}></kompas-rounds-compared>` : nothing}`;
  }

  private renderCurrentSteps(phase: PhaseDiagnosis, keptSkipped: ReadonlySet<StepId>) {
    const statusLabels = stepStatusLabels();
    return html`<ol aria-label=${msg('Status per step')}>
      ${phase.steps.map((step) => {
        const label = getStep(step.step).label.nl;
        return html`<li>
          <span class="step-name"
            ><strong>${label}</strong
            ><span class="muted">${notesCount(step.notes)}</span>${keptSkippedFlag(keptSkipped, step.step)}</span
          >
          ${
            this.canLead
              ? html`<span class="controls">
                  <select
                    aria-label=${msg(str`Status of ${label}`)}
                    @change=${(event: Event) => this.changeStatus(step.step, event)}
                  >
                    ${STEP_STATUSES.map(
                      (status) =>
                        html`<option value=${status} ?selected=${status === step.status}>
                          ${statusLabels[status]}
                        </option>`,
                    )}
                  </select>
                  <button
                    class="button"
                    aria-label=${msg(str`Tidy ${label}`)}
                    title=${msg(str`Arrange the notes of ${label} in rows, none covering another`)}
                    ?disabled=${step.notes === 0}
                    @click=${() => this.tidy(step.step)}
                  >
                    ${msg('Tidy')}
                  </button>
                </span>`
              : html`<span class="status">${statusLabels[step.status]}</span>`
          }
        </li>`;
      })}
    </ol>`;
  }

  private renderScope(count: number) {
    const choice = (scope: DiagnosisScope, text: string) =>
      html`<button
        class="button"
        aria-pressed=${this.scope === scope ? 'true' : 'false'}
        @click=${() => {
          this.scope = scope;
        }}
      >
        ${text}
      </button>`;
    return html`<div class="scope" role="group" aria-label=${msg('What the diagnosis covers')}>
      ${choice('trajectory', msg(str`All ${count} meetings`))} ${choice('meeting', msg(str`Meeting ${count}`))}
    </div>`;
  }

  private renderPhaseDiagnosis(phase: PhaseDiagnosis, keptSkipped: ReadonlySet<StepId>) {
    const label = getPhase(phase.phase).label.nl;
    const statusLabels = stepStatusLabels();
    const summary = phase.visited
      ? [msg('Visited'), durationText(phase.timeSpent), notesCount(phase.notes)].join(' · ')
      : msg('Not visited');
    return html`<h3>${label}</h3>
      <p class="muted">
        ${summary} ${phase.neverReturnedTo ? html`<span class="flag">${msg('Never returned to')}</span>` : nothing}
      </p>
      <table aria-label=${msg(str`Diagnosis of ${label}`)}>
        <thead>
          <tr>
            <th scope="col">${msg('Step')}</th>
            <th scope="col">${msg('Visited')}</th>
            <th scope="col">${msg('Notes')}</th>
            <th scope="col">${msg('Status')}</th>
          </tr>
        </thead>
        <tbody>
          ${phase.steps.map(
            (step) => html`<tr>
              <th scope="row">
                ${getStep(step.step).label.nl}
                ${step.skipped ? html`<span class="flag">${msg('Skipped')}</span>` : nothing}
                ${keptSkippedFlag(keptSkipped, step.step)}
              </th>
              <td>${step.visited ? msg('yes') : msg('no')}</td>
              <td>${step.notes}</td>
              <td>${statusLabels[step.status]}</td>
            </tr>`,
          )}
        </tbody>
      </table>`;
  }

  private tidy(step: StepId): void {
    this.dispatchEvent(new CustomEvent<StepTidyDetail>('step-tidy', { detail: { step } }));
  }

  private changeStatus(step: StepId, event: Event): void {
    const status = (event.target as HTMLSelectElement).value;
    if (!isStepStatus(status)) return;
    this.dispatchEvent(
      new CustomEvent<StepStatusChangeDetail>('step-status-change', { detail: { step, status } }),
    );
  }
}

customElements.define('kompas-steps-panel', StepsPanel);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-steps-panel': StepsPanel;
  }
}
