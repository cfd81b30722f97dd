import {
  defaultAim,
  type MeetingPlan,
  type PhaseId,
  PLAN_ITEMS_MAX,
  type PlanPartner,
  type PlanRoles,
  STEPS,
  type StepId,
} from '@kompas/model';
import type { PlanDraft } from '../../core/plan-actions.ts';
import { inLanguage } from '../../i18n/language.ts';

/** One step of the plan as the editor holds it: `aim` null while it is the step's own aim. */
export interface DraftItem {
  step: StepId;
  minutes: number;
  aim: string | null;
}

/** The plan as the editor changes it, before it is saved. */
export interface EditedPlan {
  items: DraftItem[];
  roles: PlanRoles;
}

/** The time box a step added to the plan starts with. */
export const NEW_ITEM_MINUTES = 15;

/**
 * What the editor opens with: the meeting's plan, or for a meeting without one the first step of the phase the
 * group is in, and the facilitator who opens it as the facilitator.
 */
export function editedPlan(plan: MeetingPlan | null, phase: PhaseId, facilitator: string): EditedPlan {
  if (plan) {
    return {
      items: plan.items.map(({ step, minutes, aim }) => ({ step, minutes, aim: aim || null })),
      roles: { ...plan.roles, partners: plan.roles.partners.map((partner) => ({ ...partner })) },
    };
  }
  const first = STEPS.find((step) => step.phase === phase) ?? STEPS[0];
  return {
    items: first ? [{ step: first.id, minutes: NEW_ITEM_MINUTES, aim: null }] : [],
    roles: { facilitator, partners: [], notetaker: '' },
  };
}

/** The aim an item shows: its own, or the step's from the model in the current language. */
export function shownAim(item: DraftItem): string {
  return item.aim ?? inLanguage(defaultAim(item.step));
}

/** The steps an item may take: its own and those no other item has. */
export function choosableSteps(items: readonly DraftItem[], own: StepId) {
  const taken = new Set(items.map((item) => item.step));
  return STEPS.filter((step) => step.id === own || !taken.has(step.id));
}

/** The step a new item takes: the first one after the plan's last step, clockwise, that is not planned yet. */
export function nextFreeStep(items: readonly DraftItem[]): StepId | null {
  if (items.length >= PLAN_ITEMS_MAX) return null;
  const taken = new Set(items.map((item) => item.step));
  const last = STEPS.findIndex((step) => step.id === items.at(-1)?.step);
  const around = [...STEPS.slice(last + 1), ...STEPS.slice(0, last + 1)];
  return around.find((step) => !taken.has(step.id))?.id ?? null;
}

/** Moves item `index` one place up (-1) or down (+1). */
export function moveItem(items: readonly DraftItem[], index: number, by: -1 | 1): DraftItem[] {
  const target = index + by;
  const moved = [...items];
  const [item] = moved.splice(index, 1);
  if (!item || target < 0 || target > items.length - 1) return [...items];
  moved.splice(target, 0, item);
  return moved;
}

/** What the editor hands to the board core: an aim left as the step's own is saved as ''. */
export function planDraft(edited: EditedPlan): PlanDraft {
  const partners: PlanPartner[] = edited.roles.partners.filter(
    (partner) => partner.name.trim() || partner.organisation.trim(),
  );
  return {
    items: edited.items.map(({ step, minutes, aim }) => ({ step, minutes, aim: aim ?? '' })),
    roles: { ...edited.roles, partners },
  };
}
