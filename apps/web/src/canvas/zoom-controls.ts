import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement, svg } from 'lit';
import { COMMANDS } from '../core/commands.ts';
import { commandButton, fireCommand } from '../ui/command-button.ts';
import { ICONS } from '../ui/icons.ts';
import { sharedStyles } from '../ui/shared-styles.ts';

/** A quarter of a circle: the phase the view closes in on. */
const PHASE_ICON = svg`<svg class="icon" viewBox="0 0 24 24" width="18" height="18" fill="none"
  stroke="currentColor" stroke-width="1.75" stroke-linejoin="round" aria-hidden="true" focusable="false">
  <circle cx="12" cy="12" r="9" stroke-dasharray="2 3"/><path d="M12 3a9 9 0 0 1 9 9h-9Z"/></svg>`;

/**
 * "Focus on phase", then zoom out, the zoom level, zoom in and fit, in the board's bottom-right
 * corner, as on most canvases; the header keeps its room for the workshop. Fires `board-command` like the
 * header.
 */
export class ZoomControls extends LitElement {
  static override properties = { zoom: { type: Number } };

  /** The scale, 1 = 100%. */
  declare zoom: number;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
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
      :host {
        display: flex;
        gap: 8px;
      }
      .group,
      .focus {
        box-shadow: var(--k-shadow-md);
      }
      .focus {
        display: inline-flex;
        align-items: center;
        gap: 6px;
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
        .zoom-level,
        .focus-text {
          display: none;
        }
      }
    `,
  ];

  override render() {
    const focus = COMMANDS['focus-phase'];
    return html`<button class="button focus" aria-label=${focus.label} @click=${() => fireCommand(this, focus.name)}>
        ${PHASE_ICON}<span class="focus-text">${focus.label}</span>
      </button>
      <div class="group" role="group" aria-label=${msg('Zoom')}>
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
