import { css } from 'lit';

/**
 * The board as a list: out of sight (but read by screen readers) until the focus enters it, then a panel along
 * the board's right edge, below the header and above everything on the board, that scrolls on its own.
 */
export const notesListStyles = css`
  :host {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  :host(:focus-within) {
    position: absolute;
    z-index: 40;
    top: 12px;
    right: 12px;
    bottom: 12px;
    width: min(420px, calc(100% - 24px));
    height: auto;
    margin: 0;
    overflow-y: auto;
    clip-path: none;
    white-space: normal;
    background: var(--k-color-surface);
    border: 1px solid var(--k-color-border-strong);
    border-radius: var(--k-radius-lg);
    box-shadow: var(--k-shadow-lg);
  }
  section {
    padding: 14px 16px 20px;
    font-size: 13.5px;
    line-height: 1.4;
  }
  section:focus-visible {
    outline: 2px solid var(--k-color-focus);
    outline-offset: -4px;
    border-radius: var(--k-radius-lg);
  }
  .title {
    margin: 0 0 4px;
    font-size: 15px;
    font-weight: 650;
  }
  h2 {
    display: flex;
    align-items: center;
    gap: 8px;
    margin: 18px 0 4px;
    font-size: 14.5px;
  }
  h2::before {
    content: '';
    flex: none;
    width: 10px;
    height: 10px;
    border-radius: 50%;
    background: var(--phase-color);
  }
  h3 {
    margin: 12px 0 6px;
    font-size: 13.5px;
    font-weight: 600;
    color: var(--k-color-text-muted);
  }
  .step {
    padding-left: 18px;
  }
  .locked {
    margin: 0 0 4px 18px;
    color: var(--k-color-warning);
    font-size: 12.5px;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 6px;
  }
  .note {
    padding: 8px 10px;
    border: 1px solid var(--k-color-border);
    border-left: 3px solid var(--phase-color);
    border-radius: var(--k-radius-md);
    background: var(--k-color-surface);
  }
  .text {
    margin: 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 2px 10px;
    margin: 2px 0 0;
    font-size: 12.5px;
    color: var(--k-color-text-muted);
  }
  .mark {
    font-style: italic;
  }
  /* A note of an earlier round steps back, as on the board; its text keeps the contrast of muted text. */
  .note.earlier {
    border-style: dashed;
    border-left-style: solid;
    background: var(--k-color-surface-muted);
  }
  .note.earlier .text {
    color: var(--k-color-text-muted);
  }
  .round {
    font-weight: 600;
  }
  .actions,
  .form-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    margin-top: 6px;
  }
  .button.small {
    height: 28px;
    padding: 0 10px;
    font-size: 12.5px;
  }
  .button.write {
    height: 30px;
    margin-top: 6px;
    font-size: 12.5px;
  }
  .form {
    display: grid;
    gap: 6px;
    margin-top: 6px;
  }
  textarea,
  select {
    width: 100%;
    font: inherit;
  }
  select {
    height: 32px;
    padding: 0 8px;
    border: 1px solid var(--k-color-border-strong);
    border-radius: var(--k-radius-md);
    background: var(--k-color-surface);
    color: var(--k-color-text);
  }
  select:focus-visible {
    outline: 2px solid var(--k-color-focus);
    outline-offset: 1px;
  }
  textarea {
    min-height: 72px;
    resize: vertical;
  }
`;
