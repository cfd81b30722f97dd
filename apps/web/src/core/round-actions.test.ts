import { listNotes, nextPhase, readRoundStarts, startFacilitation } from '@kompas/model';
import { describe, expect, it } from 'vitest';
import { samePlace, testBoard } from './test-board.ts';

/** A facilitator's board at Aan de slag of round 1, with a note of Piet's and one of Fay's in Belangen. */
function endOfRound1() {
  const board = testBoard('facilitator', 'fay');
  const piet = samePlace(board, 'participant', 'piet');
  startFacilitation(board.docs.controlDoc);
  nextPhase(board.docs.controlDoc);
  piet.core.notes.create({
    id: 'piet-1',
    text: 'Zorg dichtbij huis',
    step: 'richten.belangen',
    color: 'yellow',
    pos: { r: 0.5, t: 0.5 },
  });
  board.core.notes.create({
    id: 'fay-1',
    text: 'Minder wachtlijsten',
    step: 'richten.belangen',
    color: 'blue',
    pos: { r: 0.3, t: 0.3 },
  });
  nextPhase(board.docs.controlDoc);
  nextPhase(board.docs.controlDoc);
  return { board, piet };
}

describe('rounds on a person’s board', () => {
  it('writes new notes in the round the group is in', () => {
    const { board } = endOfRound1();
    expect(listNotes(board.docs.doc).map((note) => note.round)).toEqual([1, 1]);
    board.core.rounds.startNextRound({ phase: 'aan-de-slag', round: 1 }, 'dimmed');
    board.core.notes.create({
      id: 'fay-2',
      text: 'Nieuwe partner',
      step: 'verkennen.partners',
      color: 'green',
      pos: { r: 0.5, t: 0.5 },
    });
    expect(listNotes(board.docs.doc).find((note) => note.id === 'fay-2')?.round).toBe(2);
  });

  it('starts the next round with the choice made and carries the chosen notes along under their authors', () => {
    const { board } = endOfRound1();
    board.core.rounds.startNextRound({ phase: 'aan-de-slag', round: 1 }, 'archived', ['piet-1']);
    expect(readRoundStarts(board.docs.controlDoc).map((start) => start.earlier)).toEqual(['archived']);
    const carried = listNotes(board.docs.doc).filter((note) => note.carriedFrom !== undefined);
    expect(carried).toMatchObject([
      { carriedFrom: 'piet-1', round: 2, authorId: 'piet', text: 'Zorg dichtbij huis' },
    ]);
    // Carried once is enough, and the carried note is of this round.
    for (const note of listNotes(board.docs.doc).filter((n) => n.id !== 'fay-1'))
      expect(board.core.rounds.mayCarry(note)).toBe(false);
  });

  it('lets a participant carry their own notes only, and nobody carry a note of this round', () => {
    const { board, piet } = endOfRound1();
    const note = (id: string) => {
      const found = listNotes(board.docs.doc).find((candidate) => candidate.id === id);
      if (!found) throw new Error(`no note ${id}`);
      return found;
    };
    expect(piet.core.rounds.mayCarry(note('piet-1'))).toBe(false);
    board.core.rounds.startNextRound({ phase: 'aan-de-slag', round: 1 }, 'dimmed');
    expect(piet.core.rounds.mayCarry(note('piet-1'))).toBe(true);
    expect(piet.core.rounds.mayCarry(note('fay-1'))).toBe(false);
    piet.core.rounds.carry(['piet-1', 'fay-1']);
    expect(
      listNotes(board.docs.doc)
        .filter((n) => n.carriedFrom)
        .map((n) => n.carriedFrom),
    ).toEqual(['piet-1']);
    // Carried in a free spot of its step, not on top of the dimmed note it came from.
    const carried = listNotes(board.docs.doc).find((n) => n.carriedFrom === 'piet-1');
    expect(carried?.pos).not.toEqual(note('piet-1')?.pos);
  });

  it('does not move the group when another facilitator started the round already', () => {
    const { board } = endOfRound1();
    const finn = samePlace(board, 'facilitator', 'finn');
    finn.core.rounds.startNextRound({ phase: 'aan-de-slag', round: 1 }, 'dimmed');
    board.core.rounds.startNextRound({ phase: 'aan-de-slag', round: 1 }, 'archived', ['piet-1']);
    expect(board.refusals).toHaveLength(1);
    expect(readRoundStarts(board.docs.controlDoc).map((start) => start.earlier)).toEqual(['dimmed']);
    expect(listNotes(board.docs.doc)).toHaveLength(2);
  });
});
