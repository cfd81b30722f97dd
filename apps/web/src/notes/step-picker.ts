import { getPhase, getStep, type StepId } from '@kompas/model';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement } from 'lit';
import { inLanguage } from '../i18n/language.ts';
import { cssProperties } from '../ui/css-properties.ts';
import { PHASE_COLORS } from '../ui/design-tokens.ts';
import { sharedStyles } from '../ui/shared-styles.ts';

export interface StepChooseDetail {
  step: StepId;
}

/** "Belangen · Richten": the step a note is for, and its phase. */
export function stepName(step: StepId): string {
  const { label, phase } = getStep(step);
  return `${label.nl} · ${getPhase(phase).label.nl}`;
}

/**
 * Above the note editor: the phase of the note's step and its three steps, the note's step pressed. A new
 * note can go to another step of the phase with one click (fires `step-choose`); an existing note only
 * shows its step (it moves by dragging). Pressing a step leaves the focus where it was, in the text.
 */
export class StepPicker extends LitElement {
  static override properties = {
    step: { type: String },
    choose: { type: Boolean },
  };

  declare step: StepId;
  /** Whether another step of the phase can be chosen. */
  declare choose: boolean;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.step = 'verkennen.eigen-situatie';
    this.choose = false;
  }

  static override styles = [
    sharedStyles,
    css`
      .picker {
        display: inline-flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 4px;
        max-width: min(600px, calc(100vw - 16px));
        padding: 3px;
        border-radius: 18px;
        background: var(--k-color-surface);
        border: 1px solid var(--k-color-border);
        box-shadow: var(--k-shadow-md);
        font-size: 12.5px;
        line-height: 1;
        white-space: nowrap;
      }
      .phase {
        display: inline-flex;
        align-items: center;
        gap: 6px;
        padding: 0 6px 0 8px;
        font-weight: 650;
        color: var(--k-color-text);
      }
      .phase::before {
        content: '';
        width: 8px;
        height: 8px;
        border-radius: 50%;
        background: var(--phase-color);
      }
      .name {
        padding: 6px 10px 6px 0;
        color: var(--k-color-text-muted);
      }
      button {
        padding: 6px 10px;
        border: 0;
        border-radius: var(--k-radius-full);
        background: transparent;
        color: var(--k-color-text-muted);
        cursor: pointer;
      }
      button:hover {
        background: var(--k-color-surface-hover);
        color: var(--k-color-text);
      }
      button[aria-pressed='true'] {
        background: var(--phase-color);
        color: #fff;
        font-weight: 600;
      }
      button:focus-visible {
        outline: 2px solid var(--k-color-focus);
        outline-offset: 1px;
      }
    `,
  ];

  override render() {
    const { phase: phaseId, label } = getStep(this.step);
    const phase = getPhase(phaseId);
    const color = cssProperties({ '--phase-color': PHASE_COLORS[phaseId] });
    if (!this.choose) {
      return html`<div class="picker" ${color}>
        <span class="phase">${phase.label.nl}</span><span class="name">${label.nl}</span>
      </div>`;
    }
    return html`<div class="picker" role="group" aria-label=${msg(str`Step of ${phase.label.nl}`)} ${color}>
      <span class="phase" aria-hidden="true">${phase.label.nl}</span>
      ${phase.steps.map(
        (step) => html`<button
          type="button"
          aria-pressed=${step.id === this.step ? 'true' : 'false'}
          title=${inLanguage(step.description)}
          @pointerdown=${keepFocus}
          @click=${() => this.pick(step.id)}
        >
          ${step.label.nl}
        </button>`,
      )}
    </div>`;
  }

  private pick(step: StepId): void {
    if (step === this.step) return;
    this.dispatchEvent(new CustomEvent<StepChooseDetail>('step-choose', { detail: { step } }));
  }
}

/** A press on a step keeps the focus in the note's text and goes no further than the editor. */
function keepFocus(event: Event): void {
  event.preventDefault();
  event.stopPropagation();
}

customElements.define('kompas-step-picker', StepPicker);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-step-picker': StepPicker;
  }
}
