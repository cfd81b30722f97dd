import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { findInvalidControlChange } from './control-change-check.ts';
import { REMOTE_ORIGIN } from './origins.ts';
import { checkSentChange, expectRefused } from './test-support.ts';
import {
  addTimerMinute,
  DEFAULT_TIMER_DURATION_MS,
  isTimerState,
  MINUTE_MS,
  pauseTimer,
  readTimer,
  resetTimer,
  setTimerDuration,
  startTimer,
  TIMER_KEY,
  TIMER_MAX_MS,
  type TimerState,
  timerRemaining,
} from './timer.ts';

const T0 = 1_700_000_000_000;

describe('timer', () => {
  it('reads as an idle five-minute timer in an empty document', () => {
    const timer = readTimer(new Y.Doc());
    expect(timer).toMatchObject({ status: 'idle', durationMs: DEFAULT_TIMER_DURATION_MS });
    expect(timerRemaining(timer, T0)).toBe(DEFAULT_TIMER_DURATION_MS);
  });

  it('counts down from when it was started, pauses, resumes and resets', () => {
    const doc = new Y.Doc();
    setTimerDuration(doc, 2 * MINUTE_MS, { now: T0, actor: 'fay' });
    const running = startTimer(doc, { now: T0 + 1000, actor: 'fay' });
    expect(running).toEqual({
      status: 'running',
      durationMs: 2 * MINUTE_MS,
      endsAt: T0 + 1000 + 2 * MINUTE_MS,
      at: T0 + 1000,
      actor: 'fay',
    });
    expect(timerRemaining(readTimer(doc), T0 + 31_000)).toBe(90_000);

    pauseTimer(doc, { now: T0 + 31_000 });
    expect(readTimer(doc)).toMatchObject({ status: 'paused', remainingMs: 90_000 });
    expect(timerRemaining(readTimer(doc), T0 + 999_000)).toBe(90_000);

    startTimer(doc, { now: T0 + 100_000 });
    expect(readTimer(doc)).toMatchObject({ status: 'running', endsAt: T0 + 190_000 });
    expect(timerRemaining(readTimer(doc), T0 + 200_000)).toBe(0);

    resetTimer(doc, { now: T0 + 200_000 });
    expect(readTimer(doc)).toMatchObject({ status: 'idle', durationMs: 2 * MINUTE_MS });
  });

  it('adds a minute to what is left, to the duration while idle, and from now once it ran out', () => {
    const doc = new Y.Doc();
    expect(addTimerMinute(doc, { now: T0 })).toMatchObject({ status: 'idle', durationMs: 6 * MINUTE_MS });
    startTimer(doc, { now: T0 });
    expect(addTimerMinute(doc, { now: T0 + 1000 })).toMatchObject({ endsAt: T0 + 7 * MINUTE_MS });
    expect(addTimerMinute(doc, { now: T0 + 8 * MINUTE_MS })).toMatchObject({
      status: 'running',
      durationMs: 6 * MINUTE_MS,
      endsAt: T0 + 9 * MINUTE_MS,
    });
    pauseTimer(doc, { now: T0 + 8.5 * MINUTE_MS });
    expect(addTimerMinute(doc, { now: T0 + 9 * MINUTE_MS })).toMatchObject({
      status: 'paused',
      remainingMs: 1.5 * MINUTE_MS,
    });
  });

  it('writes nothing for a press that changes nothing', () => {
    const doc = new Y.Doc();
    let updates = 0;
    doc.on('update', () => updates++);
    pauseTimer(doc, { now: T0 });
    resetTimer(doc, { now: T0 });
    setTimerDuration(doc, DEFAULT_TIMER_DURATION_MS, { now: T0 });
    expect(updates).toBe(0);
    startTimer(doc, { now: T0 });
    startTimer(doc, { now: T0 + 5 });
    expect(updates).toBe(1);
    expect(readTimer(doc)).toMatchObject({ endsAt: T0 + DEFAULT_TIMER_DURATION_MS });
  });

  it('refuses bad durations, times and actors, and going past the maximum', () => {
    const doc = new Y.Doc();
    expectRefused(doc, 'invalid-duration', () => setTimerDuration(doc, 0, { now: T0 }));
    expectRefused(doc, 'invalid-duration', () => setTimerDuration(doc, 1.5, { now: T0 }));
    expectRefused(doc, 'invalid-duration', () => setTimerDuration(doc, TIMER_MAX_MS + 1, { now: T0 }));
    expectRefused(doc, 'invalid-time', () => startTimer(doc, { now: Number.NaN }));
    expectRefused(doc, 'invalid-time', () => startTimer(doc, {} as { now: number }));
    expectRefused(doc, 'invalid-actor', () => startTimer(doc, { now: T0, actor: '' }));
    setTimerDuration(doc, TIMER_MAX_MS, { now: T0 });
    expectRefused(doc, 'invalid-duration', () => addTimerMinute(doc, { now: T0 }));
  });

  it('converges to one whole state when two facilitators press at once', () => {
    const fay = new Y.Doc();
    const sam = new Y.Doc();
    startTimer(fay, { now: T0, actor: 'fay' });
    Y.applyUpdate(sam, Y.encodeStateAsUpdate(fay));
    pauseTimer(fay, { now: T0 + 10_000, actor: 'fay' });
    addTimerMinute(sam, { now: T0 + 10_000, actor: 'sam' });
    Y.applyUpdate(sam, Y.encodeStateAsUpdate(fay));
    Y.applyUpdate(fay, Y.encodeStateAsUpdate(sam));
    const merged = readTimer(fay);
    expect(readTimer(sam)).toEqual(merged);
    expect([
      {
        status: 'paused',
        durationMs: DEFAULT_TIMER_DURATION_MS,
        remainingMs: 290_000,
        at: T0 + 10_000,
        actor: 'fay',
      },
      {
        status: 'running',
        durationMs: DEFAULT_TIMER_DURATION_MS,
        endsAt: T0 + 6 * MINUTE_MS,
        at: T0 + 10_000,
        actor: 'sam',
      },
    ]).toContainEqual(merged);
  });

  it('reads invalid stored states as the default timer', () => {
    const doc = new Y.Doc();
    doc.transact(
      () => doc.getMap(TIMER_KEY).set('state', { status: 'running', durationMs: 1000 }),
      REMOTE_ORIGIN,
    );
    expect(readTimer(doc)).toMatchObject({ status: 'idle', durationMs: DEFAULT_TIMER_DURATION_MS });
  });

  it('tells valid states from invalid ones', () => {
    const valid: TimerState[] = [
      { status: 'idle', durationMs: 1000, at: 0 },
      { status: 'running', durationMs: MINUTE_MS, endsAt: T0, at: T0, actor: 'fay' },
      { status: 'paused', durationMs: MINUTE_MS, remainingMs: 0, at: T0 },
    ];
    for (const state of valid) expect(isTimerState(state), JSON.stringify(state)).toBe(true);
    const invalid: unknown[] = [
      null,
      'running',
      { status: 'idle', durationMs: 999, at: 0 },
      { status: 'idle', durationMs: 1000, at: -1 },
      { status: 'idle', durationMs: 1000, at: 0, extra: 1 },
      { status: 'running', durationMs: 1000, at: 0 },
      { status: 'running', durationMs: 1000, endsAt: T0 + TIMER_MAX_MS + 1, at: T0 },
      { status: 'paused', durationMs: 1000, remainingMs: -5, at: 0 },
      { status: 'paused', durationMs: 1000, remainingMs: TIMER_MAX_MS + 1, at: 0 },
      { status: 'stopped', durationMs: 1000, at: 0 },
      { status: 'idle', durationMs: 1000, at: 0, actor: '' },
    ];
    for (const state of invalid) expect(isTimerState(state), JSON.stringify(state)).toBe(false);
  });
});

