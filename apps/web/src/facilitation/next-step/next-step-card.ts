import { getPhase, getStep, type StepId } from '@kompas/model';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { nextStep, type SuggestionSource } from '../../core/next-step.ts';
import { inLanguage } from '../../i18n/language.ts';
import { BoundValue } from '../../ui/bound-value.ts';
import { ICONS } from '../../ui/icons.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';

/** A facilitator's "Add to the plan" on the suggested step. */
export interface NextStepAddDetail {
  step: StepId;
}

/**
 * Agenda setting with the model: the step the group could take up next and why (planned, skipped or neglected
 * earlier, a phase never returned to, or simply the next one round the circle), the step's points of
 * attention, and what its phase asks of the roles and of the conversation. Facilitators add it to the current
 * meeting's plan (`next-step-add`); everyone else reads it.
 */
export class NextStepCard extends LitElement {
  static override properties = {
    source: { attribute: false },
    canLead: { type: Boolean, attribute: 'can-lead' },
  };

  /** The board's documents: its notes, and the control document's history, plan and agenda. */
  declare source: SuggestionSource | undefined;
  declare canLead: boolean;
  private readonly reading = new BoundValue(this, () => this.source, nextStep, null);

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.source = undefined;
    this.canLead = false;
  }

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        margin-top: 16px;
      }
      section {
        display: grid;
        gap: 8px;
        padding: 12px;
        border: 1px solid var(--k-color-accent-soft);
        border-left: 3px solid var(--k-color-accent);
        border-radius: var(--k-radius-md);
        background: var(--k-color-surface);
      }
      h3 {
        margin: 0;
        font-size: 12px;
        font-weight: 600;
        letter-spacing: 0.02em;
        text-transform: uppercase;
        color: var(--k-color-text-muted);
      }
      h4 {
        margin: 4px 0 0;
        font-size: 12.5px;
      }
      p {
        margin: 0;
        line-height: 1.45;
      }
      .step {
        display: flex;
        align-items: baseline;
        flex-wrap: wrap;
        gap: 6px;
        font-size: 15px;
      }
      .muted {
        color: var(--k-color-text-muted);
        font-size: 13px;
      }
      ul {
        margin: 0;
        padding-left: 18px;
        display: grid;
        gap: 4px;
        line-height: 1.4;
      }
      dl {
        display: grid;
        gap: 4px;
        margin: 0;
      }
      dt {
        margin-top: 4px;
        font-weight: 600;
        font-size: 12.5px;
      }
      dd {
        margin: 0;
        line-height: 1.4;
      }
      .actions {
        display: flex;
        align-items: center;
        gap: 8px;
        margin-top: 4px;
      }
      .in-plan {
        display: inline-flex;
        align-items: center;
        gap: 4px;
        color: var(--k-color-success);
        font-weight: 600;
      }
    `,
  ];

  override render() {
    const reading = this.reading.value;
    if (!reading) return nothing;
    const { suggestion, inPlan } = reading;
    const step = getStep(suggestion.step);
    return html`<section aria-labelledby="next-step-title">
      <h3 id="next-step-title">${msg('Suggested next step')}</h3>
      <p class="step"><strong>${step.label.nl}</strong><span class="muted">${getPhase(step.phase).label.nl}</span></p>
      <p>${inLanguage(suggestion.because)}</p>
      ${
        suggestion.attention.length > 0
          ? html`<h4 id="attention-title">${msg('Points of attention')}</h4>
              <ul aria-labelledby="attention-title">
                ${suggestion.attention.map((point) => html`<li>${inLanguage(point)}</li>`)}
              </ul>`
          : nothing
      }
      <dl>
        <dt>${msg('Roles')}</dt>
        <dd>${inLanguage(suggestion.roles)}</dd>
        <dt>${msg('The conversation')}</dt>
        <dd>${inLanguage(suggestion.conversation)}</dd>
      </dl>
      ${this.renderAction(suggestion.step, inPlan)}
    </section>`;
  }

  private renderAction(step: StepId, inPlan: boolean) {
    if (inPlan) return html`<p class="actions in-plan">${ICONS.check}${msg('In this meeting’s plan')}</p>`;
    if (!this.canLead) return nothing;
    return html`<div class="actions">
      <button class="button primary" @click=${() => this.add(step)}>${ICONS.plus}${msg('Add to the plan')}</button>
    </div>`;
  }

  private add(step: StepId): void {
    this.dispatchEvent(new CustomEvent<NextStepAddDetail>('next-step-add', { detail: { step } }));
  }
}

customElements.define('kompas-next-step-card', NextStepCard);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-next-step-card': NextStepCard;
  }
}
