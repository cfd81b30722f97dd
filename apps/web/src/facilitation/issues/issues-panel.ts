import {
  getPhase,
  getStep,
  ISSUE_KIND_LABELS,
  ISSUE_STATUS_LABELS,
  ISSUE_STATUSES,
  type IssueInHand,
  type IssueStatus,
  type PhaseId,
} from '@kompas/model';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type * as Y from 'yjs';
import type { IssueChange, IssueDraft } from '../../core/issue-actions.ts';
import { issuesInHand, issuesPerStep, meetingNumber, NO_ISSUES } from '../../core/issue-values.ts';
import { inLanguage } from '../../i18n/language.ts';
import { BoundValue } from '../../ui/bound-value.ts';
import { ICONS } from '../../ui/icons.ts';
import { panelCloseButton, panelCloseStyles } from '../../ui/panel-close.ts';
import { sharedStyles, sidePanelStyles } from '../../ui/shared-styles.ts';
import type { IssueFormSaveDetail } from './issue-form.ts';
import './issue-form.ts';
import { issuesPanelStyles } from './issues-panel-styles.ts';

/** A facilitator's change to an issue in hand. */
export interface IssueChangeDetail {
  id: string;
  change: IssueChange;
}

type Filter = 'open' | 'all';
type Form = { kind: 'new'; draft: IssueDraft } | { kind: 'edit'; id: string } | null;

/**
 * "Issues in hand" beside the board: the open questions, agreements and actions per step, open ones first,
 * with kind, owner, status and the meeting each was raised in. Everyone reads them; facilitators take one up
 * (`issue-add` with the draft), change one (`issue-change` with its id and what changed) and set its status.
 * `draft` is the issue a note was just turned into: the form opens with it.
 */
export class IssuesPanel extends LitElement {
  static override properties = {
    controlDoc: { attribute: false },
    canLead: { type: Boolean, attribute: 'can-lead' },
    phase: { type: String },
    draft: { attribute: false },
    filter: { state: true },
    form: { state: true },
  };

