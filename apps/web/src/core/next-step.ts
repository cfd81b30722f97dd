import {
  agendaOf,
  currentMeeting,
  diagnose,
  getFacilitation,
  isModelError,
  listNotes,
  type NextStepSuggestion,
  type Note,
  observeNotes,
  PLAN_ITEMS_MAX,
  type PlanItem,
  type PlanRoles,
  planOf,
  type StepId,
  setPlan,
  suggestNextStep,
} from '@kompas/model';
import { msg, str } from '@lit/localize';
import type * as Y from 'yjs';
import type { Binding } from './binding.ts';
import type { BoardCore } from './board-core.ts';
import { refusalText } from './refusal-text.ts';

/** The time box a suggested step gets when it is added to the plan; the facilitator changes it in the plan. */
export const SUGGESTED_MINUTES = 15;

const NO_ROLES: PlanRoles = { facilitator: '', partners: [], notetaker: '' };

/** The documents the suggestion is read from: the notes on the board, and where the group is and what it planned. */
export interface SuggestionSource {
  doc: Y.Doc;
  controlDoc: Y.Doc;
}

/** What the model suggests the group takes up next, and whether the meeting's plan holds that step already. */
export interface NextStepReading {
  suggestion: NextStepSuggestion;
  inPlan: boolean;
}

function countPerStep(notes: readonly Pick<Note, 'step'>[]): Partial<Record<StepId, number>> {
  const counts: Partial<Record<StepId, number>> = {};
  for (const { step } of notes) counts[step] = (counts[step] ?? 0) + 1;
  return counts;
}

/** The suggestion at `now`, from the diagnosis of the whole trajectory and the current meeting's agenda. */
export function readNextStep({ doc, controlDoc }: SuggestionSource, now: number): NextStepReading {
  const facilitation = getFacilitation(controlDoc);
  const notes = listNotes(doc);
  const diagnosis = diagnose({
    history: facilitation.history,
    stepStatuses: facilitation.stepStatuses,
    notes,
    now,
  });
  const meeting = currentMeeting(controlDoc).id;
  const suggestion = suggestNextStep({
    diagnosis,
    agenda: agendaOf(controlDoc, meeting, now),
    notesPerStep: countPerStep(notes),
  });
  const inPlan = planOf(controlDoc, meeting)?.items.some((item) => item.step === suggestion.step) ?? false;
  return { suggestion, inPlan };
}

/** The suggestion, read anew when the notes or anything in the control document change. */
export const nextStep: Binding<SuggestionSource, NextStepReading | null> = {
  watch({ doc, controlDoc }, changed) {
    const offNotes = observeNotes(doc, () => changed());
    controlDoc.on('update', changed);
    return () => {
      offNotes();
      controlDoc.off('update', changed);
    };
  },
  read: (source) => readNextStep(source, Date.now()),
  same: (a, b) =>
    a?.inPlan === b?.inPlan &&
    a?.suggestion.step === b?.suggestion.step &&
    a?.suggestion.because.en === b?.suggestion.because.en,
};

/**
 * Agenda setting: a facilitator takes the suggested step into the current meeting's plan. It goes at the end,
 * with SUGGESTED_MINUTES and the step's own aim (an empty aim is the step's guidance, read in each person's
 * language), and the plan's roles stay as they were. Returns why it was refused as words to show, or null.
 */
export class NextStepActions {
  constructor(private readonly core: BoardCore) {}

  addToPlan(step: StepId): string | null {
    if (!this.core.canLead) return msg('Only facilitators change the plan.');
    const control = this.core.docs.controlDoc;
    const meeting = currentMeeting(control).id;
    const plan = planOf(control, meeting);
    const items: PlanItem[] = plan?.items ?? [];
    if (items.some((item) => item.step === step)) return null;
    if (items.length >= PLAN_ITEMS_MAX) return msg(str`A plan holds at most ${PLAN_ITEMS_MAX} steps.`);
    try {
      setPlan(control, {
        meeting,
        items: [...items, { step, minutes: SUGGESTED_MINUTES, aim: '' }],
        roles: plan?.roles ?? NO_ROLES,
        actor: this.core.person.id,
      });
      return null;
    } catch (error) {
      if (!isModelError(error)) throw error;
      return refusalText(error);
    }
  }
}
