import {
  ISSUE_KIND_LABELS,
  ISSUE_KINDS,
  ISSUE_OWNER_MAX,
  ISSUE_STATUS_LABELS,
  ISSUE_STATUSES,
  ISSUE_TEXT_MAX,
  type IssueKind,
  type IssueStatus,
  PHASES,
  type StepId,
} from '@kompas/model';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import type { IssueDraft } from '../../core/issue-actions.ts';
import { inLanguage } from '../../i18n/language.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';

/** What the form gives back: the issue as filled in, and its status when an existing one was edited. */
export interface IssueFormSaveDetail {
  draft: IssueDraft;
  status: IssueStatus | null;
}

/**
 * A facilitator's form for one issue in hand: its text, kind, step and owner, and its status when it is
 * edited. Starts from `draft`; fires `issue-form-save` ({ draft, status }) once the fields are valid, and
 * `issue-form-cancel`. From a note the text is there already, so the kind is what it asks first.
 */
export class IssueForm extends LitElement {
  static override properties = {
    draft: { attribute: false },
    status: { attribute: false },
    heading: { type: String },
  };

  declare draft: IssueDraft;
  /** The edited issue's status; null for a new issue, which starts open. */
  declare status: IssueStatus | null;
  /** What the form is for, as its accessible name. */
  declare heading: string;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.draft = { step: 'verkennen.eigen-situatie', text: '', kind: 'question', owner: '' };
    this.status = null;
    this.heading = '';
  }

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      form {
        display: grid;
        gap: 10px;
        padding: 12px;
        border: 1px solid var(--k-color-border-strong);
        border-radius: var(--k-radius-md);
        background: var(--k-color-surface);
      }
      .pair {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 10px;
      }
      textarea {
        resize: vertical;
        min-height: 64px;
        font-size: 13.5px;
      }
      input[type='text'] {
        font-size: 13.5px;
        padding: 7px 9px;
      }
      select {
        font: inherit;
        width: 100%;
        padding: 6px 6px;
        border-radius: var(--k-radius-md);
        border: 1px solid var(--k-color-border-strong);
        background: var(--k-color-surface);
        color: var(--k-color-text);
      }
      .actions {
        display: flex;
        justify-content: flex-end;
        gap: 8px;
      }
    `,
  ];

  protected override firstUpdated(): void {
    const first = this.draft.text ? 'select[name=kind]' : 'textarea';
    this.renderRoot.querySelector<HTMLElement>(first)?.focus();
  }

  protected override updated(changed: PropertyValues<this>): void {
    // A new draft (another note turned into an issue) refills the fields.
    if (changed.has('draft') && changed.get('draft')) this.renderRoot.querySelector('form')?.reset();
  }

  override render() {
    // Each form has a shadow root of its own, so these ids cannot clash.
    const { draft } = this;
    return html`<form aria-label=${this.heading} @submit=${this.onSubmit} @keydown=${this.onKeyDown}>
      <div class="field">
        <label for="issue-text">${msg('Issue')}</label>
        <textarea id="issue-text" name="text" required maxlength=${ISSUE_TEXT_MAX} .defaultValue=${draft.text}></textarea>
      </div>
      <div class="pair">
        <div class="field">
          <label for="issue-kind">${msg('Kind')}</label>
          <select id="issue-kind" name="kind">
            ${ISSUE_KINDS.map(
              (kind) =>
                html`<option value=${kind} ?selected=${kind === draft.kind}>${inLanguage(ISSUE_KIND_LABELS[kind])}</option>`,
            )}
          </select>
        </div>
        ${
          this.status === null
            ? nothing
            : html`<div class="field">
                <label for="issue-status">${msg('Status')}</label>
                <select id="issue-status" name="status">
                  ${ISSUE_STATUSES.map(
                    (status) =>
                      html`<option value=${status} ?selected=${status === this.status}>${inLanguage(ISSUE_STATUS_LABELS[status])}</option>`,
                  )}
                </select>
              </div>`
        }
      </div>
      <div class="field">
        <label for="issue-step">${msg('Step')}</label>
        <select id="issue-step" name="step">
          ${PHASES.map(
            (phase) => html`<optgroup label=${phase.label.nl}>
              ${phase.steps.map((step) => html`<option value=${step.id} ?selected=${step.id === draft.step}>${step.label.nl}</option>`)}
            </optgroup>`,
          )}
        </select>
      </div>
      <div class="field">
        <label for="issue-owner">${msg('Owner')}</label>
        <input
          id="issue-owner"
          name="owner"
          type="text"
          maxlength=${ISSUE_OWNER_MAX}
          placeholder=${msg('A person or an organisation (optional)')}
          .defaultValue=${draft.owner}
        />
      </div>
      <div class="actions">
        <button type="button" class="button" @click=${this.cancel}>${msg('Cancel')}</button>
        <button type="submit" class="button primary">${msg('Save')}</button>
      </div>
    </form>`;
  }

  private readonly onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const text = form.querySelector('textarea');
    if (text && !text.value.trim()) text.value = '';
    if (!form.reportValidity()) return;
    const data = new FormData(form);
    const value = (name: string) => String(data.get(name) ?? '');
    const draft: IssueDraft = {
      ...this.draft,
      text: value('text').trim(),
      kind: value('kind') as IssueKind,
      step: value('step') as StepId,
      owner: value('owner').trim(),
    };
    const status = this.status === null ? null : (value('status') as IssueStatus);
    this.dispatchEvent(
      new CustomEvent<IssueFormSaveDetail>('issue-form-save', { detail: { draft, status } }),
    );
  };

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    this.cancel();
  };

  private readonly cancel = (): void => {
    this.dispatchEvent(new CustomEvent('issue-form-cancel'));
  };
}

customElements.define('kompas-issue-form', IssueForm);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-issue-form': IssueForm;
  }
}
