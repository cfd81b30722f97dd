import { css, unsafeCSS } from 'lit';
import { PHONE_LAYOUT } from '../../ui/media-query.ts';

/** The plan's editor: one row per step (number, step, minutes, aim, order), then the roles. */
export const planDialogStyles = css`
  dialog {
    width: min(760px, calc(100vw - 24px));
    max-height: calc(100vh - 24px);
    max-height: calc(100dvh - 24px);
  }
  form {
    display: grid;
    gap: 18px;
  }
  fieldset {
    display: grid;
    gap: 10px;
    min-width: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }
  legend {
    margin-bottom: 8px;
    padding: 0;
    font-size: 14px;
    font-weight: 700;
  }
  .items,
  .partners {
    display: grid;
    gap: 8px;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .item {
    display: grid;
    grid-template-columns: 22px minmax(150px, 190px) 84px minmax(0, 1fr) auto;
    grid-template-areas: 'number step minutes aim order';
    align-items: center;
    gap: 8px;
  }
  .number {
    grid-area: number;
    color: var(--k-color-text-muted);
    font-weight: 700;
    text-align: right;
  }
  select,
  input[type='number'] {
    height: 38px;
    font: inherit;
    font-size: 14px;
    color: var(--k-color-text);
    background: var(--k-color-surface);
    border: 1px solid var(--k-color-border-strong);
    border-radius: var(--k-radius-md);
  }
  select:focus-visible,
  input[type='number']:focus-visible {
    outline: 2px solid var(--k-color-focus);
    outline-offset: 1px;
  }
  .step {
    grid-area: step;
    min-width: 0;
    padding: 0 6px;
  }
  .minutes {
    grid-area: minutes;
    display: flex;
    align-items: center;
    gap: 4px;
    color: var(--k-color-text-muted);
  }
  .minutes input {
    width: 56px;
    padding: 0 6px;
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  input.aim {
    grid-area: aim;
    min-width: 0;
    padding: 8px 10px;
    font-size: 13.5px;
  }
  .order {
    grid-area: order;
    display: flex;
  }
  .order .icon {
    width: 16px;
    height: 16px;
  }
  .up .icon {
    transform: rotate(90deg);
  }
  .down .icon {
    transform: rotate(-90deg);
  }
  .row-actions {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 8px;
  }
  .total {
    color: var(--k-color-text-muted);
    font-variant-numeric: tabular-nums;
  }
  .roles {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 10px;
  }
  .partners-title {
    font-size: 13px;
    font-weight: 600;
  }
  .partners li {
    display: grid;
    grid-template-columns: 1fr 1fr auto;
    gap: 8px;
    align-items: center;
  }
  fieldset > .button {
    justify-self: start;
  }
  .actions {
    display: flex;
    justify-content: flex-end;
    gap: 8px;
  }
  /* On a phone a step takes two lines: the step and its minutes, then its aim and order. */
  @media ${unsafeCSS(PHONE_LAYOUT)} {
    dialog {
      padding: 18px 14px;
    }
    .item {
      grid-template-columns: 18px minmax(0, 1fr) 84px;
      grid-template-areas:
        'number step minutes'
        '. aim aim'
        '. order order';
      padding-bottom: 8px;
      border-bottom: 1px solid var(--k-color-border);
    }
    .order {
      justify-content: flex-end;
    }
    .roles {
      grid-template-columns: 1fr;
    }
  }
`;
