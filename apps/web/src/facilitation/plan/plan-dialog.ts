import {
  defaultAim,
  getStep,
  type MeetingPlan,
  PHASES,
  type PhaseId,
  PLAN_AIM_MAX,
  PLAN_MINUTES_MAX,
  PLAN_NAME_MAX,
  PLAN_PARTNERS_MAX,
  type PlanRoles,
} from '@kompas/model';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type { PlanDraft } from '../../core/plan-actions.ts';
import { inLanguage } from '../../i18n/language.ts';
import { ICONS } from '../../ui/icons.ts';
import { showModalWhile } from '../../ui/modal.ts';
import { dialogStyles, sharedStyles } from '../../ui/shared-styles.ts';
import { planDialogStyles } from './plan-dialog-styles.ts';
import {
  choosableSteps,
  type DraftItem,
  type EditedPlan,
  editedPlan,
  moveItem,
  nextFreeStep,
  planDraft,
  shownAim,
} from './plan-draft.ts';

/**
 * Where a facilitator plans the meeting: its steps in order, from any phase, each with a time box and an aim
 * (the step's own from the model until changed), and who plays which role. Fires `plan-save` (a PlanDraft) or
 * `plan-cancel`; a refusal comes back as `error` with everything typed kept. Saving again during the meeting
 * is fine: the model keeps every version.
 */
export class PlanDialog extends LitElement {
  static override properties = {
    open: { type: Boolean },
    meetingNumber: { type: Number, attribute: false },
    plan: { attribute: false },
    phase: { attribute: false },
    facilitatorName: { attribute: false },
    error: { type: String },
    edited: { state: true },
  };

