import { describe, expect, it } from 'vitest';
import type { StepRounds } from '../../core/rounds-compared.ts';
import { lapseTexts, stepRoundsText } from './rounds-compared-text.ts';

const MINUTE = 60_000;

const partners: StepRounds = {
  step: 'verkennen.partners',
  bars: [
    { round: 1, notes: 4, time: 10 * MINUTE, state: 'visited', share: 1, lapse: false },
    { round: 2, notes: 0, time: 3 * MINUTE, state: 'skipped', share: 0, lapse: true },
    { round: 3, notes: 1, time: 12 * MINUTE, state: 'open', share: 0.25, lapse: false },
    { round: 4, notes: 0, time: 0, state: 'ahead', share: 0, lapse: false },
  ],
  lapses: [2],
  keepsBeingSkipped: false,
};

describe('the rounds compared in words', () => {
  it('says per round the notes, the time and how the step fared, for screen readers and on hover', () => {
    expect(stepRoundsText(partners)).toBe(
      'Round 1: 4 notes, 10 min, visited; Round 2: 0 notes, 3 min, skipped; Round 3: 1 note, 12 min, open now; Round 4: not reached yet',
    );
  });

  it('marks each round that skipped the step after one that visited it', () => {
    expect(lapseTexts(partners)).toEqual(['Visited in round 1, skipped in round 2']);
    expect(lapseTexts({ ...partners, lapses: [] })).toEqual([]);
  });
});
