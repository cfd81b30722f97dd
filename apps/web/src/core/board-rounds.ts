import {
  carryId,
  compareStacking,
  type Note,
  phaseHistoryType,
  type Rounds,
  readRounds,
  roundStartsType,
  roundsOf,
} from '@kompas/model';
import type * as Y from 'yjs';
import type { Binding } from './binding.ts';
import type { RoundMarks, ShownNote } from './note-source.ts';

/** A board with one round only: what a source without a control document shows. */
export const FIRST_ROUND: Rounds = roundsOf([], []);

/**
 * Calls `changed` after each transaction that changed the control document's phase history or round starts:
 * what the rounds are read from. The timer, votes and the lock, which change far more often, call nothing.
 */
export function observeRounds(control: Y.Doc, changed: () => void): () => void {
  const watched = new Set<unknown>([phaseHistoryType(control), roundStartsType(control)]);
  const handler = (transaction: Y.Transaction) => {
    if ([...transaction.changed.keys()].some((type) => watched.has(type))) changed();
  };
  control.on('afterTransaction', handler);
  return () => control.off('afterTransaction', handler);
}

/**
 * What decides every note's round and place: the round the group is in, the choices at each round start and
 * the times the group changed rounds. Two readings with the same key place every note alike, so a move to the
 * next phase within a round re-reads no note.
 */
export function roundsKey(rounds: Rounds): string {
  const changes: string[] = [];
  let round = 1;
  for (const visit of rounds.history) {
    if (visit.round === round) continue;
    round = visit.round;
    changes.push(`${visit.at}>${round}`);
  }
  const starts = rounds.starts.map((start) => `${start.round}:${start.earlier}`);
  return `${rounds.current}|${starts.join(',')}|${changes.join(',')}`;
}

/** The rounds of a control document, a new value only when notes would be placed differently. */
export const boardRounds: Binding<Y.Doc, Rounds> = {
  watch: observeRounds,
  read: readRounds,
  same: (a, b) => roundsKey(a) === roundsKey(b),
};

/**
 * How the board shows `note` in the round the group is in, or undefined when it is archived out of sight.
 * `find` looks a note up on the board (archived ones too): the note a carried note came from, and the note
 * carrying this one into the current round. Drafts are written now, so always current.
 */
export function shownInRound(
  note: Note,
  draft: boolean,
  rounds: Rounds,
  find: (id: string) => Note | undefined,
): ShownNote | undefined {
  if (draft) return { note, draft };
  const round = rounds.roundOf(note);
  const place = rounds.placeOf(note);
  if (place === 'archived') return undefined;
  const marks: { -readonly [Mark in keyof RoundMarks]: RoundMarks[Mark] } = {};
  if (place === 'dimmed') {
    marks.earlierRound = round;
    for (let later = round + 1; later <= rounds.current && marks.carriedInto === undefined; later++) {
      if (find(carryId(note.id, later))) marks.carriedInto = later;
    }
  }
  if (note.carriedFrom !== undefined) {
    const origin = find(note.carriedFrom);
    if (origin) marks.carriedFromRound = rounds.roundOf(origin);
  }
  return { note, draft, ...marks };
}

/** Whether `shown` is a note of an earlier round, kept on the board dimmed. */
export function isEarlier(shown: ShownNote): boolean {
  return shown.earlierRound !== undefined;
}

/** The order of a step's notes in a list: this round's before earlier rounds', each in stacking order. */
export function listOrder(a: ShownNote, b: ShownNote): number {
  return Number(isEarlier(a)) - Number(isEarlier(b)) || compareStacking(a.note, b.note);
}
