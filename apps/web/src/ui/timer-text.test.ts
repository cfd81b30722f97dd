import { describe, expect, it } from 'vitest';
import { countdownSeconds, countdownText, durationLabel } from './timer-text.ts';

describe('countdownText', () => {
  it('rounds up to whole seconds, so zero shows only at zero', () => {
    expect(countdownText(300_000)).toBe('5:00');
    expect(countdownText(299_001)).toBe('5:00');
    expect(countdownText(299_000)).toBe('4:59');
    expect(countdownText(1)).toBe('0:01');
    expect(countdownText(0)).toBe('0:00');
    expect(countdownText(-50)).toBe('0:00');
    expect(countdownSeconds(61_500)).toBe(62);
  });

  it('shows hours once there is an hour or more', () => {
    expect(countdownText(3_600_000)).toBe('1:00:00');
    expect(countdownText(3_723_000)).toBe('1:02:03');
  });
});

describe('durationLabel', () => {
  it('names minutes, and seconds when there are any', () => {
    expect(durationLabel(300_000)).toBe('5 min');
    expect(durationLabel(90_000)).toBe('1 min 30 s');
    expect(durationLabel(45_000)).toBe('45 s');
  });
});