  declare open: boolean;
  declare meetingNumber: number;
  /** The meeting's plan as it stands, or null for none yet. */
  declare plan: MeetingPlan | null;
  /** The phase the group is in: a new plan starts with its first step. */
  declare phase: PhaseId;
  /** Who opens the editor: a new plan names them as the facilitator. */
  declare facilitatorName: string;
  declare error: string;
  declare edited: EditedPlan;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.open = false;
    this.meetingNumber = 1;
    this.plan = null;
    this.phase = 'verkennen';
    this.facilitatorName = '';
    this.error = '';
    this.edited = { items: [], roles: { facilitator: '', partners: [], notetaker: '' } };
  }

  static override styles = [sharedStyles, dialogStyles, planDialogStyles];

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Each time it opens, the editor starts from the plan as it stands now.
    if (changed.has('open') && this.open)
      this.edited = editedPlan(this.plan, this.phase, this.facilitatorName);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('open')) showModalWhile(this.renderRoot, this.open);
  }

  override render() {
    return html`<dialog aria-labelledby="plan-title" @cancel=${this.onCancel}>
      <h2 id="plan-title">${msg(str`Plan for meeting ${this.meetingNumber}`)}</h2>
      <p class="sub">
        ${msg('Everyone sees the plan as the agenda, and Next follows it. Changes during the meeting are kept on record.')}
      </p>
      ${this.open ? this.renderForm() : nothing}
    </dialog>`;
  }

  private renderForm() {
    const { items, roles } = this.edited;
    const total = items.reduce((sum, item) => sum + item.minutes, 0);
    const free = nextFreeStep(items);
    return html`<form @submit=${this.onSubmit} novalidate>
      <fieldset>
        <legend>${msg('Steps')}</legend>
        <ol class="items">
          ${items.map((item, index) => this.renderItem(item, index))}
        </ol>
        <div class="row-actions">
          <button type="button" class="button" ?disabled=${free === null} @click=${() => this.addItem()}>
            ${ICONS.plus}${msg('Add step')}
          </button>
          <span class="total">${msg(str`Total: ${total} min`)}</span>
        </div>
      </fieldset>
      <fieldset>
        <legend>${msg('Roles')}</legend>
        <div class="roles">
          ${this.renderName('facilitator', msg('Facilitator'), roles.facilitator)}
          ${this.renderName('notetaker', msg('Notetaker'), roles.notetaker)}
        </div>
        ${this.renderPartners(roles)}
      </fieldset>
      ${this.error ? html`<div class="form-error" role="alert">${ICONS.alert}<span>${this.error}</span></div>` : nothing}
      <div class="actions">
        <button type="button" class="button" @click=${this.cancel}>${msg('Cancel')}</button>
        <button type="submit" class="button primary">${msg('Save plan')}</button>
      </div>
    </form>`;
  }

  private renderItem(item: DraftItem, index: number) {
    const count = this.edited.items.length;
    const number = index + 1;
    const steps = choosableSteps(this.edited.items, item.step);
    return html`<li class="item">
      <span class="number" aria-hidden="true">${number}</span>
      <select
        class="step"
        aria-label=${msg(str`Step ${number}`)}
        @change=${(event: Event) => this.changeStep(index, (event.target as HTMLSelectElement).value)}
      >
        ${PHASES.map(
          (phase) => html`<optgroup label=${phase.label.nl}>
            ${phase.steps
              .filter((step) => steps.includes(step))
              .map(
                (step) =>
                  html`<option value=${step.id} ?selected=${step.id === item.step}>${step.label.nl}</option>`,
              )}
          </optgroup>`,
        )}
      </select>
      <span class="minutes">
        <input
          type="number"
          inputmode="numeric"
          min="1"
          max=${PLAN_MINUTES_MAX}
          step="1"
          required
          aria-label=${msg(str`Minutes for step ${number}`)}
          .value=${String(item.minutes)}
          @input=${(event: Event) => this.changeItem(index, { minutes: Number((event.target as HTMLInputElement).value) })}
        />
        <span aria-hidden="true">${msg('min', { desc: 'Minutes, after a step’s time box in the plan' })}</span>
      </span>
      <input
        class="aim"
        type="text"
        maxlength=${PLAN_AIM_MAX}
        aria-label=${msg(str`Aim of step ${number}`)}
        .value=${shownAim(item)}
        @input=${(event: Event) => this.changeAim(index, (event.target as HTMLInputElement).value)}
      />
      <span class="order">
        <button type="button" class="icon-button" ?disabled=${index === 0} aria-label=${msg(str`Move step ${number} up`)}
          @click=${() => this.reorder(index, -1)}><span class="up">${ICONS.chevronLeft}</span></button>
        <button type="button" class="icon-button" ?disabled=${index === count - 1} aria-label=${msg(str`Move step ${number} down`)}
          @click=${() => this.reorder(index, 1)}><span class="down">${ICONS.chevronLeft}</span></button>
        <button type="button" class="icon-button" ?disabled=${count === 1} aria-label=${msg(str`Remove step ${number}`)}
          @click=${() => this.removeItem(index)}>${ICONS.trash}</button>
      </span>
    </li>`;
  }

  private renderName(role: 'facilitator' | 'notetaker', label: string, value: string) {
    return html`<div class="field">
      <label for="plan-${role}">${label}</label>
      <input
        id="plan-${role}"
        type="text"
        maxlength=${PLAN_NAME_MAX}
        .value=${value}
        @input=${(event: Event) => this.changeRoles({ [role]: (event.target as HTMLInputElement).value })}
      />
    </div>`;
  }

  private renderPartners(roles: PlanRoles) {
    const partners = roles.partners;
    const change = (index: number, field: 'name' | 'organisation', value: string) =>
      this.changeRoles({
        partners: partners.map((partner, at) => (at === index ? { ...partner, [field]: value } : partner)),
      });
    return html`<span class="partners-title" id="plan-partners">${msg('Partners')}</span>
      <ul class="partners" aria-labelledby="plan-partners">
        ${partners.map(
          (partner, index) => html`<li>
            <input type="text" maxlength=${PLAN_NAME_MAX} placeholder=${msg('Name')}
              aria-label=${msg(str`Partner ${index + 1}: name`)} .value=${partner.name}
              @input=${(event: Event) => change(index, 'name', (event.target as HTMLInputElement).value)} />
            <input type="text" maxlength=${PLAN_NAME_MAX} placeholder=${msg('Organisation')}
              aria-label=${msg(str`Partner ${index + 1}: organisation`)} .value=${partner.organisation}
              @input=${(event: Event) => change(index, 'organisation', (event.target as HTMLInputElement).value)} />
            <button type="button" class="icon-button" aria-label=${msg(str`Remove partner ${index + 1}`)}
              @click=${() => this.changeRoles({ partners: partners.filter((_, at) => at !== index) })}>${ICONS.trash}</button>
          </li>`,
        )}
      </ul>
      <button type="button" class="button" ?disabled=${partners.length >= PLAN_PARTNERS_MAX}
        @click=${() => this.changeRoles({ partners: [...partners, { name: '', organisation: '' }] })}>
        ${ICONS.plus}${msg('Add partner')}
      </button>`;
  }

  private changeItem(index: number, patch: Partial<DraftItem>): void {
    const items = this.edited.items.map((item, at) => (at === index ? { ...item, ...patch } : item));
    this.edited = { ...this.edited, items };
  }

  /** A step changed: an aim left as the old step's own becomes the new step's own. */
  private changeStep(index: number, step: string): void {
    const item = this.edited.items[index];
    if (!item) return;
    this.changeItem(index, { step: getStep(step).id, aim: item.aim });
  }

  private changeAim(index: number, text: string): void {
    const item = this.edited.items[index];
    if (!item) return;
    this.changeItem(index, { aim: text === inLanguage(defaultAim(item.step)) ? null : text });
  }

  private addItem(): void {
    const step = nextFreeStep(this.edited.items);
    if (!step) return;
    const last = this.edited.items.at(-1);
    const items = [...this.edited.items, { step, minutes: last?.minutes ?? 15, aim: null }];
    this.edited = { ...this.edited, items };
  }

  private removeItem(index: number): void {
    this.edited = { ...this.edited, items: this.edited.items.filter((_, at) => at !== index) };
  }

  private reorder(index: number, by: -1 | 1): void {
    this.edited = { ...this.edited, items: moveItem(this.edited.items, index, by) };
  }

  private changeRoles(patch: Partial<PlanRoles>): void {
    this.edited = { ...this.edited, roles: { ...this.edited.roles, ...patch } };
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const detail: PlanDraft = planDraft(this.edited);
    this.dispatchEvent(new CustomEvent<PlanDraft>('plan-save', { detail }));
  }

  private onCancel(event: Event): void {
    event.preventDefault();
    this.cancel();
  }

  private cancel(): void {
    this.dispatchEvent(new CustomEvent('plan-cancel'));
  }
}

customElements.define('kompas-plan-dialog', PlanDialog);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-plan-dialog': PlanDialog;
  }
}
