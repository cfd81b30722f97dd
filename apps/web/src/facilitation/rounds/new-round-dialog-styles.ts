import { css } from 'lit';

/** The new-round question: three choices as radio buttons, then, to carry notes along, a list per step. */
export const newRoundDialogStyles = css`
  dialog {
    width: min(560px, calc(100vw - 24px));
    max-height: calc(100vh - 24px);
    max-height: calc(100dvh - 24px);
    padding-bottom: 0;
  }
  form {
    display: grid;
    gap: 16px;
  }
  fieldset {
    min-width: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }
  .options {
    display: grid;
    gap: 8px;
  }
  .option {
    display: flex;
    gap: 10px;
    align-items: flex-start;
    padding: 10px 12px;
    border: 1px solid var(--k-color-border);
    border-radius: var(--k-radius-md);
    cursor: pointer;
  }
  .option:has(input:checked) {
    border-color: var(--k-color-accent);
    background: var(--k-color-accent-soft);
  }
  .option:has(input:disabled) {
    cursor: default;
    color: var(--k-color-text-muted);
  }
  input[type='radio'],
  input[type='checkbox'] {
    flex: none;
    width: 18px;
    height: 18px;
    margin: 1px 0 0;
    accent-color: var(--k-color-accent);
  }
  input:focus-visible {
    outline: 2px solid var(--k-color-focus);
    outline-offset: 2px;
  }
  .option-text {
    display: grid;
    gap: 2px;
  }
  .option-name {
    font-weight: 600;
    font-size: 14px;
  }
  .hint {
    color: var(--k-color-text-muted);
    font-size: 13px;
  }
  .picker {
    display: grid;
    gap: 12px;
  }
  .picker-head {
    display: flex;
    align-items: baseline;
    justify-content: space-between;
    gap: 8px;
  }
  h3 {
    margin: 0;
    font-size: 14px;
  }
  .picked,
  .count {
    color: var(--k-color-text-muted);
    font-size: 12.5px;
    font-variant-numeric: tabular-nums;
    font-weight: 500;
  }
  .phase {
    display: grid;
    gap: 8px;
  }
  h4 {
    display: flex;
    align-items: center;
    gap: 8px;
    margin: 0;
    font-size: 12px;
    font-weight: 700;
    letter-spacing: 0.04em;
    text-transform: uppercase;
    color: var(--k-color-text-muted);
  }
  .dot {
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: var(--phase-color);
  }
  .step {
    display: grid;
    gap: 6px;
    padding: 10px 12px;
    border: 1px solid var(--k-color-border);
    border-left: 3px solid var(--phase-color);
    border-radius: var(--k-radius-md);
  }
  legend {
    float: left;
    display: flex;
    align-items: baseline;
    gap: 8px;
    width: 100%;
    padding: 0;
  }
  .step-name {
    font-weight: 600;
    font-size: 14px;
  }
  .all {
    display: flex;
    gap: 8px;
    align-items: center;
    font-size: 13px;
    color: var(--k-color-text-muted);
    cursor: pointer;
  }
  ul {
    display: grid;
    gap: 4px;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .note {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr) auto;
    gap: 8px;
    align-items: start;
    padding: 6px 8px;
    border-radius: var(--k-radius-sm);
    border-left: 4px solid var(--note-color);
    background: var(--k-color-surface-muted);
    font-size: 13.5px;
    cursor: pointer;
  }
  .note-text {
    overflow-wrap: anywhere;
    display: -webkit-box;
    -webkit-line-clamp: 3;
    -webkit-box-orient: vertical;
    overflow: hidden;
  }
  .author {
    color: var(--k-color-text-muted);
    font-size: 12.5px;
    white-space: nowrap;
  }
  /* The buttons stay in sight below a long list of notes. */
  .actions {
    position: sticky;
    bottom: 0;
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 8px;
    margin: 0 -24px;
    padding: 12px 24px 24px;
    background: var(--k-color-surface);
    border-top: 1px solid var(--k-color-border);
  }
`;
