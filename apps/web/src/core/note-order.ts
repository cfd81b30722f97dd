import { type SlicePosition, STEPS, type StepId } from '@kompas/model';

/** What moving the keyboard's selection can ask for. */
export type NoteStepping = 'next' | 'previous' | 'next-step' | 'previous-step' | 'first' | 'last';

interface PlacedNote {
  id: string;
  step: StepId;
  pos: SlicePosition;
}

/** Notes this close along the radius (a share of the slice's depth) sit in one row. */
const ROW_TOLERANCE = 0.06;

const STEP_ORDER = new Map(STEPS.map((step, index) => [step.id, index]));

/**
 * The order the keyboard goes through notes: step by step clockwise round the circle, and within a step
 * row by row from the step's name at the rim inwards, each row clockwise, the way the step fills.
 */
export function keyboardOrder<Note extends PlacedNote>(notes: readonly Note[]): Note[] {
  return [...notes].sort((a, b) => {
    const byStep = (STEP_ORDER.get(a.step) ?? 0) - (STEP_ORDER.get(b.step) ?? 0);
    if (byStep !== 0) return byStep;
    if (Math.abs(a.pos.r - b.pos.r) > ROW_TOLERANCE) return b.pos.r - a.pos.r;
    return a.pos.t - b.pos.t || a.id.localeCompare(b.id);
  });
}

/**
 * The note the selection goes to from `currentId` (none selected: null): the next or previous note within
 * the step (on into the neighbouring step at its ends), or the first note of the next or previous step
 * that has notes, round the circle. Returns undefined when there is no note at all.
 */
export function steppedNote<Note extends PlacedNote>(
  notes: readonly Note[],
  currentId: string | null,
  to: NoteStepping,
): Note | undefined {
  const order = keyboardOrder(notes);
  const index = order.findIndex((note) => note.id === currentId);
  const current = order[index];
  if (to === 'first' || (!current && (to === 'next' || to === 'next-step'))) return order[0];
  if (to === 'last' || !current) return order.at(-1);
  if (to === 'next') return order[(index + 1) % order.length];
  if (to === 'previous') return order[(index - 1 + order.length) % order.length];
  const steps = [...new Set(order.map((note) => note.step))];
  const here = steps.indexOf(current.step);
  const target = steps[(here + (to === 'next-step' ? 1 : steps.length - 1)) % steps.length];
  return order.find((note) => note.step === target);
}

/** The step before or after `step` round the circle (after the last step comes the first). */
export function neighbourStep(step: StepId, by: 1 | -1): StepId {
  const index = STEP_ORDER.get(step) ?? 0;
  return (STEPS[(index + by + STEPS.length) % STEPS.length] as (typeof STEPS)[number]).id;
}
