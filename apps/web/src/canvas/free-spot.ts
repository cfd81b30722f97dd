import { type SlicePosition, STEPS, type StepId, slicePositionToPoint } from '@kompas/model';
import { distance } from '../core/viewport.ts';
import { NOTE_HEIGHT, NOTE_WIDTH } from '../notes/note-metrics.ts';

interface PlacedNote {
  step: StepId;
  pos: SlicePosition;
}

/** Candidate spots inside a slice, best first: the middle of the slice, then outward and inward. */
const CANDIDATES: readonly SlicePosition[] = [0.5, 0.66, 0.34, 0.82, 0.18].flatMap((r) =>
  [0.5, 0.3, 0.7].map((t) => ({ r, t })),
);

/** Beyond this distance from every other note a spot counts as free, and then the earlier candidate wins. */
const ROOMY = Math.hypot(NOTE_WIDTH, NOTE_HEIGHT);

/**
 * Where "Add note" puts a note: in `preferredStep` when given, else in the step with the fewest notes
 * (earliest in the cycle on a tie); inside it, the candidate spot farthest from the notes already there.
 */
export function freeSpot(
  notes: readonly PlacedNote[],
  preferredStep?: StepId,
): { step: StepId; pos: SlicePosition } {
  const step = preferredStep ?? emptiestStep(notes);
  const others = notes
    .filter((note) => note.step === step)
    .map((note) => slicePositionToPoint(note.step, note.pos));
  let best: SlicePosition = CANDIDATES[0] ?? { r: 0.5, t: 0.5 };
  let bestRoom = -1;
  for (const candidate of CANDIDATES) {
    const point = slicePositionToPoint(step, candidate);
    const room = Math.min(ROOMY, ...others.map((other) => distance(point, other)));
    if (room > bestRoom + 0.5) {
      best = candidate;
      bestRoom = room;
    }
    if (room >= ROOMY) break;
  }
  return { step, pos: best };
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
