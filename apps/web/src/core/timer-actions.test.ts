import { MINUTE_MS, readTimer, TIMER_MAX_MS, timerRemaining } from '@kompas/model';
import { describe, expect, it } from 'vitest';
import { testBoard } from './test-board.ts';

const NOW = 1_700_000_000_000;

describe('the board core’s timer', () => {
  it('starts, pauses and resets the timer for a facilitator, at the server time it is given', () => {
    const { docs, core } = testBoard('facilitator', 'fay');
    expect(core.timer.startFor(5 * MINUTE_MS, NOW)).toBe('');
    const running = readTimer(docs.controlDoc);
    expect(running.status).toBe('running');
    expect(timerRemaining(running, NOW + MINUTE_MS)).toBe(4 * MINUTE_MS);
    expect(core.timer.pause(NOW + MINUTE_MS)).toBe('');
    expect(core.timer.addMinute(NOW + MINUTE_MS)).toBe('');
    expect(timerRemaining(readTimer(docs.controlDoc), NOW + 10 * MINUTE_MS)).toBe(5 * MINUTE_MS);
    expect(core.timer.reset(NOW + 2 * MINUTE_MS)).toBe('');
    expect(readTimer(docs.controlDoc).status).toBe('idle');
  });

  it('does nothing for a participant', () => {
    const { docs, core } = testBoard('participant');
    expect(core.timer.startFor(MINUTE_MS, NOW)).toBeUndefined();
    expect(readTimer(docs.controlDoc).status).toBe('idle');
  });

  it('says why a duration the timer cannot hold is refused, and keeps the timer as it was', () => {
    const { docs, core } = testBoard('facilitator', 'fay');
    core.timer.setDuration(3 * MINUTE_MS, NOW);
    expect(core.timer.setDuration(TIMER_MAX_MS + MINUTE_MS, NOW)).toMatch(/duration/i);
    expect(readTimer(docs.controlDoc)).toMatchObject({ status: 'idle', durationMs: 3 * MINUTE_MS });
  });
});
