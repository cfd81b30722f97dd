import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { cleanName, NAME_MAX_LENGTH } from '../core/local-user.ts';
import { logoMark } from '../ui/icons.ts';
import { dialogStyles, sharedStyles } from '../ui/shared-styles.ts';

export interface NameChosenDetail {
  name: string;
}

/** Asks for a display name once (a modal dialog); fires `name-chosen` ({ name }). */
export class NameDialog extends LitElement {
  static override properties = {
    open: { type: Boolean },
    boardTitle: { type: String, attribute: 'board-title' },
    error: { state: true },
  };

  declare open: boolean;
  declare boardTitle: string;
  declare error: string;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.open = false;
    this.boardTitle = '';
    this.error = '';
  }

  static override styles = [
    sharedStyles,
    dialogStyles,
    css`
      dialog {
        padding: 28px;
      }
      dialog::backdrop {
        backdrop-filter: blur(2px);
      }
      h2 {
        margin: 14px 0 4px;
        font-size: 19px;
        letter-spacing: -0.01em;
      }
      p {
        margin: 0 0 20px;
        color: var(--k-color-text-muted);
      }
      form {
        display: grid;
        gap: 18px;
      }
      .error {
        color: var(--k-color-danger);
        font-size: 13px;
      }
      .actions {
        display: flex;
        justify-content: flex-end;
      }
    `,
  ];

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('open')) return;
    const dialog = this.renderRoot.querySelector('dialog');
    if (!dialog) return;
    if (this.open && !dialog.open) {
      dialog.showModal();
      this.renderRoot.querySelector('input')?.focus();
    } else if (!this.open && dialog.open) {
      dialog.close();
    }
  }

  override render() {
    return html`<dialog aria-labelledby="name-title" @cancel=${preventDefault}>
      ${logoMark(30)}
      <h2 id="name-title">${this.boardTitle ? msg(str`Join “${this.boardTitle}”`) : msg('Join the workshop')}</h2>
      <p>${msg('Your name is shown to the others next to your notes and your cursor.')}</p>
      <form @submit=${this.onSubmit} novalidate>
        <div class="field">
          <label for="name">${msg('Your name')}</label>
          <input
            id="name"
            type="text"
            name="name"
            autocomplete="name"
            maxlength=${NAME_MAX_LENGTH}
            placeholder=${msg('e.g. Sanne de Vries')}
            aria-invalid=${this.error ? 'true' : 'false'}
            aria-describedby="name-error"
            required
          />
          <span id="name-error" class="error" role="alert">${this.error}</span>
        </div>
        <div class="actions"><button class="button primary large" type="submit">${msg('Join')}</button></div>
      </form>
    </dialog>`;
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const input = this.renderRoot.querySelector('input');
    const name = cleanName(input?.value ?? '');
    if (!name) {
      this.error = msg('Please enter a name.');
      input?.focus();
      return;
    }
    this.error = '';
    this.dispatchEvent(new CustomEvent<NameChosenDetail>('name-chosen', { detail: { name } }));
  }
}

function preventDefault(event: Event): void {
  // The name is needed to take part; Escape must not leave the dialog half-answered.
  event.preventDefault();
}

customElements.define('kompas-name-dialog', NameDialog);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-name-dialog': NameDialog;
  }
}
