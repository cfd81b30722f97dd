import { getStep, ISSUE_KIND_LABELS, type IssueInHand, openIssues } from '@kompas/model';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import type * as Y from 'yjs';
import { inLanguage } from '../../i18n/language.ts';
import { showModalWhile } from '../../ui/modal.ts';
import { dialogStyles, sharedStyles } from '../../ui/shared-styles.ts';

/**
 * "Start a new meeting": what a new meeting means, and the issues in hand still open, per step, as they stand
 * when it starts: they carry over. Fires `meeting-start` or `meeting-cancel`.
 */
export class MeetingDialog extends LitElement {
  static override properties = {
    open: { type: Boolean },
    doc: { attribute: false },
    meetingNumber: { type: Number, attribute: false },
  };

  declare open: boolean;
  /** The control document, read when the dialog opens. */
  declare doc: Y.Doc | undefined;
  /** The number the new meeting will have. */
  declare meetingNumber: number;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.open = false;
    this.doc = undefined;
    this.meetingNumber = 2;
  }

  static override styles = [
    sharedStyles,
    dialogStyles,
    css`
      dialog {
        width: min(520px, calc(100vw - 24px));
        max-height: calc(100dvh - 24px);
      }
      h2 {
        margin: 0 0 6px;
        font-size: 18px;
      }
      p {
        margin: 0 0 14px;
        color: var(--k-color-text-muted);
        font-size: 13.5px;
      }
      h3 {
        margin: 0 0 6px;
        font-size: 14px;
      }
      .steps {
        display: grid;
        gap: 10px;
        margin: 0 0 18px;
        padding: 0;
        list-style: none;
      }
      .step-name {
        font-size: 13px;
        font-weight: 700;
      }
      .issues {
        margin: 4px 0 0;
        padding-left: 18px;
        font-size: 13.5px;
      }
      .kind {
        color: var(--k-color-text-muted);
        font-weight: 600;
      }
      .owner {
        color: var(--k-color-text-muted);
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
    const number = this.meetingNumber;
    return html`<dialog aria-labelledby="meeting-title" @cancel=${this.onCancel}>
      <h2 id="meeting-title">${msg(str`Start meeting ${number}?`)}</h2>
      <p>${msg('A new meeting has its own plan, agenda, timeline and report. The notes and the issues in hand stay on the board.')}</p>
      ${this.open && this.doc ? this.renderOpen(openIssues(this.doc)) : nothing}
      <div class="actions">
        <button type="button" class="button" @click=${this.cancel}>${msg('Cancel')}</button>
        <button type="button" class="button primary" @click=${this.start}>${msg(str`Start meeting ${number}`)}</button>
      </div>
    </dialog>`;
  }

  private renderOpen(issues: readonly IssueInHand[]) {
    if (issues.length === 0) return html`<p>${msg('No issues in hand are open.')}</p>`;
    const steps = [...new Set(issues.map((issue) => issue.step))];
    return html`<h3>${msg(str`Still open: ${issues.length}`)}</h3>
      <ul class="steps">
        ${steps.map(
          (step) => html`<li>
            <span class="step-name">${getStep(step).label.nl}</span>
            <ul class="issues">
              ${issues
                .filter((issue) => issue.step === step)
                .map(
                  (issue) => html`<li>
                    <span class="kind">${inLanguage(ISSUE_KIND_LABELS[issue.kind])}:</span> ${issue.text}
                    ${issue.owner ? html`<span class="owner">(${issue.owner})</span>` : nothing}
                  </li>`,
                )}
            </ul>
          </li>`,
        )}
      </ul>`;
  }

  private readonly start = (): void => {
    this.dispatchEvent(new CustomEvent('meeting-start'));
  };

  private onCancel(event: Event): void {
    event.preventDefault();
    this.cancel();
  }

  private readonly cancel = (): void => {
    this.dispatchEvent(new CustomEvent('meeting-cancel'));
  };
}

customElements.define('kompas-meeting-dialog', MeetingDialog);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-meeting-dialog': MeetingDialog;
  }
}
