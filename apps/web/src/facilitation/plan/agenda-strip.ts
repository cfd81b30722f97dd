import { type AgendaItem, type AgendaStatus, defaultAim, getStep } from '@kompas/model';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type * as Y from 'yjs';
import type { BoardCore } from '../../core/board-core.ts';
import type { PlanDraft } from '../../core/plan-actions.ts';
import { type PlanState, planState, readPlanState } from '../../core/plan-state.ts';
import { inLanguage } from '../../i18n/language.ts';
import { BoundValue } from '../../ui/bound-value.ts';
import { cssProperties } from '../../ui/css-properties.ts';
import { PHASE_COLORS } from '../../ui/design-tokens.ts';
import { ICONS } from '../../ui/icons.ts';
import { loadOnce } from '../../ui/load-once.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { countdownText } from '../../ui/timer-text.ts';
import { agendaStripStyles } from './agenda-strip-styles.ts';

const TICK_MS = 1000;

/** The plan's editor and the new meeting's dialog: only those who lead open them, so only they download them. */
const loadDialogs = loadOnce(() => Promise.all([import('./plan-dialog.ts'), import('./meeting-dialog.ts')]));

/** What each mark says to a screen reader, and in the item's tooltip. */
const statusTexts = (): Record<AgendaStatus, string> => ({
  todo: msg('To do'),
  current: msg('Current', { desc: 'Marks the plan’s item the group is on' }),
  done: msg('Done'),
  skipped: msg('Skipped'),
});

/** What is left of the current item's time box, or how far over it the group is. */
function timeLeftText(remainingMs: number): string {
  return remainingMs >= 0
    ? msg(str`${countdownText(remainingMs)} left`)
    : msg(str`${countdownText(-remainingMs)} over`);
}

/**
 * The agenda everyone sees under the header while the meeting has a plan: its items in order, marked done,
 * current (with the time left of its box) or skipped, and the one that comes next. A facilitator also finds
 * here the plan's editor, "skip" for the next item and "Start a new meeting"; without a plan, only they see
 * the strip, to make one. Writes go through the board core.
 */
export class AgendaStrip extends LitElement {
  static override properties = {
    core: { attribute: false },
    doc: { attribute: false },
    now: { attribute: false },
    editing: { state: true },
    starting: { state: true },
    error: { state: true },
  };

  declare core: BoardCore | undefined;
  /** The board's control document, which holds the meetings, the plans and the agenda. */
  declare doc: Y.Doc | undefined;
  /** The server's time as this device estimates it. */
  declare now: () => number;
  /** Whether the facilitator has the plan's editor open. */
  declare editing: boolean;
  /** Whether the facilitator is about to start a new meeting. */
  declare starting: boolean;
  /** Why the plan was not saved, shown in the editor. */
  declare error: string;

