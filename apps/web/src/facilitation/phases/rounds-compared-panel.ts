import { getPhase, getStep, type StepId } from '@kompas/model';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import type { RoundsCompared, StepRounds } from '../../core/rounds-compared.ts';
import { cssProperties } from '../../ui/css-properties.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { durationText } from './duration-text.ts';
import { flagStyles } from './flag-styles.ts';
import {
  keepsBeingSkippedText,
  lapseTexts,
  roundBarText,
  roundStateLabels,
  stepRoundsText,
} from './rounds-compared-text.ts';

/** Asks for the round view of a step: its notes per round side by side. */
export interface RoundViewOpenDetail {
  step: StepId;
}

/** The tallest bar, in pixels: a step's most notes in a round. */
const BAR_HEIGHT = 22;
/** The stub a round without notes shows, so that the bar is seen. */
const EMPTY_BAR = 3;

/**
 * "Rounds compared" in the Steps panel: per phase the time per round, and per step a small bar chart of its notes
 * per round (round 1 first) with, for screen readers, the same in words; a step skipped right after a round
 * that visited it is marked, one skipped round after round is flagged. Each step's "By round" button fires
 * `round-view-open` (bubbling, composed) to open the round view.
 */
export class RoundsComparedPanel extends LitElement {
  static override properties = {
    compared: { attribute: false },
  };

  declare compared: RoundsCompared | null;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.compared = null;
  }

  static override styles = [
    sharedStyles,
    flagStyles,
    css`
      :host {
        display: block;
      }
      h2 {
        margin: 0 0 6px;
      }
      h3 {
        margin: 14px 0 2px;
        font-size: 13.5px;
      }
      p {
        margin: 0;
      }
      .muted {
        color: var(--k-color-text-muted);
      }
      .legend {
        display: flex;
        flex-wrap: wrap;
        gap: 4px 12px;
        margin-top: 6px;
        font-size: 12px;
        color: var(--k-color-text-muted);
      }
      .legend span {
        display: inline-flex;
        align-items: center;
        gap: 4px;
      }
      .legend .bar {
        height: 10px;
      }
      ul {
        margin: 6px 0 0;
        padding: 0;
        list-style: none;
        display: grid;
        gap: 6px;
      }
      li {
        display: grid;
        grid-template-columns: 1fr auto auto;
        align-items: center;
        gap: 4px 10px;
        padding: 6px 8px 6px 10px;
        border: 1px solid var(--k-color-border);
        border-radius: var(--k-radius-md);
      }
      li.flagged {
        border-left: 3px solid var(--k-color-danger);
        padding-left: 8px;
      }
      .name {
        display: grid;
        justify-items: start;
        gap: 3px;
      }
      .notes {
        grid-column: 1 / -1;
        display: grid;
        gap: 2px;
        font-size: 12px;
        color: var(--k-color-warning);
      }
      .chart {
        display: flex;
        align-items: flex-end;
        gap: 3px;
      }
      .column {
        display: grid;
        justify-items: center;
        align-items: end;
        grid-template-rows: ${BAR_HEIGHT}px auto;
        width: 14px;
      }
      .bar {
        display: inline-block;
        width: 10px;
        box-sizing: border-box;
        border-radius: 2px 2px 0 0;
        background: var(--k-color-accent);
      }
      .bar.open {
        background: var(--k-color-accent-soft);
        border: 1px solid var(--k-color-accent);
      }
      .bar.skipped {
        background: var(--k-color-warning);
      }
      .bar.ahead {
        height: ${BAR_HEIGHT / 2}px;
        background: transparent;
        border: 1px dashed var(--k-color-border-strong);
      }
      .count {
        font-size: 10.5px;
        line-height: 14px;
        color: var(--k-color-text-muted);
        font-variant-numeric: tabular-nums;
      }
      .button.small {
        height: 28px;
        padding: 0 8px;
        font-size: 12px;
      }
    `,
  ];

  override render() {
    const compared = this.compared;
    if (!compared) return nothing;
    const states = roundStateLabels();
    const swatch = (state: keyof typeof states, height: number) =>
      html`<span><span class="bar ${state}" ${cssProperties({ height: `${height}px` })}></span>${states[state]}</span>`;
    return html`<section aria-labelledby="rounds-title">
      <h2 id="rounds-title">${msg('Rounds compared')}</h2>
      <p class="muted">
        ${msg(str`Notes per step in each round, round 1 first, up to round ${compared.current}.`)}
      </p>
      <p class="legend" aria-hidden="true">
        ${swatch('visited', 10)} ${swatch('skipped', EMPTY_BAR)} ${swatch('open', 10)} ${swatch('ahead', 10)}
      </p>
      ${compared.phases.map(({ phase, steps }) => {
        const label = getPhase(phase).label.nl;
        const times = (steps[0]?.bars ?? [])
          .filter((bar) => bar.state !== 'ahead')
          .map((bar) => msg(str`round ${bar.round}: ${durationText(bar.time)}`));
        return html`<h3>${label}</h3>
          <p class="muted">${msg(str`Time in the phase: ${times.join(' · ')}`)}</p>
          <ul aria-label=${msg(str`Rounds compared in ${label}`)}>
            ${steps.map((step) => this.renderStep(step))}
          </ul>`;
      })}
    </section>`;
  }

  private renderStep(step: StepRounds) {
    const label = getStep(step.step).label.nl;
    const lapses = lapseTexts(step);
    return html`<li class=${step.keepsBeingSkipped ? 'flagged' : ''}>
      <span class="name">
        <strong>${label}</strong>
        ${step.keepsBeingSkipped ? html`<span class="flag danger">${keepsBeingSkippedText()}</span>` : nothing}
      </span>
      <span class="chart" role="img" aria-label=${stepRoundsText(step)}>
        ${step.bars.map((bar) => {
          const height =
            bar.notes === 0 ? EMPTY_BAR : Math.max(EMPTY_BAR, Math.round(bar.share * BAR_HEIGHT));
          return html`<span class="column" title=${roundBarText(bar)}>
            <span
              class="bar ${bar.state}"
              ${cssProperties({ height: bar.state === 'ahead' ? undefined : `${height}px` })}
            ></span>
            <span class="count">${bar.state === 'ahead' ? '–' : bar.notes}</span>
          </span>`;
        })}
      </span>
      <button
        class="button small"
        aria-label=${msg(str`${label} by round`)}
        @click=${() => this.openRoundView(step.step)}
      >
        ${msg('By round')}
      </button>
      ${
        lapses.length > 0
          ? html`<span class="notes">${lapses.map((text) => html`<span><span aria-hidden="true">⚠</span> ${text}</span>`)}</span>`
          : nothing
      }
    </li>`;
  }

  private openRoundView(step: StepId): void {
    this.dispatchEvent(
      new CustomEvent<RoundViewOpenDetail>('round-view-open', {
        detail: { step },
        bubbles: true,
        composed: true,
      }),
    );
  }
}

customElements.define('kompas-rounds-compared', RoundsComparedPanel);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-rounds-compared': RoundsComparedPanel;
  }
}
