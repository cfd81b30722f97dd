import { css, html, LitElement } from 'lit';
import { type BoardCommand, commandButton, type ToolButton } from '../board/board-header.ts';
import { ICONS } from '../ui/icons.ts';
import { sharedStyles } from '../ui/shared-styles.ts';

const ZOOM_BUTTONS: Record<Extract<BoardCommand, `zoom-${string}`>, ToolButton> = {
  'zoom-out': { label: 'Zoom out', shortcut: '−', icon: ICONS.minus, className: 'zoom-step' },
  'zoom-in': { label: 'Zoom in', shortcut: '+', icon: ICONS.plus, className: 'zoom-step' },
  'zoom-fit': { label: 'Fit to screen', shortcut: 'Shift+1', icon: ICONS.fit },
};

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
      ${commandButton(this, 'zoom-out', ZOOM_BUTTONS['zoom-out'])}
      <span class="zoom-level" aria-hidden="true">${Math.round(this.zoom * 100)}%</span>
      ${commandButton(this, 'zoom-in', ZOOM_BUTTONS['zoom-in'])}
      ${commandButton(this, 'zoom-fit', ZOOM_BUTTONS['zoom-fit'])}
    </div>`;
  }
}

customElements.define('kompas-zoom-controls', ZoomControls);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-zoom-controls': ZoomControls;
  }
}
