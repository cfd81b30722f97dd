import {
  LOCAL_ORIGIN,
  listNotes,
  moveNote,
  type Note,
  type StepId,
  settleStep,
  spotKey,
  stepScaleOf,
} from '@kompas/model';
import type * as Y from 'yjs';

/**
 * Runs `change` to the notes of `doc` in one transaction (one undo step), then lets every step whose number of
 * notes it changed settle at its new size (@kompas/model's step-room.ts): a step that gained a note draws its
 * notes smaller and the notes in its slots move along into the smaller slots; a step that lost one lets them
 * grow back. Note `touched`, the one added, dropped or deleted, is never moved along. Only the notes
 * `onBoard` takes count: notes of earlier rounds that are archived take no room.
 */
export function changeMakingRoom(
  doc: Y.Doc,
  touched: string,
  change: () => void,
  onBoard: (note: Note) => boolean = () => true,
): void {
  doc.transact(() => {
    const before = byStep(listNotes(doc).filter(onBoard));
    change();
    const after = byStep(listNotes(doc).filter(onBoard));
    for (const step of new Set([...before.keys(), ...after.keys()])) {
      const was = before.get(step) ?? [];
      const now = after.get(step) ?? [];
      if (was.length === now.length) continue;
      for (const move of settledMoves(step, was, now, touched)) moveNote(doc, move.id, step, move.pos);
    }
  }, LOCAL_ORIGIN);
}

/**
 * A note added where "Add note" put it, in the free slot the step kept for it, settles the step as it was
 * planned; a note put anywhere else is passed over where it lies.
 */
function settledMoves(step: StepId, was: readonly Note[], now: readonly Note[], touched: string) {
  const from = stepScaleOf(step, was);
  const joined = now.find((note) => note.id === touched);
  if (joined && !was.some((note) => note.id === touched)) {
    const planned = settleStep(step, was, from, 1);
    if (spotKey(planned.free[0] ?? { r: -1, t: -1 }) === spotKey(joined.pos)) return planned.moves;
  }
  return settleStep(step, now, from, 0, new Set([touched])).moves;
}

function byStep(notes: readonly Note[]): Map<StepId, Note[]> {
  const steps = new Map<StepId, Note[]>();
  for (const note of notes) steps.set(note.step, [...(steps.get(note.step) ?? []), note]);
  return steps;
}

/** The spot "Add note" keeps free in `step` for one more note among `notes`, the notes on the board there. */
export function freeSpotIn(step: StepId, notes: readonly Note[]): Note['pos'] | undefined {
  const inStep = notes.filter((note) => note.step === step);
  return settleStep(step, inStep, stepScaleOf(step, inStep), 1).free[0];
}
