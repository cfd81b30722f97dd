import type { LockMode } from '@kompas/model';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement, svg } from 'lit';
import { menuStyles, moveMenuFocus, placeUnder } from '../../ui/popover-menu.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';

export interface LockChangeDetail {
  mode: LockMode;
}

export const LOCK_ICON = svg`<svg class="icon" viewBox="0 0 24 24" width="16" height="16" fill="none"
  stroke="currentColor" stroke-width="1.75" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"
  focusable="false"><rect x="4" y="11" width="16" height="10" rx="2"/><path d="M8 11V7a4 4 0 0 1 8 0v4"/></svg>`;

const choices = (): readonly { mode: LockMode; label: string }[] => [
  { mode: 'none', label: msg('Unlock') },
  { mode: 'board', label: msg('Lock whole board') },
  { mode: 'other-phases', label: msg('Lock all but current phase') },
];

/**
 * The facilitator's "Lock" menu: unlock, lock the whole board, or lock all but the current phase for
 * participants. Choosing fires `lock-change`. The menu is a popover, so no clipping parent cuts it off.
 */
export class LockMenu extends LitElement {
  static override properties = { mode: { type: String } };

  declare mode: LockMode;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.mode = 'none';
  }

  static override styles = [
    sharedStyles,
    menuStyles,
    css`
      :host {
        display: flex;
        align-items: center;
        gap: 4px;
        flex: none;
      }
      .button {
        box-shadow: var(--k-shadow-md);
      }
      [popover] {
        min-width: 230px;
      }
      [role='menuitemradio'] {
        display: flex;
        align-items: center;
        gap: 8px;
      }
      .mark {
        width: 14px;
        text-align: center;
        color: var(--k-color-accent);
      }
    `,
  ];

  override render() {
    return html`<button
        class="button"
        popovertarget="lock-menu"
        aria-haspopup="menu"
        title=${msg('Lock the board, or all but the current phase, for participants')}
      >
        ${LOCK_ICON}${msg('Lock')}
      </button>
      <div
        id="lock-menu"
        popover
        role="menu"
        aria-label=${msg('Lock')}
        @beforetoggle=${this.onBeforeToggle}
        @toggle=${this.onToggle}
        @keydown=${this.onMenuKey}
      >
        ${choices().map(
          ({ mode, label }) => html`<button
            role="menuitemradio"
            aria-checked=${this.mode === mode ? 'true' : 'false'}
            @click=${() => this.choose(mode)}
          >
            <span class="mark" aria-hidden="true">${this.mode === mode ? '✓' : ''}</span>${label}
          </button>`,
        )}
      </div>`;
  }

  private get menu(): HTMLElement | null {
    return this.renderRoot.querySelector('#lock-menu');
  }

  private get items(): HTMLElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLElement>('[role="menuitemradio"]')];
  }

  private onBeforeToggle(event: ToggleEvent): void {
    const button = this.renderRoot.querySelector('button[popovertarget]');
    const menu = this.menu;
    if (event.newState === 'open' && button && menu) placeUnder(button, menu, 238, 'start');
  }

  private onToggle(event: ToggleEvent): void {
    if (event.newState !== 'open') return;
    const items = this.items;
    (items.find((item) => item.getAttribute('aria-checked') === 'true') ?? items[0])?.focus();
  }

  private onMenuKey(event: KeyboardEvent): void {
    moveMenuFocus(event, this.items, this.renderRoot.querySelector(':focus'));
  }

  private choose(mode: LockMode): void {
    this.menu?.hidePopover();
    this.dispatchEvent(
      new CustomEvent<LockChangeDetail>('lock-change', { detail: { mode }, bubbles: true, composed: true }),
    );
  }
}

customElements.define('kompas-lock-menu', LockMenu);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-lock-menu': LockMenu;
  }
  interface HTMLElementEventMap {
    'lock-change': CustomEvent<LockChangeDetail>;
  }
}
