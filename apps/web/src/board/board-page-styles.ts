import { css } from 'lit';

/** The board page's layout: the header above, the board filling the rest, panels and bars over it. */
export const boardPageStyles = css`
    :host {
      display: flex;
      flex-direction: column;
      height: 100%;
    }
    .body {
      position: relative;
      flex: 1 1 auto;
      min-height: 0;
    }
    kompas-board-canvas {
      position: absolute;
      inset: 0;
    }
    kompas-voting-panel {
      position: absolute;
      top: 0;
      left: 0;
      bottom: 0;
      z-index: 4;
      box-sizing: border-box;
      width: min(340px, 100%);
    }
    /* The board's own bar (follow, lock, brainstorm) moves aside while the voting panel is open. */
    kompas-follow-bar.beside-panel {
      --bar-left: calc(min(340px, 100%) + 12px);
    }
    kompas-steps-panel {
      position: absolute;
      top: 0;
      right: 0;
      bottom: 0;
      z-index: 4;
      box-sizing: border-box;
      width: min(360px, 100%);
    }
    .banner {
      position: absolute;
      top: 12px;
      left: 50%;
      transform: translateX(-50%);
      z-index: 3;
      padding: 8px 14px;
      border-radius: var(--k-radius-full);
      background: var(--k-color-warning-soft);
      color: var(--k-color-warning);
      font-size: 13px;
      font-weight: 550;
      box-shadow: var(--k-shadow-md);
    }
    .replay-link {
      display: inline-flex;
      align-items: center;
      height: 34px;
      padding: 0 10px;
      border-radius: var(--k-radius-md);
      color: var(--k-color-text-muted);
      font-size: 13px;
      font-weight: 500;
      text-decoration: none;
    }
    .replay-link:hover {
      background: var(--k-color-surface-hover);
      color: var(--k-color-text);
    }
    .replay-link .icon {
      display: none;
    }
    /* As Export and Invite: where the header is full, the link is its icon, with its name as tooltip. */
    @media (max-width: 1440px) {
      .replay-link {
        justify-content: center;
        width: 34px;
        padding: 0;
      }
      .replay-link .icon {
        display: block;
      }
      .replay-link .label {
        display: none;
      }
    }
    .loading {
      display: grid;
      place-items: center;
      height: 100%;
      color: var(--k-color-text-muted);
    }
    .spinner {
      width: 28px;
      height: 28px;
      margin: 0 auto 12px;
      border-radius: 50%;
      border: 3px solid var(--k-color-border);
      border-top-color: var(--k-color-accent);
      animation: spin 0.8s linear infinite;
    }
    @keyframes spin {
      to {
        transform: rotate(360deg);
      }
    }
  `;
