import { describe, expect, it } from 'vitest';
import {
  type ConnectionNotice,
  ConnectionNotices,
  OFFLINE_NOTICE_DELAY_MS,
  SENT_NOTICE_MS,
  type Timers,
} from './connection-notice.ts';

/** Timers the test moves by hand. */
function manualTimers() {
  let now = 0;
  const pending = new Set<{ at: number; done: () => void }>();
  const timers: Timers & { pass(ms: number): void } = {
    after(ms, done) {
      const entry = { at: now + ms, done };
      pending.add(entry);
      return () => pending.delete(entry);
    },
    pass(ms) {
      now += ms;
      for (const entry of [...pending]) {
        if (entry.at > now) continue;
        pending.delete(entry);
        entry.done();
      }
    },
  };
  return timers;
}

function setUp() {
  const timers = manualTimers();
  const shown: ConnectionNotice[] = [];
  const notices = new ConnectionNotices((notice) => shown.push(notice), timers);
  return { timers, shown, notices };
}

const offline = (unsent = 0) => ({ connected: false, unsent });
const online = (unsent = 0) => ({ connected: true, unsent });

describe('ConnectionNotices', () => {
  it('says nothing about a drop shorter than the delay', () => {
    const { timers, shown, notices } = setUp();
    notices.update(offline());
    timers.pass(OFFLINE_NOTICE_DELAY_MS - 1);
    notices.update(offline(1));
    notices.update(online(1));
    timers.pass(OFFLINE_NOTICE_DELAY_MS);
    expect(shown).toEqual([]);
    expect(notices.notice).toBe('none');
  });

  it('says offline after the delay, sending when back, then that everything is sent, then nothing', () => {
    const { timers, shown, notices } = setUp();
    notices.update(offline());
    timers.pass(OFFLINE_NOTICE_DELAY_MS / 2);
    notices.update(offline(2)); // writing meanwhile does not restart the wait
    timers.pass(OFFLINE_NOTICE_DELAY_MS / 2);
    expect(notices.notice).toBe('offline');
    notices.update(online(2));
    expect(notices.notice).toBe('sending');
    notices.update(online(0));
    expect(notices.notice).toBe('sent');
    timers.pass(SENT_NOTICE_MS);
    expect(shown).toEqual(['offline', 'sending', 'sent', 'none']);
  });

  it('says offline again at once when the connection drops while it says it is back', () => {
    const { timers, shown, notices } = setUp();
    notices.update(offline());
    timers.pass(OFFLINE_NOTICE_DELAY_MS);
    notices.update(online());
    notices.update(offline());
    expect(notices.notice).toBe('offline');
    timers.pass(SENT_NOTICE_MS);
    expect(shown).toEqual(['offline', 'sent', 'offline']);
  });
});
