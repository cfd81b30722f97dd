import { msg, str } from '@lit/localize';
import type { ShownNote } from '../core/note-source.ts';

/**
 * What the board says of a note's place in the rounds, in words: "Written in round 1" for a note of an earlier
 * round, "Carried from round 1" for a note carried along, "Carried into round 2" once a note of an earlier
 * round was. The note card, the board as a list and the phone list say the same.
 */
export function roundWords(
  shown: Pick<ShownNote, 'note' | 'earlierRound' | 'carriedFromRound' | 'carriedInto'>,
): string[] {
  const words: string[] = [];
  if (shown.earlierRound !== undefined) words.push(msg(str`Written in round ${shown.earlierRound}`));
  if (shown.note.carriedFrom !== undefined) {
    const from = shown.carriedFromRound;
    words.push(
      from === undefined ? msg('Carried from an earlier round') : msg(str`Carried from round ${from}`),
    );
  }
  if (shown.carriedInto !== undefined) words.push(carriedIntoRound(shown.carriedInto));
  return words;
}

/** What a note of an earlier round says once it was carried into round `round`. */
export function carriedIntoRound(round: number): string {
  return msg(str`Carried into round ${round}`);
}

/** The action that carries a note of an earlier round into round `round`, the one the group is in. */
export function carryIntoRound(round: number): string {
  return msg(str`Carry into round ${round}`);
}
