import { css } from 'lit';
import { visuallyHidden } from '../../ui/shared-styles.ts';

/** The timer's countdown pill and the facilitator's controls popover. */
export const timerStyles = css`
      :host {
        display: flex;
        align-items: center;
        gap: 4px;
        flex: none;
      }
      .countdown {
        display: inline-flex;
        align-items: center;
        gap: 6px;
        height: 30px;
        padding: 0 12px;
        border-radius: var(--k-radius-full);
        background: var(--k-color-surface-muted);
        font-size: 13.5px;
        font-weight: 650;
        font-variant-numeric: tabular-nums;
        white-space: nowrap;
      }
      .countdown.paused {
        color: var(--k-color-text-muted);
      }
      .countdown .state {
        font-size: 11.5px;
        font-weight: 600;
        text-transform: uppercase;
        letter-spacing: 0.05em;
      }
      .countdown.expired {
        background: var(--k-color-warning-soft);
        color: var(--k-color-warning);
        animation: pulse 1.2s ease-in-out 3;
      }
      @keyframes pulse {
        50% {
          box-shadow: 0 0 0 6px color-mix(in srgb, var(--k-color-warning) 25%, transparent);
        }
      }
      .time-up {
        font-size: 12.5px;
        font-weight: 600;
        color: var(--k-color-warning);
        white-space: nowrap;
      }
      .time-up:empty {
        display: none;
      }
      [popover] {
        position: fixed;
        inset: auto;
        margin: 0;
        width: 280px;
        padding: 14px;
        border: 1px solid var(--k-color-border);
        border-radius: var(--k-radius-lg);
        background: var(--k-color-surface);
        box-shadow: var(--k-shadow-lg);
        font-family: var(--k-font-sans);
        color: var(--k-color-text);
      }
      h2 {
        margin: 0 0 10px;
        font-size: 14px;
      }
      .readout {
        margin: 0 0 12px;
        font-size: 28px;
        font-weight: 650;
        font-variant-numeric: tabular-nums;
        text-align: center;
      }
      .presets {
        display: grid;
        grid-template-columns: repeat(4, 1fr);
        gap: 6px;
        margin-bottom: 10px;
      }
      .presets .button {
        padding: 0 6px;
      }
      .button[aria-pressed='true'] {
        background: var(--k-color-accent-soft);
        border-color: var(--k-color-accent);
        color: var(--k-color-accent);
      }
      form {
        display: flex;
        align-items: end;
        gap: 6px;
        margin-bottom: 12px;
      }
      form .field {
        flex: 1 1 auto;
      }
      input[type='number'] {
        font: inherit;
        width: 100%;
        height: 34px;
        padding: 0 8px;
        border: 1px solid var(--k-color-border-strong);
        border-radius: var(--k-radius-md);
      }
      .actions {
        display: flex;
        gap: 6px;
      }
      .actions .button {
        flex: 1 1 0;
      }
      .problem {
        margin: 10px 0 0;
        font-size: 12.5px;
        color: var(--k-color-danger);
      }
      /* Room is short in the header: the button keeps its name but shows only its icon. */
      @media (max-width: 860px) {
        .label {
          ${visuallyHidden}
        }
      }
      @media (prefers-reduced-motion: reduce) {
        .countdown.expired {
          animation: none;
        }
      }
    `;
