import {
  getFacilitation,
  getPhase,
  listNotes,
  nextPhase,
  type PhaseId,
  readRoundStarts,
  readRounds,
  setStepStatus,
  startFacilitation,
} from '@kompas/model';
import { describe, expect, it } from 'vitest';
import { roundStartChoice } from './move-questions.ts';
import { samePlace, testBoard } from './test-board.ts';

const NOW = 1_700_000_000_000;
const AT_ROUND_END = { phase: 'aan-de-slag', round: 1 } as const;

/** A facilitator's board at Aan de slag of round 1, with two notes in Belangen and one in Realiseren. */
function endOfRound1() {
  const board = testBoard('facilitator', 'fay');
  startFacilitation(board.docs.controlDoc);
  nextPhase(board.docs.controlDoc);
  const write = (id: string, step: string) =>
    board.core.notes.create({ id, text: id, step, color: 'yellow', pos: { r: 0.5, t: 0.5 } });
  write('belang-1', 'richten.belangen');
  write('belang-2', 'richten.belangen');
  nextPhase(board.docs.controlDoc);
  nextPhase(board.docs.controlDoc);
  write('actie-1', 'aan-de-slag.realiseren');
  return board;
}

function closeSteps(board: ReturnType<typeof testBoard>, phase: PhaseId): void {
  for (const step of getPhase(phase).steps) setStepStatus(board.docs.controlDoc, step.id, 'done');
}

const position = (board: ReturnType<typeof testBoard>) => {
  const { phase, round } = getFacilitation(board.docs.controlDoc);
  return { phase, round };
};

describe('moving on from Aan de slag', () => {
  it('asks about open steps first, then how to start the next round, and moves nothing until answered', () => {
    const board = endOfRound1();
    const first = board.core.lead.nextPhase();
    expect(first).toMatchObject({ kind: 'open-steps', from: AT_ROUND_END });
    const second = board.core.lead.moveOn(first?.from);
    expect(second).toEqual({ kind: 'new-round', from: AT_ROUND_END, round: 2, by: 'phase' });
    expect(position(board)).toEqual(AT_ROUND_END);
  });

  it('asks how to start the next round at once when every step is done', () => {
    const board = endOfRound1();
    closeSteps(board, 'aan-de-slag');
    expect(board.core.lead.nextPhase()).toEqual({
      kind: 'new-round',
      from: AT_ROUND_END,
      round: 2,
      by: 'phase',
    });
    expect(position(board)).toEqual(AT_ROUND_END);
  });

  it('asks nothing of a participant, and moves elsewhere on the circle as before', () => {
    const board = endOfRound1();
    expect(samePlace(board, 'participant', 'piet').core.lead.nextPhase()).toBeNull();
    const fresh = testBoard('facilitator', 'fay');
    fresh.core.lead.startWorkshop();
    closeSteps(fresh, 'verkennen');
    expect(fresh.core.lead.nextPhase()).toBeNull();
    expect(position(fresh)).toEqual({ phase: 'richten', round: 1 });
  });

  it('keeps the round’s notes dimmed, archives them, or carries the chosen ones and archives the rest', () => {
    const cases = [
      { option: 'keep', earlier: 'dimmed', carried: [] },
      { option: 'archive', earlier: 'archived', carried: [] },
      { option: 'carry', earlier: 'archived', carried: ['belang-2'] },
    ] as const;
    for (const { option, earlier, carried } of cases) {
      const board = endOfRound1();
      closeSteps(board, 'aan-de-slag');
      const question = board.core.lead.nextPhase();
      if (question?.kind !== 'new-round') throw new Error('expected the new-round question');
      board.core.lead.startRound(question, roundStartChoice(option, ['belang-2']), NOW);
      expect(position(board)).toEqual({ phase: 'verkennen', round: 2 });
      expect(readRoundStarts(board.docs.controlDoc).map((start) => start.earlier)).toEqual([earlier]);
      const rounds = readRounds(board.docs.controlDoc);
      const notes = listNotes(board.docs.doc);
      expect(notes.filter((note) => note.carriedFrom).map((note) => note.carriedFrom)).toEqual(carried);
      expect(new Set(notes.filter((note) => !note.carriedFrom).map(rounds.placeOf))).toEqual(
        new Set([earlier]),
      );
    }
  });

  it('moves nothing when the round was started by another facilitator meanwhile', () => {
    const board = endOfRound1();
    closeSteps(board, 'aan-de-slag');
    const question = board.core.lead.nextPhase();
    if (question?.kind !== 'new-round') throw new Error('expected the new-round question');
    samePlace(board, 'facilitator', 'finn').core.rounds.startNextRound(AT_ROUND_END, 'dimmed');
    board.core.lead.startRound(question, roundStartChoice('carry', ['belang-1']), NOW);
    expect(getFacilitation(board.docs.controlDoc).history).toHaveLength(5);
    expect(listNotes(board.docs.doc)).toHaveLength(3);
    expect(board.refusals).toHaveLength(1);
  });
});

describe('the plan’s Next at the end of a round', () => {
  const roles = { facilitator: '', partners: [], notetaker: '' };

  /** The end of round 1 with a plan whose next item, Opgave, lies in Verkennen: of round 2. */
  function plannedEnd() {
    const board = endOfRound1();
    const items = [
      { step: 'aan-de-slag.realiseren', minutes: 5, aim: '' },
      { step: 'verkennen.opgave', minutes: 10, aim: '' },
    ];
    expect(board.core.plan.save({ items, roles }, NOW)).toBeNull();
    expect(board.core.plan.next(NOW)).toBeNull();
    expect(position(board)).toEqual(AT_ROUND_END);
    return board;
  }

  it('asks how to start the next round, then starts it with the plan’s item and carries the chosen notes', () => {
    const board = plannedEnd();
    const question = board.core.plan.next(NOW + 1);
    expect(question).toEqual({ kind: 'new-round', from: AT_ROUND_END, round: 2, by: 'plan' });
    expect(board.core.plan.move(NOW + 1)).toEqual({ kind: 'start', step: 'verkennen.opgave' });
    if (!question) throw new Error('expected the new-round question');
    board.core.lead.startRound(question, roundStartChoice('carry', ['actie-1']), NOW + 2);
    expect(position(board)).toEqual({ phase: 'verkennen', round: 2 });
    expect(board.core.plan.move(NOW + 3)).toEqual({ kind: 'finish', step: 'verkennen.opgave' });
    expect(readRoundStarts(board.docs.controlDoc).map((start) => start.earlier)).toEqual(['archived']);
    expect(listNotes(board.docs.doc).find((note) => note.carriedFrom)).toMatchObject({
      carriedFrom: 'actie-1',
      round: 2,
    });
  });

  it('refuses an answer that comes after the round has started, and moves the plan no further', () => {
    const board = plannedEnd();
    const question = board.core.plan.next(NOW + 1);
    if (!question) throw new Error('expected the new-round question');
    const finn = samePlace(board, 'facilitator', 'finn');
    finn.core.lead.startRound(question, roundStartChoice('keep', []), NOW + 2);
    board.core.lead.startRound(question, roundStartChoice('archive', []), NOW + 3);
    expect(board.refusals).toHaveLength(1);
    expect(board.core.plan.move(NOW + 4)).toEqual({ kind: 'finish', step: 'verkennen.opgave' });
    expect(readRoundStarts(board.docs.controlDoc).map((start) => start.earlier)).toEqual(['dimmed']);
  });
});
