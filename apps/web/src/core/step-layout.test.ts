import {
  fitsInSlice,
  getNote,
  listNotes,
  nextPhase,
  notesCollide,
  placeInSlice,
  roomForNewNote,
  setBoardLock,
  startFacilitation,
  startNextRound,
  stepNoteScale,
  stepSlots,
} from '@kompas/model';
import { describe, expect, it } from 'vitest';
import { samePlace, testBoard } from './test-board.ts';

const STEP = 'richten.ambitie';

function note(id: string, pos = { r: 0.5, t: 0.5 }, step = STEP) {
  return { id, text: `Note ${id}`, step, pos, color: 'yellow' as const };
}

/** The notes of STEP as the canvas draws them: centres, at the size the step draws them. */
function drawn(docs: ReturnType<typeof testBoard>['docs']) {
  const notes = listNotes(docs.doc).filter((n) => n.step === STEP);
  const scale = stepNoteScale(STEP, notes.length);
  return { scale, centres: notes.map((n) => placeInSlice(STEP, n.pos, scale)) };
}

function collisions(centres: readonly { x: number; y: number }[], scale: number): number {
  let found = 0;
  centres.forEach((a, i) => {
    for (const b of centres.slice(i + 1)) if (notesCollide(a, b, scale)) found++;
  });
  return found;
}

describe('tidying a step', () => {
  it('puts every note of the step into a slot of its own, in one change the facilitator can undo', () => {
    const board = testBoard('participant');
    for (let i = 0; i < 30; i++) board.core.notes.create(note(`n${i}`));
    const other = note('elsewhere', { r: 0.5, t: 0.5 }, 'verkennen.partners');
    board.core.notes.create(other);
    expect(collisions(drawn(board.docs).centres, drawn(board.docs).scale)).toBeGreaterThan(0);
    const facilitator = samePlace(board, 'facilitator', 'fac');

    facilitator.core.lead.tidyStep(STEP);

    const { scale, centres } = drawn(board.docs);
    expect(centres).toHaveLength(30);
    expect(collisions(centres, scale)).toBe(0);
    expect(centres.every((centre) => fitsInSlice(STEP, centre, scale))).toBe(true);
    expect(getNote(board.docs.doc, 'elsewhere')?.pos).toEqual(other.pos);

    facilitator.core.undo('undo');
    expect(listNotes(board.docs.doc).every((n) => n.pos.r === 0.5 && n.pos.t === 0.5)).toBe(true);
    facilitator.core.undo('redo');
    expect(collisions(drawn(board.docs).centres, scale)).toBe(0);
  });

  it('is the facilitator’s: a participant’s tidy does nothing', () => {
    const board = testBoard('participant');
    board.core.notes.create(note('a'));
    board.core.notes.create(note('b'));
    board.core.lead.tidyStep(STEP);
    expect(listNotes(board.docs.doc).map((n) => n.pos)).toEqual([note('a').pos, note('b').pos]);
  });

  it('leaves the archived notes of an earlier round where they were, out of the slots', () => {
    const board = testBoard('facilitator', 'fac');
    const control = board.docs.controlDoc;
    startFacilitation(control, { now: 0 });
    board.core.notes.create(note('old'));
    for (let minute = 1; minute <= 3; minute++) nextPhase(control, { now: minute * 60_000 });
    startNextRound(control, { earlier: 'archived', now: 300_000 });
    board.core.notes.create(note('new'));
    board.core.lead.tidyStep(STEP);
    expect(getNote(board.docs.doc, 'old')?.pos).toEqual(note('old').pos);
    expect(getNote(board.docs.doc, 'new')?.pos).toEqual(stepSlots(STEP, 1)[0]?.pos);
  });

  it('tidies a step the lock keeps participants out of', () => {
    const board = testBoard('participant');
    board.core.notes.create(note('a'));
    board.core.notes.create(note('b'));
    setBoardLock(board.docs.controlDoc, 'board', { actor: 'fac' });
    const facilitator = samePlace(board, 'facilitator', 'fac');
    facilitator.core.lead.tidyStep(STEP);
    expect(facilitator.refusals).toEqual([]);
    expect(collisions(drawn(board.docs).centres, drawn(board.docs).scale)).toBe(0);
  });
});

describe('a step that fills', () => {
  it('moves its notes in slots along as a new note makes it draw them smaller, in the same undo step', () => {
    const board = testBoard('participant');
    const full = stepSlots(STEP, 1);
    full.forEach((slot, i) => {
      board.core.notes.create(note(`n${i}`, slot.pos));
    });
    const smaller = stepNoteScale(STEP, full.length + 1);
    expect(smaller).toBeLessThan(1);
    const free = stepSlots(STEP, smaller)[full.length];
    if (!free) throw new Error('no slot left');
    board.core.notes.create(note('new', free.pos));
    const { scale, centres } = drawn(board.docs);
    expect(scale).toBe(smaller);
    expect(collisions(centres, scale)).toBe(0);
    expect(getNote(board.docs.doc, 'n0')?.pos).toEqual(stepSlots(STEP, smaller)[0]?.pos);

    board.core.undo('undo');
    expect(getNote(board.docs.doc, 'new')).toBeUndefined();
    expect(getNote(board.docs.doc, 'n0')?.pos).toEqual(full[0]?.pos);
  });

  it('lets its notes grow back into the larger slots when one is deleted or moved out', () => {
    const board = testBoard('facilitator');
    const count = stepSlots(STEP, 1).length + 1;
    const smaller = stepNoteScale(STEP, count);
    stepSlots(STEP, smaller)
      .slice(0, count)
      .forEach((slot, i) => {
        board.core.notes.create(note(`n${i}`, slot.pos));
      });
    board.core.notes.delete('n0');
    expect(getNote(board.docs.doc, 'n1')?.pos).toEqual(stepSlots(STEP, 1)[0]?.pos);

    board.core.notes.create(note('back', stepSlots(STEP, smaller)[count - 1]?.pos));
    board.core.notes.move({ id: 'back', step: 'verkennen.partners', pos: { r: 0.5, t: 0.5 } });
    expect(drawn(board.docs).scale).toBe(1);
    expect(collisions(drawn(board.docs).centres, 1)).toBe(0);
  });

  it('leaves notes put by hand where they are', () => {
    const board = testBoard('participant');
    const byHand = { r: 0.2, t: 0.5 };
    board.core.notes.create(note('by-hand', byHand));
    for (let i = 0; i < 4; i++) {
      const inStep = listNotes(board.docs.doc).filter((n) => n.step === STEP);
      board.core.notes.create(note(`n${i}`, roomForNewNote(STEP, inStep).pos));
    }
    expect(getNote(board.docs.doc, 'by-hand')?.pos).toEqual(byHand);
  });
});
