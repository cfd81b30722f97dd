import { css } from 'lit';
import { visuallyHidden } from '../ui/shared-styles.ts';

export const boardCanvasStyles = css`
  :host {
    position: relative;
    display: block;
    overflow: hidden;
    background: var(--k-color-canvas);
  }
  .stage {
    position: absolute;
    inset: 0;
    touch-action: none;
    user-select: none;
    -webkit-user-select: none;
    outline: none;
  }
  .stage:focus-visible {
    box-shadow: inset 0 0 0 2px var(--k-color-focus);
  }
  .help {
    ${visuallyHidden}
  }
  kompas-note-menu {
    transform: translateX(-50%);
  }
  .hint {
    position: absolute;
    left: 50%;
    bottom: 20px;
    transform: translateX(-50%);
    margin: 0;
    padding: 9px 16px;
    border-radius: var(--k-radius-full);
    background: color-mix(in srgb, var(--k-color-surface) 92%, transparent);
    border: 1px solid var(--k-color-border);
    box-shadow: var(--k-shadow-md);
    color: var(--k-color-text-muted);
    font-size: 13px;
    white-space: nowrap;
    pointer-events: none;
  }
`;
