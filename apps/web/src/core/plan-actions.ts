import {
  finishAgenda,
  getStep,
  isModelError,
  LOCAL_ORIGIN,
  type Meeting,
  MINUTE_MS,
  type ModelError,
  moveToPhase,
  type PhasePosition,
  PLAN_AIM_MAX,
  PLAN_ITEMS_MAX,
  PLAN_MINUTES_MAX,
  PLAN_NAME_MAX,
  type PlanItem,
  type PlanRoles,
  positionOfPhase,
  type StepId,
  setPlan,
  setTimerDuration,
  skipAgendaItem,
  startAgendaItem,
  startMeeting,
  startNextRound,
  startTimer,
} from '@kompas/model';
import { msg, str } from '@lit/localize';
import type { BoardCore } from './board-core.ts';
import { positionOf } from './board-values.ts';
import { type NewRoundQuestion, newRoundQuestion, type RoundStartChoice } from './move-questions.ts';
import { type PlanMove, planMove, readPlanState } from './plan-state.ts';
import { phaseMoved, refusalText } from './refusal-text.ts';

/** What a plan holds besides its meeting: the facilitator's editor hands over these. */
export interface PlanDraft {
  items: PlanItem[];
  roles: PlanRoles;
}

/** The facilitator's answer to the new-round question "Next" by the plan asked, and where the group was. */
export interface PlannedRoundStart extends RoundStartChoice {
  from: PhasePosition;
}

/** What a participant or observer is told who tries to change the plan or start a meeting. */
export const planIsFacilitators = (): string => msg('Only facilitators plan the meeting.');

/** The words for a plan the model refused: its bounds, in the person's language. */
function planRefusal(error: ModelError): string {
  if (error.code !== 'invalid-plan') return refusalText(error);
  return msg(
    str`A plan holds 1 to ${PLAN_ITEMS_MAX} steps, each once, of 1 to ${PLAN_MINUTES_MAX} minutes, with an aim of at most ${PLAN_AIM_MAX} characters and names of at most ${PLAN_NAME_MAX}; every partner has a name.`,
  );
}

/**
 * The meeting's plan and its agenda, for facilitators: saving the plan (every save is a new version, so a plan
 * changed during the meeting stays on record), starting a new meeting, and "Next" by the plan: the next item
 * starts, the group moves to its phase when that differs, and the timer takes its time box. `now` is the
 * server's time as this device estimates it, as for the timer.
 */
export class PlanActions {
  constructor(private readonly core: BoardCore) {}

  /** The meeting going on, its plan and agenda, at `now`. */
  state(now: number) {
    return readPlanState(this.core.docs.controlDoc, now);
  }

  /** What "Next" does by the plan now; null when there is no plan or nothing left in it. */
  move(now: number): PlanMove | null {
    return planMove(this.state(now).agenda);
  }

  /**
   * Saves `draft` as the current meeting's plan. Returns why it was not saved, as the words to show in the
   * editor, or null once saved; the editor stays open on a refusal so nothing typed is lost.
   */
  save(draft: PlanDraft, now: number): string | null {
    if (!this.core.canLead) return planIsFacilitators();
    const control = this.core.docs.controlDoc;
    const meeting = this.state(now).meeting.id;
    try {
      setPlan(control, { meeting, ...draft, actor: this.core.person.id, at: now });
      return null;
    } catch (error) {
      if (!isModelError(error)) throw error;
      return planRefusal(error);
    }
  }

  /** Starts the next meeting on this board: its own plan, agenda, timeline and report. */
  startMeeting(now: number): Meeting | null {
    if (!this.core.canLead) return null;
    return this.attempt(() =>
      startMeeting(this.core.docs.controlDoc, { actor: this.core.person.id, at: now }),
    );
  }

  /**
   * "Next" while the meeting has a plan: starts the plan's next item (the one going on is done then), moving
   * the group to the item's phase if it is elsewhere and running the timer for the item's minutes; after the
   * last item, finishes it. All of it is one change, so everyone sees the phase, the agenda and the timer move
   * together. An item in Verkennen after Aan de slag starts the next round: without `start` nothing moves and
   * the question to ask comes back; with the facilitator's answer the round starts with the item, and the
   * chosen notes are carried along after it.
   */
  next(now: number, start?: PlannedRoundStart): NewRoundQuestion | null {
    const move = this.move(now);
    if (!move || !this.core.canLead) return null;
    const meeting = this.state(now).meeting.id;
    const actor = this.core.person.id;
    const control = this.core.docs.controlDoc;
    const facilitation = this.core.facilitation;
    const phase = getStep(move.step).phase;
    const from = positionOf(facilitation);
    const newRound =
      move.kind === 'start' && from ? newRoundQuestion(from, positionOfPhase(from, phase), 'plan') : null;
    if (newRound && !start) return newRound;
    // The answer came too late: another facilitator moved the group on from where this one was asked.
    if (start && !newRound) {
      this.core.refuse(phaseMoved());
      return null;
    }
    const moved = this.attempt(() =>
      control.transact(() => {
        if (move.kind === 'finish') {
          finishAgenda(control, { meeting, actor, at: now });
          return true;
        }
        if (newRound && start) startNextRound(control, { from: start.from, earlier: start.earlier, actor });
        else if (!facilitation.started || facilitation.phase !== phase)
          moveToPhase(control, phase, { actor });
        startAgendaItem(control, { meeting, step: move.step, actor, at: now });
        this.runTimerFor(move.step, now);
        return true;
      }, LOCAL_ORIGIN),
    );
    if (moved && newRound && start && start.carry.length > 0) this.core.rounds.carry(start.carry);
    return null;
  }

  /** Skips a planned step that has not been done: the agenda marks it and "Next" passes it by. */
  skip(step: StepId, now: number): void {
    if (!this.core.canLead) return;
    const meeting = this.state(now).meeting.id;
    this.attempt(() =>
      skipAgendaItem(this.core.docs.controlDoc, { meeting, step, actor: this.core.person.id, at: now }),
    );
  }

  private runTimerFor(step: StepId, now: number): void {
    const item = this.state(now).plan?.items.find((planned) => planned.step === step);
    if (!item) return;
    const control = this.core.docs.controlDoc;
    const opts = { now, actor: this.core.person.id };
    setTimerDuration(control, item.minutes * MINUTE_MS, opts);
    startTimer(control, opts);
  }

  /** Runs a write; a refusal of the model reaches the person, anything else is a bug and is thrown. */
  private attempt<T>(write: () => T): T | null {
    try {
      return write();
    } catch (error) {
      if (!isModelError(error)) throw error;
      this.core.refuse(planRefusal(error));
      return null;
    }
  }
}
