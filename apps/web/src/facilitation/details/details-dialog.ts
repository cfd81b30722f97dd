import { BOARD_TASK_MAX, BOARD_TITLE_MAX } from '@kompas/model';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { ICONS } from '../../ui/icons.ts';
import { showModalWhile } from '../../ui/modal.ts';
import { dialogStyles, sharedStyles } from '../../ui/shared-styles.ts';

export interface DetailsSaveDetail {
  title: string;
  task: string;
}

/**
 * Where a facilitator changes the workshop's title and joint task. Open while `open`, filled with the board's
 * current `boardTitle` and `task`; fires `details-save` ({ title, task }) or `details-cancel` (Escape counts
 * as cancelling). The page writes through the board core and either closes the dialog or hands back why not as
 * `error`, shown beside the fields with what was typed kept.
 */
export class DetailsDialog extends LitElement {
  static override properties = {
    open: { type: Boolean },
    boardTitle: { type: String, attribute: 'board-title' },
    task: { type: String },
    error: { type: String },
  };

  declare open: boolean;
  declare boardTitle: string;
  declare task: string;
  declare error: string;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.open = false;
    this.boardTitle = '';
    this.task = '';
    this.error = '';
  }

  static override styles = [
    sharedStyles,
    dialogStyles,
    css`
      dialog {
        width: min(520px, calc(100vw - 32px));
      }
      h2 {
        margin: 0 0 4px;
        font-size: 18px;
      }
      .sub {
        margin: 0 0 18px;
        color: var(--k-color-text-muted);
        font-size: 13.5px;
      }
      form {
        display: grid;
        gap: 16px;
      }
      textarea {
        resize: vertical;
        min-height: 96px;
      }
      .actions {
        display: flex;
        justify-content: flex-end;
        gap: 8px;
      }
    `,
  ];

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('open')) showModalWhile(this.renderRoot, this.open);
  }

  override render() {
    // The form exists only while the dialog is open: it starts from the board's values each time.
    return html`<dialog aria-labelledby="details-title" @cancel=${this.onCancel}>
      <h2 id="details-title">${msg('Title and joint task')}</h2>
      <p class="sub">${msg('Everyone on the board sees the change at once, and the report uses it.')}</p>
      ${this.open ? this.renderForm() : nothing}
    </dialog>`;
  }

  private renderForm() {
    return html`<form @submit=${this.onSubmit} novalidate>
      <div class="field">
        <label for="details-board-title">${msg('Workshop title')}</label>
        <input
          id="details-board-title"
          name="title"
          type="text"
          maxlength=${BOARD_TITLE_MAX}
          required
          .value=${this.boardTitle}
        />
      </div>
      <div class="field">
        <label for="details-task">${msg('Joint task')}</label>
        <textarea
          id="details-task"
          name="task"
          maxlength=${BOARD_TASK_MAX}
          aria-describedby="details-task-hint"
          placeholder=${msg('What do the partners have to do together?')}
          .value=${this.task}
        ></textarea>
        <span id="details-task-hint" class="hint">${msg('Shown in the centre of the board.')}</span>
      </div>
      ${this.error ? html`<div class="form-error" role="alert">${ICONS.alert}<span>${this.error}</span></div>` : nothing}
      <div class="actions">
        <button type="button" class="button" @click=${this.cancel}>${msg('Cancel')}</button>
        <button type="submit" class="button primary">${msg('Save')}</button>
      </div>
    </form>`;
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const detail: DetailsSaveDetail = {
      title: String(data.get('title') ?? ''),
      task: String(data.get('task') ?? ''),
    };
    this.dispatchEvent(new CustomEvent<DetailsSaveDetail>('details-save', { detail }));
  }

  private onCancel(event: Event): void {
    event.preventDefault();
    this.cancel();
  }

  private cancel(): void {
    this.dispatchEvent(new CustomEvent('details-cancel'));
  }
}

customElements.define('kompas-details-dialog', DetailsDialog);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-details-dialog': DetailsDialog;
  }
}
