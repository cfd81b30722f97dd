import { css } from 'lit';

export const replayPageStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    height: 100%;
  }
  header {
    display: flex;
    align-items: center;
    gap: 14px;
    height: 60px;
    padding: 0 14px 0 16px;
    background: var(--k-color-surface);
    border-bottom: 1px solid var(--k-color-border);
  }
  .home {
    display: grid;
    place-items: center;
    width: 34px;
    height: 34px;
    flex: none;
  }
  .titles {
    display: flex;
    align-items: center;
    gap: 10px;
    min-width: 0;
    flex: 1 1 auto;
  }
  h1 {
    margin: 0;
    font-size: 15px;
    font-weight: 650;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .badge {
    flex: none;
    padding: 3px 9px;
    border-radius: var(--k-radius-full);
    background: var(--k-color-accent-soft);
    color: var(--k-color-accent);
    font-size: 12px;
    font-weight: 600;
  }
  .moment {
    display: flex;
    align-items: center;
    gap: 12px;
    flex: none;
    font-size: 13px;
    font-variant-numeric: tabular-nums;
  }
  .phase {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    font-weight: 600;
  }
  .phase::before {
    content: '';
    width: 10px;
    height: 10px;
    border-radius: 50%;
    background: var(--phase-color, var(--k-color-border-strong));
  }
  .timer {
    color: var(--k-color-text-muted);
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
  .playback {
    display: grid;
    gap: 6px;
    padding: 10px 16px 12px;
    background: var(--k-color-surface);
    border-top: 1px solid var(--k-color-border);
  }
  .bar {
    display: flex;
    align-items: center;
    gap: 14px;
  }
  .time {
    font-size: 13px;
    font-variant-numeric: tabular-nums;
    color: var(--k-color-text-muted);
  }
  .loading {
    display: grid;
    place-items: center;
    height: 100%;
    color: var(--k-color-text-muted);
  }
`;
