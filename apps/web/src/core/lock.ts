import {
  getPhase,
  isSameNote,
  type LockMode,
  listNotes,
  lockedPhaseOf,
  lockedPhases,
  type Note,
  type NotePlaces,
  type PhaseId,
} from '@kompas/model';
import { msg, str } from '@lit/localize';
import type * as Y from 'yjs';

/** What the lock indicator says for everyone, or null when the board is open. */
export function lockStatusText(mode: LockMode, current: PhaseId): string | null {
  if (mode === 'board') return msg('Board locked');
  if (mode === 'other-phases') return msg(str`Only ${getPhase(current).label.nl} open`);
  return null;
}

/** Why a participant's change to a note in `phase` was not made. */
export function lockRefusalText(mode: LockMode, current: PhaseId, phase: PhaseId): string {
  if (mode === 'board')
    return msg('The facilitator has locked the board for now; notes cannot be added or changed.');
  const locked = getPhase(phase).label.nl;
  const open = getPhase(current).label.nl;
  return msg(str`${locked} is locked for now: only ${open} is open for adding and moving notes.`);
}

/**
 * Which notes one change made to a board touched, and where: compares the notes before and after it. A
 * note that appeared, disappeared, moved or changed in any way counts, so an undo can be checked against
 * the lock as any other change is.
 */
export function changedPlaces(before: readonly Note[], after: readonly Note[]): NotePlaces[] {
  const old = new Map(before.map((note) => [note.id, note]));
  const places: NotePlaces[] = [];
  for (const note of after) {
    const previous = old.get(note.id);
    old.delete(note.id);
    if (!previous) places.push({ to: note.step });
    else if (!isSameNote(previous, note)) places.push({ from: previous.step, to: note.step });
  }
  for (const removed of old.values()) places.push({ from: removed.step });
  return places;
}

/**
 * Undoes (or redoes) this person's last change to the notes of `doc`, unless it touches a phase the lock
 * keeps them out of: then it is put back at once and that phase is returned. Yjs cannot preview an undo,
 * so a refused one is made and reverted; the caller sends both as one update (RoomConnection.hold), which
 * changes nothing for everyone else.
 */
export function undoWithinLock(
  manager: Y.UndoManager,
  doc: Y.Doc,
  direction: 'undo' | 'redo',
  lockedPhaseOf: (change: NotePlaces) => PhaseId | null,
): PhaseId | null {
  const before = listNotes(doc);
  const done = direction === 'undo' ? manager.undo() : manager.redo();
  if (!done) return null;
  for (const change of changedPlaces(before, listNotes(doc))) {
    const phase = lockedPhaseOf(change);
    if (phase === null) continue;
    if (direction === 'undo') manager.redo();
    else manager.undo();
    return phase;
  }
  return null;
}

/**
 * The phases the lock keeps a person out of, for the canvas; the same array while the lock and the phase stay
 * the same, so the canvas redraws only on a change.
 */
export class LockedPhases {
  private key = '';
  private phases: PhaseId[] = [];

  of(mode: LockMode, current: PhaseId): PhaseId[] {
    const key = `${mode}:${current}`;
    if (key !== this.key) {
      this.key = key;
      this.phases = lockedPhases(mode, current);
    }
    return this.phases;
  }
}

/**
 * Undoes (or redoes) this person's latest change under the lock: the change is made, unless it touches a
 * phase the lock keeps them out of; then it is taken back within `hold`, so nothing goes out, and the phase
 * it touched is returned.
 */
export function undoUnderLock(
  target: { manager: Y.UndoManager; doc: Y.Doc },
  direction: 'undo' | 'redo',
  lock: { mode: LockMode; current: PhaseId },
  hold: <T>(change: () => T) => T,
): PhaseId | null {
  const { mode, current } = lock;
  return hold(() =>
    undoWithinLock(target.manager, target.doc, direction, (change) => lockedPhaseOf(mode, current, change)),
  );
}
