import {
  type Agenda,
  agendaOf,
  agendaType,
  currentMeeting,
  getStep,
  type Meeting,
  type MeetingPlan,
  meetingsType,
  planOf,
  plansType,
  type StepId,
} from '@kompas/model';
import { msg, str } from '@lit/localize';
import type * as Y from 'yjs';
import type { Binding } from './binding.ts';

/** The meeting going on, its plan and what happened to the plan's items, as plain values. */
export interface PlanState {
  meeting: Meeting;
  plan: MeetingPlan | null;
  /** The plan's items with their marks at the moment read; null without a plan. */
  agenda: Agenda | null;
}

/** The current meeting's plan and agenda at `now` (the server's time, as this device estimates it). */
export function readPlanState(control: Y.Doc, now: number): PlanState {
  const meeting = currentMeeting(control);
  return { meeting, plan: planOf(control, meeting.id), agenda: agendaOf(control, meeting.id, now) };
}

/** What "Next" does while the current meeting has a plan: start its next item, or finish the last one. */
export type PlanMove = { kind: 'start'; step: StepId } | { kind: 'finish'; step: StepId };

/** The move "Next" makes by the agenda; null when the plan has nothing left to start or finish. */
export function planMove(agenda: Agenda | null): PlanMove | null {
  if (!agenda) return null;
  if (agenda.next !== null) return { kind: 'start', step: stepAt(agenda, agenda.next) };
  if (agenda.current !== null) return { kind: 'finish', step: stepAt(agenda, agenda.current) };
  return null;
}

function stepAt(agenda: Agenda, index: number): StepId {
  const item = agenda.items[index];
  if (!item) throw new Error(`The agenda has no item ${index}`);
  return item.item.step;
}

/**
 * "Next: Belangen", "Finish: Belangen": the "Next" button while it follows the plan. The step keeps its Dutch
 * name in English too, as everywhere on the board: the model's names are the workshop's vocabulary.
 */
export function planMoveLabel(move: PlanMove): string {
  const step = getStep(move.step).label.nl;
  return move.kind === 'start'
    ? msg(str`Next: ${step}`, { desc: 'The facilitator’s Next button, naming the plan’s next step' })
    : msg(str`Finish: ${step}`, { desc: 'The facilitator’s Next button after the plan’s last step' });
}

/** Whether two readings would make the same move (the same object is not needed for the same label). */
export function sameMove(a: PlanMove | null, b: PlanMove | null): boolean {
  return a?.kind === b?.kind && a?.step === b?.step;
}

/**
 * The meetings, plans and agenda of a control document, re-read on any change to them. The agenda's time left
 * moves with the clock too: a component showing it re-renders on its own tick.
 */
export function planState(now: () => number): Binding<Y.Doc, PlanState | null> {
  return {
    watch(control, changed) {
      const types = [meetingsType(control), plansType(control), agendaType(control)];
      for (const type of types) type.observe(changed);
      return () => {
        for (const type of types) type.unobserve(changed);
      };
    },
    read: (control) => readPlanState(control, now()),
  };
}

/** The move "Next" makes by the current meeting's plan, for its button; the time plays no part in it. */
export const planMoveState: Binding<Y.Doc, PlanMove | null> = {
  watch: (control, changed) => planState(Date.now).watch(control, changed),
  read: (control) => planMove(readPlanState(control, Date.now()).agenda),
  same: sameMove,
};
