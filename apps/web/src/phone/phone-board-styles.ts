import { css } from 'lit';
import { onPaper } from '../ui/shared-styles.ts';

/** The phone's list: tabs per phase across the top, then the steps as cards, notes readable at full length. */
export const phoneBoardStyles = css`
  :host {
    display: block;
    overflow-y: auto;
    background: var(--k-color-bg);
    font-size: 15px;
    -webkit-overflow-scrolling: touch;
  }
  .task {
    margin: 0;
    padding: 10px 14px;
    background: var(--k-color-surface);
    border-bottom: 1px solid var(--k-color-border);
    font-size: 14px;
    color: var(--k-color-text-muted);
    overflow-wrap: break-word;
  }
  .task strong {
    margin-right: 4px;
    color: var(--k-color-text-subtle);
    font-size: 11px;
    font-weight: 650;
    letter-spacing: 0.06em;
    text-transform: uppercase;
  }
  .lead {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    padding: 10px 12px;
    background: var(--k-color-surface);
    border-bottom: 1px solid var(--k-color-border);
  }
  .lead[hidden] {
    display: none;
  }
  .tabs {
    position: sticky;
    top: 0;
    z-index: 1;
    display: grid;
    grid-template-columns: repeat(4, minmax(0, 1fr));
    background: var(--k-color-surface);
    border-bottom: 1px solid var(--k-color-border);
  }
  [role='tab'] {
    display: grid;
    justify-items: center;
    gap: 2px;
    min-height: 52px;
    padding: 6px 2px 4px;
    border: 0;
    border-bottom: 3px solid transparent;
    background: none;
    color: var(--k-color-text-muted);
    cursor: pointer;
  }
  [role='tab'][aria-selected='true'] {
    border-bottom-color: var(--phase-color);
    color: var(--k-color-text);
  }
  .tab-name {
    font-size: 13.5px;
    font-weight: 650;
    white-space: nowrap;
  }
  .tab-meta {
    display: inline-flex;
    align-items: center;
    gap: 5px;
    font-size: 12px;
    font-variant-numeric: tabular-nums;
  }
  .now {
    padding: 0 6px;
    border-radius: var(--k-radius-full);
    background: var(--phase-color);
    color: #fff;
    font-size: 10.5px;
    font-weight: 650;
    line-height: 16px;
  }
  [role='tabpanel'] {
    display: grid;
    gap: 12px;
    padding: 12px 12px 32px;
  }
  .locked {
    margin: 0;
    padding: 8px 12px;
    border-radius: var(--k-radius-md);
    background: var(--k-color-warning-soft);
    color: var(--k-color-warning);
    font-size: 13.5px;
  }
  .step {
    /* The step's own surface, for what fades into it: notes re-declare the colours as on light paper. */
    --step-surface: var(--k-color-surface);
    display: grid;
    gap: 10px;
    padding: 14px;
    border: 1px solid var(--k-color-border);
    border-radius: var(--k-radius-lg);
    background: var(--k-color-surface);
  }
  h2 {
    display: flex;
    align-items: center;
    gap: 8px;
    margin: 0;
    font-size: 16px;
  }
  .meaning {
    font-size: 13px;
    font-weight: 450;
    color: var(--k-color-text-subtle);
  }
  .count {
    padding: 0 7px;
    border-radius: var(--k-radius-full);
    background: var(--k-color-surface-muted);
    color: var(--k-color-text-muted);
    font-size: 12px;
    line-height: 20px;
  }
  .description {
    margin: -4px 0 0;
    color: var(--k-color-text-muted);
    font-size: 13.5px;
  }
  ul {
    display: grid;
    gap: 8px;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .note {
    display: grid;
    gap: 8px;
    padding: 10px 12px;
    border-radius: var(--k-radius-md);
    background: var(--note-color, #fff3a3);
    box-shadow: var(--k-shadow-sm);
  }
  /* Paper stays light in the dark theme, and what is on it reads as on a light page. */
  .note:not(.editing) {
    ${onPaper}
  }
  .note.editing {
    background: var(--k-color-surface-muted);
  }
  /*
   * A note of an earlier round: flat, its paper faded into the page. On a dark page the ink on it keeps 4.5:1
   * (the byline's is the faintest) only with little of the page let through.
   */
  .note.earlier {
    background: color-mix(in srgb, var(--note-color, #fff3a3) 45%, var(--step-surface));
    box-shadow: none;
    border: 1px dashed rgba(31, 35, 40, 0.35);
  }
  @media (prefers-color-scheme: dark) {
    .note.earlier {
      background: color-mix(in srgb, var(--note-color, #fff3a3) 85%, var(--step-surface));
    }
  }
  .round {
    margin: 0;
    font-size: 13px;
    font-weight: 600;
    color: rgba(31, 35, 40, 0.78);
  }
  .button.carry {
    justify-self: start;
  }
  .text {
    margin: 0;
    white-space: pre-wrap;
    overflow-wrap: break-word;
    line-height: 1.4;
  }
  .meta,
  .vote {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 8px;
    font-size: 13px;
    color: rgba(31, 35, 40, 0.78);
  }
  .button.small {
    min-height: 36px;
    min-width: 44px;
    padding: 0 12px;
    background: rgba(255, 255, 255, 0.75);
  }
  .button.small.primary {
    background: var(--k-color-accent);
  }
  .vote-buttons {
    display: flex;
    gap: 6px;
  }
  .dots {
    color: var(--k-color-accent);
    letter-spacing: 2px;
  }
  .total {
    font-weight: 650;
  }
  .button.add {
    justify-self: start;
    min-height: 40px;
  }
`;