  private tick: ReturnType<typeof setTimeout> | undefined;
  /** The item the row was last scrolled to. */
  private shownStep: string | null = null;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.core = undefined;
    this.doc = undefined;
    this.now = Date.now;
    this.editing = false;
    this.starting = false;
    this.error = '';
    new BoundValue(
      this,
      () => this.doc,
      planState(() => this.now()),
      null,
    );
  }

  static override styles = [sharedStyles, agendaStripStyles];

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.tick);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('core') && this.core?.canLead) loadDialogs().catch(() => {});
  }

  override render() {
    const doc = this.doc;
    if (!doc) return nothing;
    // Read afresh on every render: the time left moves with the clock, not only with the document.
    const state = readPlanState(doc, this.now());
    const lead = this.core?.canLead ?? false;
    if (!state.plan && !lead) return nothing;
    return html`<section class="strip ${lead ? 'lead-tools' : ''}" aria-label=${msg('Agenda')}>
        <span class="meeting">${msg(str`Meeting ${state.meeting.number}`)}</span>
        ${state.agenda ? this.renderItems(state, lead) : html`<span class="empty">${msg('No plan yet')}</span>`}
        ${lead ? this.renderLead(state) : nothing}
      </section>
      ${lead ? this.renderDialogs(state) : nothing}`;
  }

  protected override updated(): void {
    clearTimeout(this.tick);
    const doc = this.doc;
    const agenda = doc ? readPlanState(doc, this.now()).agenda : null;
    if (agenda?.current != null) this.tick = setTimeout(() => this.requestUpdate(), TICK_MS);
    this.showCurrent(agenda?.items[agenda.current ?? agenda.next ?? -1]?.item.step ?? null);
  }

  /** When the group moves on, a row longer than the screen scrolls to the item going on now. */
  private showCurrent(step: string | null): void {
    if (step === this.shownStep) return;
    this.shownStep = step;
    const list = this.renderRoot.querySelector<HTMLElement>('.items');
    const item = this.renderRoot.querySelector<HTMLElement>('.item.current, .item.next');
    if (list && item) list.scrollLeft = item.offsetLeft - list.offsetLeft - 24;
  }

  private renderItems({ agenda }: PlanState, lead: boolean) {
    if (!agenda) return nothing;
    return html`<ol class="items">
      ${agenda.items.map((item, index) => this.renderItem(item, index === agenda.next, lead))}
    </ol>`;
  }

  private renderItem(agendaItem: AgendaItem, next: boolean, lead: boolean) {
    const { item, status, remainingMs } = agendaItem;
    const step = getStep(item.step);
    const name = step.label.nl;
    const aim = item.aim || inLanguage(defaultAim(item.step));
    const statusText = statusTexts()[status];
    return html`<li
      class="item ${status} ${next ? 'next' : ''}"
      data-status=${status}
      aria-current=${status === 'current' ? 'step' : nothing}
      title=${`${name} · ${statusText}\n${aim}`}
      ${cssProperties({ '--phase-color': PHASE_COLORS[step.phase] })}
    >
      <span class="mark" aria-hidden="true">${status === 'done' ? ICONS.check : nothing}</span>
      <span class="visually-hidden">${statusText}:</span>
      <span class="name">${name}</span>
      ${
        status === 'current' && remainingMs !== null
          ? html`<span class="left ${remainingMs < 0 ? 'over' : ''}">${timeLeftText(remainingMs)}</span>`
          : status === 'todo'
            ? html`<span class="box">${msg(str`${item.minutes} min`)}</span>`
            : nothing
      }
      ${next ? html`<span class="tag">${msg('next', { desc: 'Marks the plan’s item that comes next' })}</span>` : nothing}
      ${
        next && lead
          ? html`<button
              class="skip"
              aria-label=${msg(str`Skip ${name}`)}
              title=${msg(str`Skip ${name}`)}
              @click=${() => this.core?.plan.skip(item.step, this.now())}
            >
              ${msg('Skip')}
            </button>`
          : nothing
      }
    </li>`;
  }

  private renderLead({ plan }: PlanState) {
    return html`<div class="lead">
      <button class="button" aria-haspopup="dialog" @click=${() => this.openEditor()}>
        ${plan ? ICONS.pencil : ICONS.plus}<span class="label">${plan ? msg('Edit plan') : msg('Plan this meeting')}</span>
      </button>
      <button class="button" aria-haspopup="dialog" @click=${() => {
        this.starting = true;
      }}>
        ${ICONS.arrowRight}<span class="label">${msg('New meeting')}</span>
      </button>
    </div>`;
  }

  private renderDialogs({ meeting, plan }: PlanState) {
    const core = this.core;
    return html`<kompas-plan-dialog
        .open=${this.editing}
        .meetingNumber=${meeting.number}
        .plan=${plan}
        .phase=${core?.currentPhase ?? 'verkennen'}
        .facilitatorName=${core?.person.name ?? ''}
        .error=${this.error}
        @plan-save=${(event: CustomEvent<PlanDraft>) => this.save(event.detail)}
        @plan-cancel=${() => {
          this.editing = false;
        }}
      ></kompas-plan-dialog>
      <kompas-meeting-dialog
        .open=${this.starting}
        .doc=${this.doc}
        .meetingNumber=${meeting.number + 1}
        @meeting-start=${() => this.startMeeting()}
        @meeting-cancel=${() => {
          this.starting = false;
        }}
      ></kompas-meeting-dialog>`;
  }

  private openEditor(): void {
    this.error = '';
    this.editing = true;
  }

  private save(draft: PlanDraft): void {
    const refusal = this.core?.plan.save(draft, this.now()) ?? null;
    this.error = refusal ?? '';
    if (refusal === null) this.editing = false;
  }

  private startMeeting(): void {
    this.starting = false;
    this.core?.plan.startMeeting(this.now());
  }
}

customElements.define('kompas-agenda-strip', AgendaStrip);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-agenda-strip': AgendaStrip;
  }
}
