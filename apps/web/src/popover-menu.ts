/**
 * What the board's popover menus (lock, export) share: opening under their button and moving the focus with
 * the arrow keys. The menus themselves are `[popover]` elements, so the header's clipping does not cut them.
 */

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
