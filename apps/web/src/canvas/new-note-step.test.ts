import type { PhaseId } from '@kompas/model';
import { describe, expect, it } from 'vitest';
import type { NoteLockedDetail } from '../core/board-events.ts';
import type { LockedCanvas } from './canvas-lock.ts';
import { StepsUsed, stepForNewNote } from './new-note-step.ts';

/** A canvas with `locked` phases; `told` collects the phases it said were locked. */
function canvas(locked: PhaseId[] = [], lockApplies = true) {
  const told: PhaseId[] = [];
  const target = Object.assign(new EventTarget(), { locked, lockApplies });
  target.addEventListener('note-locked', (event) => {
    told.push((event as CustomEvent<NoteLockedDetail>).detail.phase);
  });
  return { canvas: target as LockedCanvas, told };
}

const richten = { phase: 'richten', round: 1 } as const;

describe('stepForNewNote', () => {
  it('starts in the first step of Verkennen before the workshop starts', () => {
    expect(stepForNewNote(canvas().canvas, null, new StepsUsed())).toBe('verkennen.eigen-situatie');
  });

  it('starts in the first step of the current phase', () => {
    expect(stepForNewNote(canvas().canvas, richten, new StepsUsed())).toBe('richten.belangen');
  });

  it('returns to the step last used in the current phase', () => {
    const used = new StepsUsed();
    used.used('richten.uitgangspunten');
    used.used('verkennen.partners');
    expect(stepForNewNote(canvas().canvas, richten, used)).toBe('richten.uitgangspunten');
  });

  it('stays in the current phase when the last step used is in another one', () => {
    const used = new StepsUsed();
    used.used('verkennen.partners');
    expect(stepForNewNote(canvas().canvas, richten, used)).toBe('richten.belangen');
  });

  it('says so, and starts nothing, when the current phase is locked', () => {
    const { canvas: locked, told } = canvas(['richten']);
    expect(stepForNewNote(locked, richten, new StepsUsed())).toBeNull();
    expect(told).toEqual(['richten']);
  });

  it('does not move to an open phase when the current one is locked', () => {
    const { canvas: locked } = canvas(['verkennen']);
    expect(stepForNewNote(locked, null, new StepsUsed())).toBeNull();
  });

  it('lets a facilitator, whom the lock does not stop, write into a locked phase', () => {
    const { canvas: facilitator, told } = canvas(['richten'], false);
    expect(stepForNewNote(facilitator, richten, new StepsUsed())).toBe('richten.belangen');
    expect(told).toEqual([]);
  });
});
