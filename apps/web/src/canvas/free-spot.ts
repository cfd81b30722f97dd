import { roomForNewNote, type SlicePosition, STEPS, type StepId, spotNear } from '@kompas/model';

interface PlacedNote {
  id: string;
  step: StepId;
  pos: SlicePosition;
}

/**
 * Where "Add note" puts a note: in `preferredStep` when given, else in the step with the fewest notes
 * (earliest in the cycle on a tie); inside it, the step's next free slot, after the notes in slots have made
 * room if the step now draws its notes smaller (the board core moves them when the note is saved).
 */
export function freeSpot(
  notes: readonly PlacedNote[],
  preferredStep?: StepId,
): { step: StepId; pos: SlicePosition } {
  const step = preferredStep ?? emptiestStep(notes);
  const { pos } = roomForNewNote(
    step,
    notes.filter((note) => note.step === step),
  );
  return { step, pos };
}

/**
 * A new note started at `pos` in `step` (a double-click): where it was started, kept wholly inside the slice.
 */
export function spotInStep(notes: readonly PlacedNote[], step: StepId, pos: SlicePosition): SlicePosition {
  return spotNear(
    step,
    notes.filter((note) => note.step === step),
    pos,
  );
}

function emptiestStep(notes: readonly PlacedNote[]): StepId {
  const counts = new Map<StepId, number>(STEPS.map((step) => [step.id, 0]));
  for (const note of notes) counts.set(note.step, (counts.get(note.step) ?? 0) + 1);
  let emptiest = STEPS[0]?.id ?? '';
  for (const step of STEPS) {
    if ((counts.get(step.id) ?? 0) < (counts.get(emptiest) ?? 0)) emptiest = step.id;
  }
  return emptiest;
}