describe('the timer as the server checks it', () => {
  function setUp() {
    const server = new Y.Doc();
    const client = new Y.Doc();
    return { server, client };
  }

  it('passes every press of the timer buttons', () => {
    const { server, client } = setUp();
    const check = () => checkSentChange(server, client, findInvalidControlChange);
    setTimerDuration(client, 2 * MINUTE_MS, { now: T0, actor: 'fay' });
    expect(check()).toBeNull();
    startTimer(client, { now: T0 + 1 });
    expect(check()).toBeNull();
    pauseTimer(client, { now: T0 + 2 });
    expect(check()).toBeNull();
    addTimerMinute(client, { now: T0 + 3 });
    expect(check()).toBeNull();
    resetTimer(client, { now: T0 + 4 });
    expect(check()).toBeNull();
    client.transact(() => client.getMap(TIMER_KEY).delete('state'));
    expect(check()).toBeNull();
  });

  it('refuses invalid states and other keys', () => {
    const cases: [string, (doc: Y.Doc) => void][] = [
      [
        'negative end',
        (doc) =>
          doc.getMap(TIMER_KEY).set('state', { status: 'running', durationMs: 1000, endsAt: -1, at: 0 }),
      ],
      [
        'too long',
        (doc) => doc.getMap(TIMER_KEY).set('state', { status: 'idle', durationMs: TIMER_MAX_MS * 2, at: 0 }),
      ],
      ['half a state', (doc) => doc.getMap(TIMER_KEY).set('state', { status: 'paused' })],
      ['another key', (doc) => doc.getMap(TIMER_KEY).set('endsAt', T0)],
      ['nested type', (doc) => doc.getMap(TIMER_KEY).set('state', new Y.Map())],
    ];
    for (const [what, write] of cases) {
      const { server, client } = setUp();
      client.transact(() => write(client));
      expect(checkSentChange(server, client, findInvalidControlChange), what).toMatch(/timer|nested/);
    }
  });
});
