import { css, unsafeCSS } from 'lit';
import { PHONE_LAYOUT } from '../ui/media-query.ts';

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
      /* Bars over the board never widen the page: a phone would scroll sideways. */
      overflow: hidden;
    }
    kompas-board-canvas,
    kompas-phone-board {
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
    kompas-issues-panel {
      position: absolute;
      top: 0;
      right: 0;
      bottom: 0;
      z-index: 4;
      box-sizing: border-box;
      width: min(380px, 100%);
    }
    /* With the steps open too, the issues stand beside them. */
    kompas-steps-panel + kompas-issues-panel {
      right: 360px;
    }
    /* On a phone a panel is a sheet over the whole screen, closed with its own button. */
    @media ${unsafeCSS(PHONE_LAYOUT)} {
      kompas-voting-panel,
      kompas-steps-panel,
      kompas-issues-panel {
        position: fixed;
        inset: 0;
        z-index: 30;
        width: 100%;
        border: 0;
      }
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
    @media (prefers-reduced-motion: reduce) {
      .spinner {
        animation-duration: 3s;
      }
    }
  `;
