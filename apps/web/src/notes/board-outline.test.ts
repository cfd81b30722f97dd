import type { Note, StepId } from '@kompas/model';
import { describe, expect, it } from 'vitest';
import type { ShownNote } from '../core/note-source.ts';
import { roundWords } from '../ui/round-words.ts';
import {
  boardOutline,
  firstMoveTarget,
  mayCarryNote,
  mayChangeNote,
  moveTargets,
  type OutlineRights,
  spotIn,
} from './board-outline.ts';

function shown(
  id: string,
  step: StepId,
  createdAt: number,
  extra: Partial<Note> = {},
  draft = false,
): ShownNote {
  const phase = step.split('.')[0] as Note['phase'];
  const note: Note = {
    id,
    text: id,
    step,
    phase,
    pos: { r: 0.5, t: 0.5 },
    color: 'yellow',
    authorId: 'ann',
    authorName: 'Ann',
    createdAt,
    updatedAt: createdAt,
    ...extra,
  };
  return { note, draft };
}

const open: OutlineRights = {
  readOnly: false,
  locked: [],
  mayChangeDraft: (draft) => draft.authorId === 'ann',
  mayCarry: (candidate) => candidate.earlierRound !== undefined && candidate.carriedInto === undefined,
};

/** `shown` as a note of round `round`, kept dimmed on the board in a later round. */
function earlier(note: ShownNote, round: number, carriedInto?: number): ShownNote {
  return { ...note, earlierRound: round, ...(carriedInto === undefined ? {} : { carriedInto }) };
}

describe('boardOutline', () => {
  it('lists every phase and step in the order of the cycle, the notes of a step in stacking order', () => {
    const outline = boardOutline(
      [
        shown('late', 'richten.belangen', 3),
        shown('first', 'verkennen.eigen-situatie', 2),
        shown('early', 'richten.belangen', 1),
      ],
      'richten',
    );
    expect(outline.map(({ phase, current }) => [phase.id, current])).toEqual([
      ['verkennen', false],
      ['richten', true],
      ['inrichten', false],
      ['aan-de-slag', false],
    ]);
    expect(outline.flatMap(({ steps }) => steps)).toHaveLength(12);
    const interests = outline[1]?.steps[0];
    expect(interests?.step.id).toBe('richten.belangen');
    expect(interests?.notes.map(({ note }) => note.id)).toEqual(['early', 'late']);
    expect(outline[0]?.steps[1]?.notes).toEqual([]);
  });

  it('lists this round’s notes before earlier rounds’ and counts both', () => {
    const outline = boardOutline(
      [
        earlier(shown('old', 'richten.belangen', 1), 1),
        shown('new', 'richten.belangen', 5),
        shown('carried', 'richten.belangen', 4, { carriedFrom: 'older' }),
        earlier(shown('older', 'richten.belangen', 0), 1, 2),
      ],
      'richten',
    );
    const interests = outline[1]?.steps[0];
    expect(interests?.notes.map(({ note }) => note.id)).toEqual(['carried', 'new', 'older', 'old']);
    expect([interests?.current, interests?.earlier]).toEqual([2, 2]);
  });

  it('marks no phase as current before the workshop starts', () => {
    expect(boardOutline([], null).some(({ current }) => current)).toBe(false);
  });
});

describe('what the list offers', () => {
  const note = shown('a', 'richten.belangen', 1);

  it('lets a participant change notes outside the phases the lock closes', () => {
    expect(mayChangeNote(note, open)).toBe(true);
    expect(mayChangeNote(note, { ...open, locked: ['richten'] })).toBe(false);
    expect(mayChangeNote(note, { ...open, readOnly: true })).toBe(false);
  });

  it('leaves someone else’s private draft alone', () => {
    expect(mayChangeNote(shown('mine', 'richten.belangen', 1, {}, true), open)).toBe(true);
    expect(mayChangeNote(shown('theirs', 'richten.belangen', 1, { authorId: 'bob' }, true), open)).toBe(
      false,
    );
  });

  it('offers to carry a note of an earlier round along once, outside the phases the lock closes', () => {
    const old = earlier(note, 1);
    expect(mayCarryNote(old, open)).toBe(true);
    expect(mayCarryNote(note, open)).toBe(false);
    expect(mayCarryNote(earlier(note, 1, 2), open)).toBe(false);
    expect(mayCarryNote(old, { ...open, locked: ['richten'] })).toBe(false);
  });

  it('moves a note to any other step the lock leaves open, starting with the next one', () => {
    const rights = { ...open, locked: ['inrichten' as const] };
    const allowed = moveTargets(note.note, rights)
      .flatMap(({ targets }) => targets)
      .filter((target) => target.allowed)
      .map((target) => target.step.id);
    expect(allowed).toHaveLength(8);
    expect(allowed).not.toContain('richten.belangen');
    expect(allowed.some((step) => step.startsWith('inrichten'))).toBe(false);
    expect(firstMoveTarget(note.note, rights)).toBe('richten.ambitie');
    expect(firstMoveTarget({ step: 'richten.uitgangspunten' }, rights)).toBe('aan-de-slag.realiseren');
  });

  it('has nowhere to move a note to when every other step is closed', () => {
    const rights = { ...open, locked: ['verkennen', 'inrichten', 'aan-de-slag'] as const };
    expect(
      firstMoveTarget({ step: 'richten.belangen' }, { ...rights, locked: [...rights.locked, 'richten'] }),
    ).toBe(null);
  });

  it('puts a new or moved note in a free slot of its step, away from the notes already there', () => {
    const notes = [shown('a', 'richten.belangen', 1)];
    const first = spotIn('richten.belangen', []);
    const next = spotIn('richten.belangen', [shown('a', 'richten.belangen', 1, { pos: first })]);
    expect(next).not.toEqual(first);
    expect(spotIn('richten.belangen', notes, 'a')).toEqual(first);
  });
});

describe('the round marks of a note', () => {
  const note = shown('a', 'richten.belangen', 1);

  it('say a note of an earlier round was written then, and carried on once it was', () => {
    expect(roundWords(note)).toEqual([]);
    expect(roundWords(earlier(note, 1))).toEqual(['Written in round 1']);
    expect(roundWords(earlier(note, 2, 3))).toEqual(['Written in round 2', 'Carried into round 3']);
  });

  it('say where a carried note came from, also when that note is gone', () => {
    const carried = shown('b', 'richten.belangen', 2, { carriedFrom: 'a', round: 2 });
    expect(roundWords({ ...carried, carriedFromRound: 1 })).toEqual(['Carried from round 1']);
    expect(roundWords(carried)).toEqual(['Carried from an earlier round']);
  });
});
