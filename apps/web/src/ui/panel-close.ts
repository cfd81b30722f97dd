import { msg } from '@lit/localize';
import { css, html, svg } from 'lit';
import type { CommandName } from '../core/commands.ts';
import { fireCommand } from './command-button.ts';

const CLOSE_ICON = svg`<svg class="icon" viewBox="0 0 24 24" width="18" height="18" fill="none"
  stroke="currentColor" stroke-width="2" stroke-linecap="round" aria-hidden="true" focusable="false"
  ><path d="M6 6l12 12M18 6 6 18"/></svg>`;

/**
 * The close button of a side panel (steps, voting): it runs the command that shows and hides the panel, so
 * the panel closes as it does from the header. It stays in view at the panel's top right as the panel scrolls,
 * which matters most on a phone, where the panel takes the whole screen.
 */
export function panelCloseButton(host: HTMLElement, command: CommandName) {
  return html`<button
    class="icon-button panel-close"
    aria-label=${msg('Close panel')}
    title=${msg('Close')}
    @click=${() => fireCommand(host, command)}
  >
    ${CLOSE_ICON}
  </button>`;
}

export const panelCloseStyles = css`
  .panel-close {
    position: sticky;
    top: 0;
    z-index: 1;
    float: right;
    width: 40px;
    height: 40px;
    margin: -8px -8px 0 8px;
    border-radius: var(--k-radius-md);
    background: var(--k-color-surface);
  }
`;
