import { NOTE_TEXT_MAX } from '@kompas/model';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement } from 'lit';
import { sharedStyles } from '../ui/shared-styles.ts';

export interface NoteFormSaveDetail {
  text: string;
}

/**
 * Writing a note in the phone's list: a field with Save and Cancel buttons, since a phone has no Enter to
 * save nor Escape to cancel. Fires `note-form-save` with text that is not blank, or `note-form-cancel`.
 */
export class NoteForm extends LitElement {
  static override properties = {
    text: { type: String },
    label: { type: String },
  };

  /** The text the field starts with: the note's, when editing. */
  declare text: string;
  /** The field's accessible name, e.g. "New note for Eigen situatie". */
  declare label: string;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.text = '';
    this.label = '';
  }

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      form {
        display: grid;
        gap: 8px;
      }
      textarea {
        min-height: 96px;
        resize: vertical;
        font-size: 16px;
      }
      .actions {
        display: flex;
        justify-content: flex-end;
        gap: 8px;
      }
      .button {
        min-height: 40px;
        min-width: 80px;
      }
    `,
  ];

  protected override firstUpdated(): void {
    const field = this.field;
    field?.focus();
    field?.setSelectionRange(field.value.length, field.value.length);
  }

  private get field(): HTMLTextAreaElement | null {
    return this.renderRoot.querySelector('textarea');
  }

  override render() {
    return html`<form @submit=${this.onSubmit}>
      <textarea aria-label=${this.label || msg('Note text')} maxlength=${NOTE_TEXT_MAX} .value=${this.text}></textarea>
      <div class="actions">
        <button type="button" class="button" @click=${this.cancel}>${msg('Cancel')}</button>
        <button type="submit" class="button primary">${msg('Save')}</button>
      </div>
    </form>`;
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const text = this.field?.value ?? '';
    if (!text.trim()) {
      this.cancel();
      return;
    }
    this.dispatchEvent(new CustomEvent<NoteFormSaveDetail>('note-form-save', { detail: { text } }));
  }

  private readonly cancel = (): void => {
    this.dispatchEvent(new CustomEvent('note-form-cancel'));
  };
}

customElements.define('kompas-note-form', NoteForm);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-note-form': NoteForm;
  }
}
