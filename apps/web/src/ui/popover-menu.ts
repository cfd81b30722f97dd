/**
 * What the board's popover menus (lock, export) share: opening under their button and moving the focus with
 * the arrow keys. The menus themselves are `[popover]` elements, so the header's clipping does not cut them.
 */

import { css } from 'lit';

/** The menu panel and its items (`menuitem` or `menuitemradio` buttons); a menu sets its own width. */
export const menuStyles = css`
  [popover] {
    inset: auto;
    margin: 0;
    padding: 4px;
    border: 1px solid var(--k-color-border);
    border-radius: var(--k-radius-md);
    background: var(--k-color-surface);
    box-shadow: var(--k-shadow-lg);
  }
  [role='menuitem'],
  [role='menuitemradio'] {
    width: 100%;
    padding: 8px 10px;
    border: 0;
    border-radius: var(--k-radius-sm, 6px);
    background: none;
    text-align: left;
    font-size: 13.5px;
    cursor: pointer;
  }
  [role='menuitem']:hover,
  [role='menuitem']:focus-visible,
  [role='menuitemradio']:hover,
  [role='menuitemradio']:focus-visible {
    background: var(--k-color-surface-hover);
  }
`;

/** Places `menu` (`width` px wide) 6 px under `button`, by its left or right edge, kept inside the window. */
export function placeUnder(button: Element, menu: HTMLElement, width: number, align: 'start' | 'end'): void {
  const rect = button.getBoundingClientRect();
  const left = align === 'start' ? rect.left : rect.right - width;
  menu.style.top = `${rect.bottom + 6}px`;
  menu.style.left = `${Math.max(8, Math.min(left, window.innerWidth - width - 8))}px`;
}

/** Up and Down move the focus round `items`, starting from the one that has it. */
export function moveMenuFocus(
  event: KeyboardEvent,
  items: readonly HTMLElement[],
  focused: Element | null,
): void {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  event.preventDefault();
  const index = items.indexOf(focused as HTMLElement);
  const step = event.key === 'ArrowDown' ? 1 : -1;
  items[(index + step + items.length) % items.length]?.focus();
}
