import { css, unsafeCSS } from 'lit';
import { lightColorsCss } from './design-tokens.ts';

/** Hides an element from sight but not from screen readers: declarations, for use inside a rule. */
export const visuallyHidden = css`
  position: absolute !important;
  width: 1px;
  height: 1px;
  padding: 0;
  margin: -1px;
  overflow: hidden;
  clip: rect(0 0 0 0);
  white-space: nowrap;
  border: 0;
`;

/** The light theme's colours for what is drawn on a note's light paper, in both themes: declarations for a rule. */
export const onPaper = unsafeCSS(lightColorsCss());

/**
 * With reduced motion asked for, nothing in a shadow root slides, fades or pulses: transitions and
 * animations end at once (a near-zero duration, so `animationend` and `transitionend` still fire).
 */
export const reducedMotionStyles = css`
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after,
    :host {
      animation-duration: 0.01ms !important;
      animation-delay: 0s !important;
      animation-iteration-count: 1 !important;
      transition-duration: 0.01ms !important;
      transition-delay: 0s !important;
      scroll-behavior: auto !important;
    }
  }
`;

/** Buttons, fields and helpers shared by the components; values come from the design tokens. */
export const sharedStyles = css`
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  :host {
    font-family: var(--k-font-sans);
    color: var(--k-color-text);
  }
  .icon {
    flex: none;
    display: block;
  }
  /* Icon buttons side by side in one frame, e.g. undo and redo. */
  .group {
    display: flex;
    align-items: center;
    gap: 2px;
    padding: 2px;
    border: 1px solid var(--k-color-border);
    border-radius: var(--k-radius-md);
    background: var(--k-color-surface);
  }
  .visually-hidden {
    ${visuallyHidden}
  }
  button {
    font: inherit;
    color: inherit;
  }
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 6px;
    height: 34px;
    padding: 0 12px;
    border-radius: var(--k-radius-md);
    border: 1px solid var(--k-color-border);
    background: var(--k-color-surface);
    color: var(--k-color-text);
    font-size: 13.5px;
    font-weight: 500;
    line-height: 1;
    cursor: pointer;
    text-decoration: none;
    white-space: nowrap;
    box-shadow: var(--k-shadow-sm);
    transition:
      background-color 120ms ease,
      border-color 120ms ease,
      color 120ms ease;
  }
  .button:hover:not(:disabled) {
    background: var(--k-color-surface-hover);
  }
  .button.primary {
    background: var(--k-color-accent);
    border-color: var(--k-color-accent);
    color: var(--k-color-on-accent);
  }
  .button.primary:hover:not(:disabled) {
    background: var(--k-color-accent-hover);
    border-color: var(--k-color-accent-hover);
  }
  .button.large {
    height: 40px;
    padding: 0 16px;
    font-size: 14.5px;
  }
  .icon-button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    width: 32px;
    height: 32px;
    padding: 0;
    border: 0;
    border-radius: var(--k-radius-sm);
    background: transparent;
    color: var(--k-color-text-muted);
    cursor: pointer;
    transition:
      background-color 120ms ease,
      color 120ms ease;
  }
  .icon-button:hover:not(:disabled) {
    background: var(--k-color-surface-hover);
    color: var(--k-color-text);
  }
  button:disabled {
    opacity: 0.4;
    cursor: default;
  }
  button:focus-visible,
  a:focus-visible,
  input:focus-visible,
  textarea:focus-visible {
    outline: 2px solid var(--k-color-focus);
    outline-offset: 2px;
  }
  .field {
    display: grid;
    gap: 6px;
  }
  /* Why a form was refused, above its buttons. */
  .form-error {
    display: flex;
    gap: 8px;
    align-items: flex-start;
    padding: 10px 12px;
    border-radius: var(--k-radius-md);
    background: var(--k-color-danger-soft);
    color: var(--k-color-danger);
    font-size: 13.5px;
  }
  .field label {
    font-size: 13px;
    font-weight: 600;
    color: var(--k-color-text);
  }
  .field .hint {
    font-size: 12.5px;
    color: var(--k-color-text-muted);
  }
  input[type='text'],
  textarea {
    font: inherit;
    font-size: 14.5px;
    color: var(--k-color-text);
    background: var(--k-color-surface);
    border: 1px solid var(--k-color-border-strong);
    border-radius: var(--k-radius-md);
    padding: 9px 11px;
    width: 100%;
    transition:
      border-color 120ms ease,
      box-shadow 120ms ease;
  }
  input[type='text']:focus,
  textarea:focus {
    outline: none;
    border-color: var(--k-color-accent);
    box-shadow: 0 0 0 3px var(--k-color-accent-soft);
  }
  /* A finger needs a target of about 40 px, where a mouse is happy with 32. */
  @media (pointer: coarse) {
    .button {
      height: 40px;
    }
    .icon-button {
      width: 40px;
      height: 40px;
    }
  }
  ${reducedMotionStyles}
`;

/** A modal `<dialog>`: a card over a dimmed board, its title and the line under it; each dialog sets its own width and padding. */
export const dialogStyles = css`
  dialog {
    width: min(420px, calc(100vw - 32px));
    padding: 24px;
    border: 0;
    border-radius: var(--k-radius-xl);
    box-shadow: var(--k-shadow-lg);
    color: var(--k-color-text);
    background: var(--k-color-surface);
  }
  dialog::backdrop {
    background: var(--k-color-backdrop);
  }
  h2 {
    margin: 0 0 4px;
    font-size: 18px;
  }
  /* The line under a dialog's title that says what it is for. */
  .sub {
    margin: 0 0 16px;
    color: var(--k-color-text-muted);
    font-size: 13.5px;
  }
`;

/** A panel along one side of the board (steps, voting); the page places it and draws its inner border. */
export const sidePanelStyles = css`
  :host {
    display: block;
    overflow-y: auto;
    padding: 16px;
    background: var(--k-color-surface);
    box-shadow: var(--k-shadow-md);
    font-size: 13px;
  }
  h2 {
    font-size: 15px;
  }
`;
