import { css, unsafeCSS } from 'lit';
import { PHONE_LAYOUT } from '../../ui/media-query.ts';

/**
 * The agenda strip: one line under the header, its items in a row that scrolls sideways when it is longer
 * than the screen, the facilitator's buttons at its end.
 */
export const agendaStripStyles = css`
  :host {
    display: block;
    flex: none;
  }
  .strip {
    display: flex;
    align-items: center;
    gap: 10px;
    min-height: 40px;
    padding: 3px 12px;
    border-bottom: 1px solid var(--k-color-border);
    background: var(--k-color-surface);
    font-size: 13px;
  }
  .meeting {
    flex: none;
    color: var(--k-color-text-muted);
    font-weight: 600;
    white-space: nowrap;
  }
  .empty {
    flex: 1 1 auto;
    color: var(--k-color-text-muted);
  }
  .items {
    flex: 1 1 auto;
    display: flex;
    align-items: center;
    gap: 6px;
    min-width: 0;
    margin: 0;
    padding: 2px;
    list-style: none;
    overflow-x: auto;
    scrollbar-width: thin;
  }
  .item {
    flex: none;
    display: inline-flex;
    align-items: center;
    gap: 6px;
    height: 28px;
    padding: 0 10px 0 6px;
    border: 1px solid var(--k-color-border);
    border-radius: var(--k-radius-full);
    background: var(--k-color-surface);
    white-space: nowrap;
  }
  .mark {
    display: inline-grid;
    place-items: center;
    width: 16px;
    height: 16px;
    border-radius: 50%;
    border: 2px solid var(--phase-color);
  }
  .mark .icon {
    width: 12px;
    height: 12px;
  }
  .name {
    font-weight: 500;
  }
  .box,
  .tag {
    color: var(--k-color-text-muted);
  }
  .tag {
    padding: 1px 6px;
    border-radius: var(--k-radius-full);
    background: var(--k-color-surface-muted);
    font-size: 11.5px;
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.03em;
  }
  .item.current {
    border-color: var(--phase-color);
    background: color-mix(in srgb, var(--phase-color) 14%, var(--k-color-surface));
  }
  .item.current .mark {
    background: var(--phase-color);
    box-shadow: 0 0 0 3px color-mix(in srgb, var(--phase-color) 25%, transparent);
  }
  .item.current .name {
    font-weight: 700;
  }
  .left {
    font-variant-numeric: tabular-nums;
    font-weight: 600;
  }
  .left.over {
    color: var(--k-color-danger);
  }
  .item.done {
    color: var(--k-color-text-muted);
  }
  .item.done .mark {
    background: var(--phase-color);
    color: #fff;
  }
  .item.skipped {
    color: var(--k-color-text-muted);
    border-style: dashed;
  }
  .item.skipped .name {
    text-decoration: line-through;
  }
  .item.skipped .mark {
    border-style: dashed;
  }
  .item.next {
    border-color: var(--k-color-border-strong);
  }
  .skip {
    height: 22px;
    margin-right: -6px;
    padding: 0 8px;
    border: 0;
    border-radius: var(--k-radius-full);
    background: var(--k-color-surface-muted);
    color: var(--k-color-text-muted);
    font-size: 12px;
    cursor: pointer;
  }
  .skip:hover {
    background: var(--k-color-surface-hover);
    color: var(--k-color-text);
  }
  .lead {
    flex: none;
    display: flex;
    gap: 6px;
  }
  .lead .button {
    height: 30px;
    padding: 0 10px;
    font-size: 13px;
    box-shadow: none;
  }
  .lead .icon {
    width: 15px;
    height: 15px;
  }
  /* On a phone the items scroll and the buttons show only their icons. */
  @media ${unsafeCSS(PHONE_LAYOUT)} {
    .strip {
      gap: 8px;
      padding: 3px 8px;
    }
    .lead .label {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
    .lead .button {
      width: 36px;
      padding: 0;
    }
    /* A facilitator's buttons take the first line, so the items keep the whole second one. */
    .strip.lead-tools {
      flex-wrap: wrap;
      justify-content: space-between;
      row-gap: 2px;
    }
    .strip.lead-tools .items {
      order: 1;
      flex-basis: 100%;
    }
  }
`;
