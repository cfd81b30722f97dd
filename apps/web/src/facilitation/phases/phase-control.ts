import { type PhasePosition, positionBefore } from '@kompas/model';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement, nothing, unsafeCSS } from 'lit';
import { COMMANDS } from '../../core/commands.ts';
import { type PlanMove, planMoveLabel } from '../../core/plan-state.ts';
import { commandButton, fireCommand } from '../../ui/command-button.ts';
import { cssProperties } from '../../ui/css-properties.ts';
import { PHASE_COLORS } from '../../ui/design-tokens.ts';
import { ICONS } from '../../ui/icons.ts';
import { PHONE_LAYOUT } from '../../ui/media-query.ts';
import { phaseIndicatorText } from '../../ui/phase-text.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';

/**
 * Where the group is on the circle, for everyone; for a facilitator also the buttons that start the
 * workshop and move the group on or back. Buttons fire a bubbling `board-command`.
 */
export class PhaseControl extends LitElement {
  static override properties = {
    position: { attribute: false },
    canLead: { type: Boolean, attribute: 'can-lead' },
    planMove: { attribute: false },
  };

  /** Null before the workshop starts. */
  declare position: PhasePosition | null;
  /** Whether this person may move the group: facilitators only. */
  declare canLead: boolean;
  /** What Next does by the meeting's plan; null without a plan, when Next moves to the next phase. */
  declare planMove: PlanMove | null;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.position = null;
    this.canLead = false;
    this.planMove = null;
  }

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: flex;
        align-items: center;
        gap: 4px;
        flex: none;
      }
      .indicator {
        display: inline-flex;
        align-items: center;
        gap: 8px;
        height: 30px;
        padding: 0 12px;
        border-radius: var(--k-radius-full);
        background: var(--k-color-surface-muted);
        font-size: 13px;
        font-weight: 600;
        white-space: nowrap;
        font-variant-numeric: tabular-nums;
      }
      .indicator.idle {
        color: var(--k-color-text-muted);
        font-weight: 500;
      }
      .dot {
        width: 9px;
        height: 9px;
        border-radius: 50%;
        background: var(--phase-color, var(--k-color-border-strong));
        box-shadow: 0 0 0 3px color-mix(in srgb, var(--phase-color, transparent) 22%, transparent);
      }
      .plan-next {
        max-width: 240px;
      }
      .plan-next span {
        overflow: hidden;
        text-overflow: ellipsis;
      }
      /* On a phone the plan's Next is its arrow alone, as Next phase is; the agenda strip names the item. */
      @media ${unsafeCSS(PHONE_LAYOUT)} {
        .plan-next {
          width: 34px;
          padding: 0;
        }
        .plan-next span {
          display: none;
        }
      }
      .plan-next .icon,
      .start .icon {
        width: 14px;
        height: 14px;
        fill: currentColor;
      }
    `,
  ];

  override render() {
    const position = this.position;
    if (!position) {
      return html`<span class="indicator idle" role="group" aria-label=${msg('Current phase')}
          >${msg('Not started')}</span
        >
        ${
          this.canLead
            ? html`<button class="button primary start" @click=${() => fireCommand(this, 'start-workshop')}>
                ${ICONS.play}${COMMANDS['start-workshop'].label}
              </button>`
            : nothing
        }`;
    }
    const indicator = html`<span
      class="indicator"
      role="group"
      aria-label=${msg('Current phase')}
      ${cssProperties({ '--phase-color': PHASE_COLORS[position.phase] })}
      ><span class="dot" aria-hidden="true"></span>${phaseIndicatorText(position)}</span
    >`;
    if (!this.canLead) return indicator;
    const first = !positionBefore(position);
    return html`${commandButton(this, COMMANDS['previous-phase'], ICONS.chevronLeft, { disabled: first })}
      ${indicator} ${this.planMove ? this.renderPlanNext(this.planMove) : commandButton(this, COMMANDS['next-phase'], ICONS.chevronRight)}`;
  }

  /** Next by the plan, naming the item it starts: the same command, a button with words. */
  private renderPlanNext(move: PlanMove) {
    const label = planMoveLabel(move);
    const shortcut = COMMANDS['next-phase'].shortcut;
    return html`<button
      class="button plan-next"
      aria-label=${label}
      title=${`${label} (${shortcut})`}
      @click=${() => fireCommand(this, 'next-phase')}
    >
      <span>${label}</span>${ICONS.chevronRight}
    </button>`;
  }
}

customElements.define('kompas-phase-control', PhaseControl);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-phase-control': PhaseControl;
  }
}
