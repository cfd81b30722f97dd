import { describe, expect, it } from 'vitest';
import { durationText } from './duration-text.ts';

describe('durationText', () => {
  it('rounds to whole minutes', () => {
    expect(durationText(0)).toBe('0 min');
    expect(durationText(29_000)).toBe('0 min');
    expect(durationText(12 * 60_000 + 20_000)).toBe('12 min');
  });

  it('shows hours from sixty minutes on', () => {
    expect(durationText(60 * 60_000)).toBe('1 hr');
    expect(durationText(65 * 60_000)).toBe('1 hr 5 min');
  });

  it('treats negative time as none', () => {
    expect(durationText(-5000)).toBe('0 min');
  });

  it('names the units in Dutch', () => {
    expect(durationText(65 * 60_000, 'nl')).toBe('1 uur 5 min');
    expect(durationText(2 * 60 * 60_000, 'nl')).toBe('2 uur');
  });
});