  declare controlDoc: Y.Doc | undefined;
  declare canLead: boolean;
  /** The phase the group is in: a new issue starts at its first step. */
  declare phase: PhaseId;
  declare draft: IssueDraft | null;
  declare filter: Filter;
  declare form: Form;
  private readonly reading = new BoundValue(this, () => this.controlDoc, issuesInHand, NO_ISSUES);

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.controlDoc = undefined;
    this.canLead = false;
    this.phase = 'verkennen';
    this.draft = null;
    this.filter = 'open';
    this.form = null;
  }

  static override styles = [sharedStyles, sidePanelStyles, panelCloseStyles, issuesPanelStyles];

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('draft') && this.draft && this.canLead) this.form = { kind: 'new', draft: this.draft };
  }

  override render() {
    const { issues } = this.reading.value;
    const open = issues.filter((issue) => issue.status === 'open').length;
    const groups = issuesPerStep(issues, this.filter === 'open');
    return html`${panelCloseButton(this, 'toggle-issues')}<section aria-labelledby="issues-title">
      <h2 id="issues-title">${msg('Issues in hand')}</h2>
      <p class="intro muted">
        ${msg('Open questions, agreements and actions per step. They carry over from meeting to meeting.')}
      </p>
      <div class="bar">
        <div class="group filter" role="group" aria-label=${msg('Show')}>
          ${this.filterButton('open', msg('Still open', { desc: 'show the issues still open' }), open)}
          ${this.filterButton('all', msg('All', { desc: 'show every issue, also done and dropped' }), issues.length)}
        </div>
        ${
          this.canLead && this.form?.kind !== 'new'
            ? html`<button class="button" @click=${this.newIssue}>${ICONS.plus}${msg('New issue')}</button>`
            : nothing
        }
      </div>
      ${this.form?.kind === 'new' ? this.renderForm(this.form.draft, null, msg('New issue')) : nothing}
      ${groups.length === 0 ? this.renderEmpty(issues.length > 0) : nothing}
      ${groups.map(({ step, issues: here }) => {
        const { label, phase } = getStep(step);
        return html`<h3 id="step-${step}">${label.nl}<span class="phase muted">${getPhase(phase).label.nl}</span></h3>
          <ul aria-labelledby="step-${step}">
            ${here.map((issue) => this.renderIssue(issue))}
          </ul>`;
      })}
    </section>`;
  }

  private filterButton(filter: Filter, label: string, count: number) {
    return html`<button
      class="button"
      aria-pressed=${this.filter === filter ? 'true' : 'false'}
      @click=${() => {
        this.filter = filter;
      }}
    >
      ${label} <span class="count">${count}</span>
    </button>`;
  }

  private renderEmpty(someClosed: boolean) {
    const what = someClosed ? msg('No open issues.') : msg('No issues in hand yet.');
    const how = this.canLead
      ? msg('Take one up with New issue, or turn a note into one from its menu.')
      : msg('Write a note to raise one; a facilitator takes it up.');
    return html`<p class="empty muted">${what} ${how}</p>`;
  }

  private renderIssue(issue: IssueInHand) {
    if (this.form?.kind === 'edit' && this.form.id === issue.id) {
      const { step, text, kind, owner } = issue;
      const draft = { step, text, kind, owner };
      return html`<li>${this.renderForm(draft, issue.status, msg(str`Edit ${issue.text}`))}</li>`;
    }
    const closed = issue.status !== 'open';
    return html`<li class="${issue.status} ${closed ? 'closed' : ''}">
      <div class="tags">
        <span class="tag ${issue.kind}">${inLanguage(ISSUE_KIND_LABELS[issue.kind])}</span>
        ${closed || !this.canLead ? html`<span class="tag">${inLanguage(ISSUE_STATUS_LABELS[issue.status])}</span>` : nothing}
      </div>
      <p class="text">${issue.text}</p>
      <p class="meta muted">${this.metaText(issue)}</p>
      ${this.canLead ? this.renderControls(issue) : nothing}
    </li>`;
  }

  /** Who owns it, the meeting it was raised in and, once closed, the one it was closed in. */
  private metaText(issue: IssueInHand): string {
    const { meetings } = this.reading.value;
    const raised = meetingNumber(meetings, issue.meeting);
    const closed = issue.closedIn === null ? null : meetingNumber(meetings, issue.closedIn);
    const parts = [
      issue.owner ? msg(str`Owner: ${issue.owner}`) : msg('No owner yet'),
      raised === null ? null : msg(str`raised in meeting ${raised}`),
      closed === null
        ? null
        : issue.status === 'done'
          ? msg(str`done in meeting ${closed}`)
          : msg(str`dropped in meeting ${closed}`),
    ];
    return parts.filter((part) => part !== null).join(' · ');
  }

  private renderControls(issue: IssueInHand) {
    const label = issue.text;
    return html`<div class="controls">
      <select
        aria-label=${msg(str`Status of ${label}`)}
        @change=${(event: Event) => this.change(issue.id, { status: (event.target as HTMLSelectElement).value as IssueStatus })}
      >
        ${ISSUE_STATUSES.map(
          (status) =>
            html`<option value=${status} ?selected=${status === issue.status}>${inLanguage(ISSUE_STATUS_LABELS[status])}</option>`,
        )}
      </select>
      <button class="button" aria-label=${msg(str`Edit ${issue.text}`)} @click=${() => this.edit(issue.id)}>
        ${msg('Edit')}
      </button>
    </div>`;
  }

  private renderForm(draft: IssueDraft, status: IssueStatus | null, heading: string) {
    return html`<kompas-issue-form
      .draft=${draft}
      .status=${status}
      .heading=${heading}
      @issue-form-save=${this.onSave}
      @issue-form-cancel=${this.closeForm}
    ></kompas-issue-form>`;
  }

  private readonly newIssue = (): void => {
    const step = getPhase(this.phase).steps[0]?.id ?? 'verkennen.eigen-situatie';
    this.form = { kind: 'new', draft: { step, text: '', kind: 'question', owner: '' } };
  };

  private edit(id: string): void {
    this.form = { kind: 'edit', id };
  }

  private readonly closeForm = (): void => {
    this.form = null;
  };

  private readonly onSave = (event: CustomEvent<IssueFormSaveDetail>): void => {
    const { form } = this;
    const { draft, status } = event.detail;
    this.form = null;
    if (form?.kind === 'new') {
      this.dispatchEvent(new CustomEvent<IssueDraft>('issue-add', { detail: draft }));
    } else if (form?.kind === 'edit') {
      const { text, kind, owner, step } = draft;
      this.change(form.id, { text, kind, owner, step, ...(status ? { status } : {}) });
    }
  };

  private change(id: string, change: IssueChange): void {
    this.dispatchEvent(new CustomEvent<IssueChangeDetail>('issue-change', { detail: { id, change } }));
  }
}

customElements.define('kompas-issues-panel', IssuesPanel);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-issues-panel': IssuesPanel;
  }
}
