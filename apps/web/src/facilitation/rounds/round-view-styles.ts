import { css, unsafeCSS } from 'lit';
import { PHONE_LAYOUT } from '../../ui/media-query.ts';

/**
 * The round view: a head with the step and its picker, then a column per round side by side, scrolling
 * sideways when there are many; on a phone the rounds stack, each as wide as the screen.
 */
export const roundViewStyles = css`
  dialog {
    width: min(1120px, calc(100vw - 32px));
    max-height: calc(100vh - 32px);
    max-height: calc(100dvh - 32px);
    padding: 20px 24px 24px;
  }
  dialog[open] {
    display: flex;
    flex-direction: column;
    gap: 12px;
  }
  .head {
    display: flex;
    align-items: flex-start;
    justify-content: space-between;
    gap: 12px;
  }
  h2 {
    margin: 0 0 2px;
    font-size: 18px;
  }
  .sub {
    display: flex;
    align-items: center;
    gap: 8px;
    margin: 0;
    color: var(--k-color-text-muted);
    font-size: 13.5px;
  }
  .dot {
    width: 9px;
    height: 9px;
    border-radius: 50%;
    background: var(--phase-color);
  }
  .close {
    flex: none;
    margin: -4px -8px 0 0;
  }
  .steps {
    display: flex;
    align-items: center;
    gap: 4px;
  }
  select {
    height: 34px;
    min-width: 0;
    padding: 0 8px;
    font: inherit;
    font-size: 14px;
    color: var(--k-color-text);
    background: var(--k-color-surface);
    border: 1px solid var(--k-color-border-strong);
    border-radius: var(--k-radius-md);
  }
  select:focus-visible {
    outline: 2px solid var(--k-color-focus);
    outline-offset: 1px;
  }
  .first-round {
    margin: 0;
    color: var(--k-color-text-muted);
    font-size: 13.5px;
  }
  .columns {
    flex: 1 1 auto;
    min-height: 0;
    display: grid;
    grid-auto-flow: column;
    grid-auto-columns: minmax(260px, 1fr);
    gap: 12px;
    overflow: auto;
    overscroll-behavior: contain;
  }
  .column {
    display: flex;
    flex-direction: column;
    gap: 8px;
    padding: 12px;
    border: 1px solid var(--k-color-border);
    border-radius: var(--k-radius-lg);
    background: var(--k-color-surface-muted);
  }
  .column.now {
    border-color: var(--k-color-accent);
    background: var(--k-color-accent-soft);
  }
  .column-head {
    display: flex;
    align-items: baseline;
    justify-content: space-between;
    gap: 8px;
  }
  h3 {
    display: flex;
    align-items: center;
    gap: 8px;
    margin: 0;
    font-size: 15px;
  }
  .now-mark {
    padding: 1px 8px;
    border-radius: var(--k-radius-full);
    background: var(--k-color-accent);
    color: var(--k-color-on-accent);
    font-size: 11.5px;
    font-weight: 700;
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  .count,
  .place,
  .empty {
    margin: 0;
    color: var(--k-color-text-muted);
    font-size: 12.5px;
    font-variant-numeric: tabular-nums;
  }
  .start {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px 8px;
    font-size: 12.5px;
    color: var(--k-color-text-muted);
  }
  .start select {
    height: 28px;
    padding: 0 4px;
    font-size: 12.5px;
  }
  .notes {
    display: grid;
    align-content: start;
    gap: 8px;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .note {
    display: grid;
    gap: 6px;
    padding: 10px 12px;
    border: 1px solid var(--k-color-border);
    border-top: 5px solid var(--note-color);
    border-radius: var(--k-radius-md);
    background: var(--k-color-surface);
  }
  .text {
    margin: 0;
    font-size: 14px;
    line-height: 1.4;
    overflow-wrap: anywhere;
    white-space: pre-line;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px 10px;
    margin: 0;
    font-size: 12.5px;
    color: var(--k-color-text-muted);
  }
  .carried,
  .carried-on {
    display: inline-flex;
    align-items: center;
    gap: 4px;
  }
  .carried .icon,
  .carried-on .icon,
  .carry .icon {
    width: 15px;
    height: 15px;
  }
  .carried-on {
    justify-self: start;
    font-size: 12.5px;
    font-weight: 600;
    color: var(--k-color-success);
  }
  .carried-on:focus-visible {
    outline: 2px solid var(--k-color-focus);
    outline-offset: 2px;
  }
  .carry {
    justify-self: start;
    height: 30px;
    font-size: 12.5px;
  }
  @media (pointer: coarse) {
    .carry {
      height: 40px;
    }
    .start select {
      height: 36px;
    }
  }
  /* A phone: the rounds one under another, the dialog nearly the whole screen. */
  @media ${unsafeCSS(PHONE_LAYOUT)} {
    dialog {
      width: calc(100vw - 16px);
      max-height: calc(100dvh - 16px);
      padding: 16px;
    }
    .columns {
      grid-auto-flow: row;
      grid-auto-columns: auto;
      align-content: start;
    }
    .steps select {
      flex: 1 1 auto;
    }
  }
`;
