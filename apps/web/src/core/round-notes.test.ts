import { type Note, type PhaseVisit, type RoundStart, roundsOf } from '@kompas/model';
import { describe, expect, it } from 'vitest';
import { roundNotesByStep, stepAcrossRounds } from './round-notes.ts';

const HOUR = 3_600_000;
const T0 = 1_700_000_000_000;

/** Three rounds of the circle, an hour each: round 2 started with the earlier notes dimmed, round 3 archived. */
const HISTORY: PhaseVisit[] = [
  { phase: 'verkennen', round: 1, at: T0 },
  { phase: 'aan-de-slag', round: 1, at: T0 + HOUR / 2 },
  { phase: 'verkennen', round: 2, at: T0 + HOUR },
  { phase: 'aan-de-slag', round: 2, at: T0 + (3 * HOUR) / 2 },
  { phase: 'verkennen', round: 3, at: T0 + 2 * HOUR },
];
const STARTS: RoundStart[] = [
  { round: 2, earlier: 'dimmed', at: T0 + HOUR },
  { round: 3, earlier: 'archived', at: T0 + 2 * HOUR },
];

function note(id: string, step: string, createdAt: number, extra: Partial<Note> = {}): Note {
  return {
    id,
    text: id,
    step,
    phase: step.split('.')[0] as Note['phase'],
    pos: { r: 0.5, t: 0.5 },
    color: 'yellow',
    authorId: 'piet',
    authorName: 'Piet',
    createdAt,
    updatedAt: createdAt,
    ...extra,
  };
}

const BELANGEN = 'richten.belangen';

describe('a step’s notes per round', () => {
  const notes = [
    note('old', BELANGEN, T0 + 10), // before rounds were recorded: placed in round 1 by its time
    note('b1', BELANGEN, T0 + 20, { round: 1 }),
    note('b2', BELANGEN, T0 + HOUR + 10, { round: 2, carriedFrom: 'b1' }),
    note('b3', BELANGEN, T0 + 2 * HOUR + 10, { round: 3, carriedFrom: 'b2' }),
    note('gone', BELANGEN, T0 + 2 * HOUR + 20, { round: 3, carriedFrom: 'deleted' }),
    note('elsewhere', 'richten.ambitie', T0 + 30, { round: 1 }),
  ];
  const columns = stepAcrossRounds(BELANGEN, { notes, rounds: roundsOf(HISTORY, STARTS) });

  it('has a column for every round up to the current one, the current one last', () => {
    expect(columns.map(({ round, current, place, started }) => ({ round, current, place, started }))).toEqual(
      [
        { round: 1, current: false, place: 'archived', started: undefined },
        { round: 2, current: false, place: 'archived', started: 'dimmed' },
        { round: 3, current: true, place: 'current', started: 'archived' },
      ],
    );
  });

  it('puts each note of the step in its round, marking where it was carried from and into which round it was carried on', () => {
    const shown = columns.map((column) =>
      column.notes.map(({ note, carriedFrom, carriedInto }) => [note.id, carriedFrom, carriedInto]),
    );
    expect(shown).toEqual([
      [
        ['old', undefined, undefined],
        ['b1', undefined, 2],
      ],
      [['b2', 1, 3]],
      [
        ['b3', 2, undefined],
        ['gone', null, undefined],
      ],
    ]);
  });

  it('shows a board in its first round as one column', () => {
    const history = HISTORY.slice(0, 2);
    const first = stepAcrossRounds(BELANGEN, { notes: notes.slice(0, 2), rounds: roundsOf(history, []) });
    expect(first.map((column) => [column.round, column.current, column.notes.length])).toEqual([
      [1, true, 2],
    ]);
  });
});

describe('the notes of a round to carry along', () => {
  it('groups the round’s notes by phase and step in the circle’s order, leaving out empty steps', () => {
    const notes = [
      note('a', 'aan-de-slag.realiseren', T0 + 3, { round: 1 }),
      note('v', 'verkennen.partners', T0 + 2, { round: 1 }),
      note('b', BELANGEN, T0 + 5, { round: 1 }),
      note('b-earlier', BELANGEN, T0 + 1, { round: 1 }),
      note('later', BELANGEN, T0 + HOUR + 1, { round: 2 }),
    ];
    const groups = roundNotesByStep({ notes, rounds: roundsOf(HISTORY.slice(0, 3), STARTS.slice(0, 1)) }, 1);
    expect(
      groups.map((group) => [
        group.phase.id,
        group.steps.map((step) => [step.step.id, step.notes.map((n) => n.id)]),
      ]),
    ).toEqual([
      ['verkennen', [['verkennen.partners', ['v']]]],
      ['richten', [[BELANGEN, ['b-earlier', 'b']]]],
      ['aan-de-slag', [['aan-de-slag.realiseren', ['a']]]],
    ]);
  });
});
