import { css } from 'lit';

/** The issues panel's own look, beside the shared side panel styles. */
export const issuesPanelStyles = css`
  :host {
    border-left: 1px solid var(--k-color-border);
  }
  h2 {
    margin: 0 0 4px;
  }
  h3 {
    display: flex;
    align-items: baseline;
    gap: 6px;
    margin: 18px 0 8px;
    font-size: 13.5px;
  }
  h3 .phase {
    font-weight: 400;
  }
  .muted {
    color: var(--k-color-text-muted);
  }
  .intro {
    margin: 0 0 12px;
  }
  .bar {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 8px;
    flex-wrap: wrap;
    margin-bottom: 10px;
  }
  .filter .button {
    height: 28px;
    padding: 0 10px;
    border: 0;
    box-shadow: none;
  }
  .filter .button[aria-pressed='true'] {
    background: var(--k-color-accent-soft);
    color: var(--k-color-accent);
  }
  .count {
    font-variant-numeric: tabular-nums;
    color: var(--k-color-text-muted);
  }
  ul {
    margin: 0;
    padding: 0;
    list-style: none;
    display: grid;
    gap: 8px;
  }
  li {
    display: grid;
    gap: 6px;
    padding: 10px;
    border: 1px solid var(--k-color-border);
    border-radius: var(--k-radius-md);
    background: var(--k-color-surface);
  }
  li.closed {
    background: var(--k-color-surface-muted);
  }
  li.closed .text {
    color: var(--k-color-text-muted);
  }
  li.dropped .text {
    text-decoration: line-through;
  }
  .tags {
    display: flex;
    gap: 6px;
    align-items: center;
  }
  .tag {
    padding: 1px 8px;
    border-radius: var(--k-radius-full);
    font-size: 11.5px;
    font-weight: 600;
    background: var(--k-color-surface-muted);
    color: var(--k-color-text-muted);
  }
  .tag.question {
    background: var(--k-color-accent-soft);
    color: var(--k-color-accent);
  }
  .tag.agreement {
    background: var(--k-color-success-soft);
    color: var(--k-color-success);
  }
  .tag.action {
    background: var(--k-color-warning-soft);
    color: var(--k-color-warning);
  }
  .text {
    margin: 0;
    font-size: 14px;
    line-height: 1.4;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .meta {
    margin: 0;
    font-size: 12.5px;
  }
  .controls {
    display: flex;
    align-items: center;
    gap: 6px;
  }
  select {
    font: inherit;
    padding: 4px 6px;
    border-radius: var(--k-radius-md);
    border: 1px solid var(--k-color-border-strong);
    background: var(--k-color-surface);
    color: var(--k-color-text);
  }
  .controls .button {
    height: 30px;
  }
  .empty {
    margin: 16px 0 0;
  }
  kompas-issue-form {
    margin-bottom: 12px;
  }
`;
