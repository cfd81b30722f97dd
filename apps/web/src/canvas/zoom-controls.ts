import { css, html, LitElement } from 'lit';
import { COMMANDS } from '../core/commands.ts';
import { commandButton } from '../ui/command-button.ts';
import { ICONS } from '../ui/icons.ts';
import { sharedStyles } from '../ui/shared-styles.ts';

/**
 * Zoom out, the zoom level, zoom in and fit, in the board's bottom-right corner, as on most canvases; the
 * header keeps its room for the workshop. Fires `board-command` like the header.
 */
export class ZoomControls extends LitElement {
  static override properties = { zoom: { type: Number } };

  /** The scale, 1 = 100%. */
  declare zoom: number;

  constructor() {
    super();
    this.zoom = 1;
  }

  static override styles = [
    sharedStyles,
    css`
      :host {
        position: absolute;
        right: 16px;
        bottom: 16px;
        z-index: 3;
      }
      .group {
        box-shadow: var(--k-shadow-md);
      }
      .zoom-level {
        min-width: 46px;
        text-align: center;
        font-size: 12.5px;
        font-variant-numeric: tabular-nums;
        color: var(--k-color-text-muted);
      }
      @media (max-width: 640px) {
        .zoom-step,
        .zoom-level {
          display: none;
        }
      }
    `,
  ];

  override render() {
    return html`<div class="group" role="group" aria-label="Zoom">
      ${commandButton(this, COMMANDS['zoom-out'], ICONS.minus, { className: 'zoom-step' })}
      <span class="zoom-level" aria-hidden="true">${Math.round(this.zoom * 100)}%</span>
      ${commandButton(this, COMMANDS['zoom-in'], ICONS.plus, { className: 'zoom-step' })}
      ${commandButton(this, COMMANDS['zoom-fit'], ICONS.fit)}
    </div>`;
  }
}

customElements.define('kompas-zoom-controls', ZoomControls);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-zoom-controls': ZoomControls;
  }
}
