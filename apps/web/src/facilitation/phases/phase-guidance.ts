import { getPhase, getStep, type PhaseId, phaseGuidance } from '@kompas/model';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { inLanguage } from '../../i18n/language.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';

/**
 * What helps the group through a phase: its steps, each a disclosure with a few guiding questions, and what
 * the group knows once the phase is done.
 */
export class PhaseGuidance extends LitElement {
  static override properties = { phase: { type: String } };

  declare phase: PhaseId;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.phase = 'verkennen';
  }

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        margin-top: 14px;
      }
      h3 {
        margin: 14px 0 6px;
        font-size: 13.5px;
      }
      .muted {
        color: var(--k-color-text-muted);
      }
      p {
        margin: 0 0 8px;
      }
      details {
        border-bottom: 1px solid var(--k-color-border);
      }
      summary {
        padding: 7px 2px;
        cursor: pointer;
        font-weight: 600;
      }
      summary:focus-visible {
        outline: 2px solid var(--k-color-focus);
        outline-offset: 2px;
      }
      ul {
        margin: 0;
        padding: 0 0 8px 20px;
        display: grid;
        gap: 4px;
      }
      .outcome {
        padding-left: 20px;
      }
    `,
  ];

  override render() {
    const phase = getPhase(this.phase);
    const guidance = phaseGuidance(phase.id);
    // Keyed by phase, so disclosures opened in one phase do not stay open in the next.
    return keyed(
      phase.id,
      html`<h3>${msg('Guiding questions')}</h3>
        <p class="muted">${inLanguage(phase.label)}: ${inLanguage(phase.description)}</p>
        ${guidance.steps.map(({ step, questions }) => {
          const { label } = getStep(step);
          // The model's Dutch name first; in English its meaning beside it.
          const meaning = inLanguage(label);
          return html`<details>
            <summary>
              ${label.nl}${meaning === label.nl ? nothing : html` <span class="muted">· ${meaning}</span>`}
            </summary>
            <ul aria-label=${msg(str`Questions for ${label.nl}`)}>
              ${questions.map((question) => html`<li>${inLanguage(question)}</li>`)}
            </ul>
          </details>`;
        })}
        <h3 id="outcome-title">${msg('By the end of this phase you know')}</h3>
        <ul class="outcome" aria-labelledby="outcome-title">
          ${guidance.knowAtEnd.map((item) => html`<li>${inLanguage(item)}</li>`)}
        </ul>`,
    );
  }
}

customElements.define('kompas-phase-guidance', PhaseGuidance);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-phase-guidance': PhaseGuidance;
  }
}
