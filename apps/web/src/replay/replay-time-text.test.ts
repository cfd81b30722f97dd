import { describe, expect, it } from 'vitest';
import { clockText, elapsedText, replayTimeText } from './replay-time-text.ts';

describe('replay time text', () => {
  it('reads the clock of this device, in 24 hours', () => {
    expect(clockText(new Date(2026, 10, 28, 10, 32, 5, 900).getTime())).toBe('10:32:05');
    expect(clockText(new Date(2026, 10, 28, 9, 3, 0).getTime())).toBe('09:03:00');
    expect(clockText(new Date(2026, 10, 28, 21, 3, 0).getTime(), 'nl')).toBe('21:03:00');
  });

  it('says how far into the session, to the second', () => {
    expect(elapsedText(0)).toBe('0 sec');
    expect(elapsedText(999)).toBe('0 sec');
    expect(elapsedText(45_000)).toBe('45 sec');
    expect(elapsedText(12 * 60_000 + 5_400)).toBe('12 min 5 sec');
    expect(elapsedText(3 * 60_000)).toBe('3 min');
    expect(elapsedText(3_600_000 + 2 * 60_000 + 3_000)).toBe('1 hr 2 min 3 sec');
    expect(elapsedText(-5_000)).toBe('0 sec');
  });

  it('names the units in Dutch', () => {
    expect(elapsedText(3_600_000 + 2 * 60_000 + 3_000, 'nl')).toBe('1 uur 2 min 3 sec');
  });

  it('puts both together', () => {
    const start = new Date(2026, 10, 28, 10, 20, 0).getTime();
    expect(replayTimeText(start + 12 * 60_000 + 5_000, start)).toBe('10:32:05, 12 min 5 sec in');
  });
});
