import { css } from 'lit';

/**
 * A small rounded label beside a step that asks for attention: "Skipped" in the warning colour, and, in the
 * danger colour (`.flag.danger`), a step skipped round after round.
 */
export const flagStyles = css`
  .flag {
    display: inline-block;
    padding: 1px 6px;
    border-radius: var(--k-radius-full);
    background: var(--k-color-warning-soft);
    color: var(--k-color-warning);
    font-size: 11.5px;
    font-weight: 600;
  }
  .flag.danger {
    background: var(--k-color-danger-soft);
    color: var(--k-color-danger);
  }
`;
