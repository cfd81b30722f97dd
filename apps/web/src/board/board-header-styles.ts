import { css, unsafeCSS } from 'lit';
import { PHONE_LAYOUT } from '../ui/media-query.ts';
import { visuallyHidden } from '../ui/shared-styles.ts';
import { HEADER_SPACING } from './header-fit.ts';

const px = (value: number) => unsafeCSS(`${value}px`);
const spacing = HEADER_SPACING;

/**
 * The header's layout (HeaderFit picks it by what fits). Wide enough for everything it holds (`one-row`): one
 * row, title first. Narrower: the title, sharing and who is here on top, the workshop's tools (phase, timer,
 * panels, notes) in a second row. Narrower still (`stacked`, e.g. a tablet): the title with the connection, then
 * the sharing, then the tools, each wrapping. Phones: the title with the connection, then the tools and, under
 * "More", the sharing.
 */
export const boardHeaderStyles = css`
  :host {
    display: block;
    background: var(--k-color-surface);
    border-bottom: 1px solid var(--k-color-border);
    position: relative;
    z-index: 10;
  }
  header {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr) auto auto;
    grid-template-areas:
      'home titles aside status'
      'toolbar toolbar toolbar toolbar';
    align-items: center;
    column-gap: ${px(spacing.columnGap)};
    padding: 0 ${px(spacing.paddingRight)} 0 ${px(spacing.paddingLeft)};
  }
  /* Measures the header's width for HeaderFit; it takes no room. */
  .ruler {
    position: absolute;
    left: 0;
    right: 0;
    height: 0;
    visibility: hidden;
  }
  .home {
    grid-area: home;
    display: grid;
    place-items: center;
    width: 34px;
    height: 34px;
    border-radius: var(--k-radius-md);
  }
  .home:hover {
    background: var(--k-color-surface-hover);
  }
  .titles {
    grid-area: titles;
    min-width: 0;
    display: grid;
    gap: 1px;
    padding: 9px 0;
  }
  h1 {
    margin: 0;
    font-size: 15.5px;
    font-weight: 650;
    letter-spacing: -0.01em;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
    .titles.editable {
      cursor: pointer;
    }
    /* The facilitator's title is a button that opens the title and task dialog: it looks like the title. */
    .edit-details {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      max-width: 100%;
      padding: 0;
      border: 0;
      background: none;
      font: inherit;
      color: inherit;
      cursor: pointer;
    }
    .edit-details .title-text {
      min-width: 0;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .edit-details .icon {
      flex: none;
      width: 13px;
      height: 13px;
      color: var(--k-color-text-subtle);
    }
    .task {
    margin: 0;
    font-size: 12.5px;
    color: var(--k-color-text-muted);
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .task strong {
    font-weight: 600;
    color: var(--k-color-text-subtle);
    text-transform: uppercase;
    font-size: 10.5px;
    letter-spacing: 0.06em;
    margin-right: 6px;
  }
  .toolbar {
    grid-area: toolbar;
    display: flex;
    align-items: center;
    gap: ${px(spacing.toolbarGap)};
    min-width: 0;
    height: 48px;
    margin: 0 -${px(spacing.paddingRight)} 0 -${px(spacing.paddingLeft)};
    padding: 0 ${px(spacing.paddingRight)} 0 ${px(spacing.paddingLeft)};
    border-top: 1px solid var(--k-color-border);
    background: var(--k-color-surface);
  }
  .where,
  .panels,
  .tools,
  .aside,
  .status {
    display: flex;
    align-items: center;
    gap: 6px;
    flex: none;
  }
  .where {
    gap: 8px;
  }
  .panels {
    padding-left: 12px;
    border-left: 1px solid var(--k-color-border);
  }
  .tools {
    margin-left: auto;
    gap: 4px;
  }
  .rounds-phone {
    display: none;
  }
  .aside {
    grid-area: aside;
    gap: 8px;
  }
  .status {
    grid-area: status;
    gap: 8px;
  }
  /* Only a phone folds the sharing and the people away. */
  .more {
    display: none;
  }
  .more[aria-expanded='true'] {
    background: var(--k-color-accent-soft);
    border-color: var(--k-color-accent);
    color: var(--k-color-accent);
  }
  .role {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    height: 28px;
    padding: 0 10px;
    border-radius: var(--k-radius-full);
    font-size: 12.5px;
    font-weight: 600;
    white-space: nowrap;
    background: var(--k-color-accent-soft);
    color: var(--k-color-accent);
  }
  .role.view-only {
    background: var(--k-color-warning-soft);
    color: var(--k-color-warning);
  }
  .role .icon {
    width: 15px;
    height: 15px;
  }
  .button[aria-pressed='true'] {
    background: var(--k-color-accent-soft);
    border-color: var(--k-color-accent);
    color: var(--k-color-accent);
  }
  /* Buttons grow to finger size on touch screens (shared-styles.ts): so does the tools row. */
  @media (pointer: coarse) {
    .toolbar {
      height: 56px;
    }
  }
  :host([one-row]) header {
    grid-template-columns: auto minmax(${px(spacing.titleMin)}, 1fr) auto auto auto;
    grid-template-areas: 'home titles toolbar aside status';
  }
  :host([one-row]) .toolbar {
    height: 60px;
    margin: 0;
    padding: 0;
    border-top: 0;
  }
  :host([one-row]) .tools {
    margin-left: 0;
  }
  :host([one-row]) .aside {
    padding-left: ${px(spacing.asideRule - 1)};
    border-left: 1px solid var(--k-color-border);
  }
  :host([stacked]) header {
    grid-template-columns: auto minmax(0, 1fr) auto;
    grid-template-areas:
      'home titles status'
      'aside aside aside'
      'toolbar toolbar toolbar';
  }
  :host([stacked]) .aside {
    flex-wrap: wrap;
    padding-bottom: 8px;
  }
  :host([stacked]) .toolbar {
    flex-wrap: wrap;
    height: auto;
    row-gap: 8px;
    padding-top: 8px;
    padding-bottom: 8px;
  }
  @media ${unsafeCSS(PHONE_LAYOUT)} {
    header {
      grid-template-columns: auto minmax(0, 1fr) auto;
      grid-template-areas:
        'home titles status'
        'toolbar toolbar toolbar'
        'aside aside aside';
      column-gap: 8px;
      padding: 0 10px;
    }
    .titles {
      padding: 8px 0;
    }
    h1 {
      font-size: 15px;
      white-space: normal;
      display: -webkit-box;
      -webkit-line-clamp: 2;
      -webkit-box-orient: vertical;
    }
    /* The list under the header shows the joint task in full. */
    .task {
      display: none;
    }
    .toolbar {
      flex-wrap: wrap;
      height: auto;
      gap: 6px;
      margin: 0 -10px;
      padding: 8px 10px;
    }
    .where {
      flex-wrap: wrap;
    }
    .panels {
      padding-left: 0;
      border-left: 0;
      gap: 4px;
    }
    /* Dutch names are long: the panels and undo and redo share one row on a phone 390 px wide. */
    .panels .button {
      padding: 0 7px;
      font-size: 13px;
    }
    /* On a phone notes are added in the list, to the step they belong to. */
    .add-note {
      display: none;
    }
    .tools {
      margin-left: 0;
    }
    .more {
      display: inline-flex;
    }
    .aside {
      display: none;
      flex-wrap: wrap;
      padding: 0 0 8px;
    }
    .aside.open {
      display: flex;
    }
    .rounds-wide {
      display: none;
    }
    .rounds-phone {
      display: inline-flex;
    }
    .role:not(.view-only) {
      display: none;
    }
    .role .role-text {
      ${visuallyHidden}
    }
  }
`;
