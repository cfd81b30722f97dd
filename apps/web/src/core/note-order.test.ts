import { describe, expect, it } from 'vitest';
import { keyboardOrder, neighbourStep, steppedNote } from './note-order.ts';

const note = (id: string, step: string, r: number, t: number) => ({ id, step, pos: { r, t } });

const OWN = 'verkennen.eigen-situatie';
const PARTNERS = 'verkennen.partners';
const VITALITY = 'aan-de-slag.vitaliteit';

const notes = [
  note('inner', OWN, 0.5, 0.2),
  note('partner', PARTNERS, 0.8, 0.5),
  note('rim-right', OWN, 0.9, 0.7),
  note('rim-left', OWN, 0.88, 0.3),
  note('last', VITALITY, 0.7, 0.5),
];

describe('the keyboard’s order of notes', () => {
  it('goes step by step round the circle, within a step row by row from the rim, each row clockwise', () => {
    expect(keyboardOrder(notes).map((n) => n.id)).toEqual([
      'rim-left',
      'rim-right',
      'inner',
      'partner',
      'last',
    ]);
  });

  it('starts at the first note and goes round at the ends', () => {
    expect(steppedNote(notes, null, 'next')?.id).toBe('rim-left');
    expect(steppedNote(notes, null, 'previous')?.id).toBe('last');
    expect(steppedNote(notes, 'inner', 'next')?.id).toBe('partner');
    expect(steppedNote(notes, 'last', 'next')?.id).toBe('rim-left');
    expect(steppedNote(notes, 'rim-left', 'previous')?.id).toBe('last');
    expect(steppedNote(notes, 'partner', 'first')?.id).toBe('rim-left');
    expect(steppedNote(notes, 'partner', 'last')?.id).toBe('last');
  });

  it('jumps to the first note of the next or previous step that has notes', () => {
    expect(steppedNote(notes, 'rim-right', 'next-step')?.id).toBe('partner');
    expect(steppedNote(notes, 'partner', 'next-step')?.id).toBe('last');
    expect(steppedNote(notes, 'last', 'next-step')?.id).toBe('rim-left');
    expect(steppedNote(notes, 'rim-right', 'previous-step')?.id).toBe('last');
  });

  it('finds nothing on an empty board', () => {
    expect(steppedNote([], null, 'next')).toBeUndefined();
  });

  it('names the neighbouring steps round the circle', () => {
    expect(neighbourStep(OWN, 1)).toBe(PARTNERS);
    expect(neighbourStep(OWN, -1)).toBe(VITALITY);
    expect(neighbourStep(VITALITY, 1)).toBe(OWN);
  });
});
