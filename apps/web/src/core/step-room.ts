import {
  LOCAL_ORIGIN,
  listNotes,
  moveNote,
  type Note,
  resizeMoves,
  type StepId,
  stepNoteScale,
} from '@kompas/model';
import type * as Y from 'yjs';

/**
 * Runs `change` to the notes of `doc` in one transaction (one undo step), then lets every step whose number of
 * notes it changed take its new size: a step that gained a note draws its notes smaller and the notes in its
 * slots move along into the smaller slots; a step that lost one lets them grow back. Note `touched` (the one
 * added or dropped) stays where it was put. See @kompas/model's step layout.
 */
export function changeMakingRoom(doc: Y.Doc, touched: string, change: () => void): void {
  doc.transact(() => {
    const before = countByStep(listNotes(doc));
    change();
    const after = listNotes(doc);
    const counts = countByStep(after);
    for (const step of new Set([...before.keys(), ...counts.keys()])) {
      const was = before.get(step) ?? 0;
      const now = counts.get(step) ?? 0;
      if (was === now) continue;
      const notes = after.filter((note) => note.step === step);
      const from = stepNoteScale(step, was);
      const to = stepNoteScale(step, now);
      for (const move of resizeMoves(step, notes, from, to, new Set([touched]))) {
        moveNote(doc, move.id, step, move.pos);
      }
    }
  }, LOCAL_ORIGIN);
}

function countByStep(notes: readonly Note[]): Map<StepId, number> {
  const counts = new Map<StepId, number>();
  for (const note of notes) counts.set(note.step, (counts.get(note.step) ?? 0) + 1);
  return counts;
}
