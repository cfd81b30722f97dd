import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement, type PropertyValues } from 'lit';
import type { ShortcutGroup } from '../core/board-keys.ts';
import { SHORTCUT_GROUPS, shortcuts } from '../core/commands.ts';
import { dialogStyles, sharedStyles } from './shared-styles.ts';

const groupNames = (): Record<ShortcutGroup, string> => ({
  notes: msg('Notes'),
  board: msg('Board'),
  facilitation: msg('Facilitation'),
});

/**
 * The `?` list of keyboard shortcuts, grouped, built from the board's commands and keys. Open while `open`;
 * Escape or Close closes it, fires `shortcuts-close`, and the focus goes back where it was.
 */
export class ShortcutsDialog extends LitElement {
  static override properties = { open: { type: Boolean } };

  declare open: boolean;
  private returnFocus: HTMLElement | null = null;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.open = false;
  }

  static override styles = [
    sharedStyles,
    dialogStyles,
    css`
      dialog {
        width: min(620px, calc(100vw - 32px));
        max-height: calc(100vh - 48px);
      }
      h2 {
        margin: 0 0 12px;
        font-size: 18px;
      }
      h3 {
        margin: 16px 0 6px;
        font-size: 14px;
      }
      dl {
        display: grid;
        grid-template-columns: 15em 1fr;
        gap: 6px 16px;
        margin: 0;
        font-size: 13.5px;
      }
      dd {
        margin: 0;
        color: var(--k-color-text-muted);
      }
      kbd {
        padding: 1px 6px;
        border: 1px solid var(--k-color-border);
        border-radius: 5px;
        background: var(--k-color-surface-muted);
        font-family: inherit;
        font-size: 12.5px;
      }
      .actions {
        display: flex;
        justify-content: flex-end;
        margin-top: 20px;
      }
    `,
  ];

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('open')) return;
    const dialog = this.renderRoot.querySelector('dialog');
    if (!dialog) return;
    if (this.open && !dialog.open) {
      this.returnFocus = deepActiveElement();
      dialog.showModal();
    } else if (!this.open && dialog.open) {
      dialog.close();
      this.returnFocus?.focus({ preventScroll: true });
      this.returnFocus = null;
    }
  }

  override render() {
    const lines = shortcuts();
    const names = groupNames();
    return html`<dialog aria-labelledby="shortcuts-title" @cancel=${this.onCancel}>
      <h2 id="shortcuts-title">${msg('Keyboard shortcuts')}</h2>
      ${SHORTCUT_GROUPS.map(
        (group) => html`<section aria-labelledby="shortcuts-${group}">
          <h3 id="shortcuts-${group}">${names[group]}</h3>
          <dl>
            ${lines
              .filter((line) => line.group === group)
              .map((line) => html`<dt><kbd>${line.keys}</kbd></dt><dd>${line.label}</dd>`)}
          </dl>
        </section>`,
      )}
      <div class="actions">
        <button type="button" class="button primary" @click=${this.close}>${msg('Close')}</button>
      </div>
    </dialog>`;
  }

  private onCancel(event: Event): void {
    event.preventDefault();
    this.close();
  }

  private readonly close = (): void => {
    this.open = false;
    this.dispatchEvent(new CustomEvent('shortcuts-close'));
  };
}

/** The element with the focus, looking into shadow roots (the board's canvas keeps its stage in one). */
function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

customElements.define('kompas-shortcuts-dialog', ShortcutsDialog);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-shortcuts-dialog': ShortcutsDialog;
  }
}
