import type { LockMode, PhaseId } from '@kompas/model';
import { updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { lockStatusText } from '../../core/lock.ts';
import { sharedStyles, visuallyHidden } from '../../ui/shared-styles.ts';
import { LOCK_ICON } from './lock-menu.ts';

/** What is locked, for everyone: "Board locked", "Only Richten open", or nothing while the board is open. */
export class LockStatus extends LitElement {
  static override properties = {
    mode: { type: String },
    phase: { type: String },
  };

  declare mode: LockMode;
  /** The phase the group is in: the one left open by "all but current phase". */
  declare phase: PhaseId;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.mode = 'none';
    this.phase = 'verkennen';
  }

  static override styles = [
    sharedStyles,
    css`
      /* Only the indicator takes part in the header's layout, and only while something is locked. */
      :host {
        display: contents;
      }
      .indicator {
        display: inline-flex;
        align-items: center;
        gap: 6px;
        height: 30px;
        padding: 0 12px;
        border-radius: var(--k-radius-full);
        background: var(--k-color-warning-soft);
        color: var(--k-color-warning);
        font-size: 13px;
        font-weight: 600;
        white-space: nowrap;
        flex: none;
      }
      .indicator:empty {
        ${visuallyHidden}
      }
    `,
  ];

  override render() {
    const status = lockStatusText(this.mode, this.phase);
    // The status element stays in place while the board is open, so screen readers announce the change.
    return html`<span class="indicator" role="status">${status ? html`${LOCK_ICON}${status}` : nothing}</span>`;
  }
}

customElements.define('kompas-lock-status', LockStatus);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-lock-status': LockStatus;
  }
}
