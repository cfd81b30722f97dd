import type * as Y from 'yjs';
import type { BoardBefore } from './board-before.ts';
import { lockedPhases, type NotePlaces, readBoardLock } from './board-lock.ts';
import { getNote, type Note } from './note.ts';
import { currentPosition, readPhaseHistory } from './phase-history.ts';
import { getPhase, getStep, type StepId } from './phases.ts';
import { carryId, readRounds } from './rounds.ts';
import type { WriteContext, WriteRefusal, Writer } from './writer.ts';

/**
 * The rules for one note (on the board, or a draft), as the server applies them to every write. The board is
 * shared, as in Miro: anyone who may write may move, edit and recolour any note. But a note is created under
 * its writer's own name (a facilitator revealing drafts creates them under their authors' names), its author
 * and creation time never change, only its author or a facilitator deletes it, and while a phase is locked a
 * participant changes nothing in it.
 *
 * `after` holds the change (its shape already checked); `board` tells what the board was without it. Returns
 * why the change to note `id` is refused, or null.
 */
export function findRefusedNoteChange(
  after: Y.Doc,
  id: string,
  board: BoardBefore,
  context: WriteContext,
): WriteRefusal | null {
  const { writer } = context;
  const before = board.getNote(id);
  const now = getNote(after, id);
  const isFacilitator = writer.role === 'facilitator';
  if (!now) {
    if (!before) return null;
    if (!mayDeleteNote(before, writer))
      return { reason: 'only its author or a facilitator may delete a note' };
    return lockRefusal(context, { from: before.step });
  }
  // Two people carrying the same note at once write one note under the same id: the later write wins whole.
  if (!before || isSameCarry(id, before, now)) {
    if (!isFacilitator && now.authorId !== writer.person) {
      return { reason: 'a new note must be written under its writer’s own name' };
    }
    if (now.authorId === writer.person && writer.name !== undefined && now.authorName !== writer.name) {
      return { reason: 'a new note must carry its writer’s registered name' };
    }
    return roundRefusal(now, board, context) ?? lockRefusal(context, { to: now.step });
  }
  if (!sameOrigin(before, now)) return { reason: 'a note’s author and creation time never change' };
  // A write that leaves the note as it was (an undo taken back at once) changes nothing the lock guards.
  if (isSameNote(before, now)) return null;
  return lockRefusal(context, { from: before.step, to: now.step });
}

/**
 * A new note is written in a round the circle has reached, and a note carried over is carried from a note of an
 * earlier round that is on the board. Without the control document at hand, rounds are not checked.
 */
function roundRefusal(note: Note, board: BoardBefore, context: WriteContext): WriteRefusal | null {
  if (!context.control) return null;
  const rounds = readRounds(context.control);
  // The furthest round, not the current one: a note written as a facilitator takes the group back a round is kept.
  if (note.round !== undefined && note.round > rounds.reached) {
    return { reason: `a note cannot be written in round ${note.round} before the circle reaches it` };
  }
  if (note.carriedFrom === undefined) return null;
  const origin = board.getNote(note.carriedFrom);
  if (!origin) return { reason: 'a note is carried over from a note on the board' };
  if (note.round === undefined || rounds.roundOf(origin) >= note.round) {
    return { reason: 'a note is carried over from an earlier round into a later one' };
  }
  return null;
}

/** Whether `before` and `now` are the same note carried into the same round, stored under its carry id. */
function isSameCarry(id: string, before: Note, now: Note): boolean {
  return (
    now.carriedFrom !== undefined &&
    now.round !== undefined &&
    before.carriedFrom === now.carriedFrom &&
    before.round === now.round &&
    id === carryId(now.carriedFrom, now.round)
  );
}

/** Whether `writer` may delete `note`: its author may, and so may every facilitator. */
export function mayDeleteNote(
  note: Pick<Note, 'authorId'>,
  writer: Pick<Writer, 'person' | 'role'>,
): boolean {
  return writer.role === 'facilitator' || note.authorId === writer.person;
}

/**
 * Whether `person` may change `draft`, a note of a silent brainstorm not yet revealed: only its author may,
 * facilitators too keep off it until the reveal makes it an ordinary note.
 */
export function mayChangeDraft(draft: Pick<Note, 'authorId'>, person: string): boolean {
  return draft.authorId === person;
}

/** Whether two readings of a note hold the same values in every field. */
export function isSameNote(before: Note, after: Note): boolean {
  return (
    sameOrigin(before, after) &&
    before.text === after.text &&
    before.step === after.step &&
    before.pos.r === after.pos.r &&
    before.pos.t === after.pos.t &&
    before.color === after.color &&
    before.updatedAt === after.updatedAt
  );
}

function sameOrigin(before: Note, after: Note): boolean {
  return (
    before.authorId === after.authorId &&
    before.authorName === after.authorName &&
    before.createdAt === after.createdAt &&
    before.round === after.round &&
    before.carriedFrom === after.carriedFrom
  );
}

/** Participants are held by the lock; facilitators are not (they tidy up while the group waits). */
function lockRefusal(context: WriteContext, places: NotePlaces): WriteRefusal | null {
  const lock = lockFor(context.writer, context.control);
  if (lock === null) return null;
  for (const step of [places.from, places.to]) {
    const reason = step === undefined ? null : lock(step);
    if (reason !== null) return { reason };
  }
  return null;
}

/** Why the lock keeps a writer out of a step: its phase's refusal, or null when the step is open to them. */
export type LockCheck = (step: StepId) => string | null;

/** The lock as it holds `writer` now, or null when it holds them nowhere (no lock, or a facilitator). */
export function lockFor(writer: Pick<Writer, 'role'>, control: Y.Doc | null | undefined): LockCheck | null {
  if (!control || writer.role === 'facilitator') return null;
  const { mode } = readBoardLock(control);
  if (mode === 'none') return null;
  const locked = lockedPhases(mode, currentPosition(readPhaseHistory(control)).phase);
  return (step) => {
    const { phase } = getStep(step);
    return locked.includes(phase) ? `${getPhase(phase).label.nl} is locked` : null;
  };
}
