import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  currentMeeting,
  FIRST_MEETING_ID,
  listMeetings,
  MEETINGS_KEY,
  meetingAt,
  meetingSpan,
  startMeeting,
} from './meetings.ts';
import { expectRefused } from './test-support.ts';

describe('meetings', () => {
  it('has meeting 1 from the beginning, without anyone starting it', () => {
    const control = new Y.Doc();
    expect(listMeetings(control)).toEqual([
      { id: FIRST_MEETING_ID, number: 1, startedAt: 0, startedBy: null },
    ]);
    expect(currentMeeting(control).id).toBe(FIRST_MEETING_ID);
  });

  it('numbers the meetings started after it; the last is the current one', () => {
    const control = new Y.Doc();
    const second = startMeeting(control, { actor: 'fac-1', id: 'm2', at: 1000 });
    expect(second).toEqual({ id: 'm2', number: 2, startedAt: 1000, startedBy: 'fac-1' });
    startMeeting(control, { actor: 'fac-2', id: 'm3', at: 5000 });
    expect(listMeetings(control).map((meeting) => [meeting.id, meeting.number])).toEqual([
      ['first', 1],
      ['m2', 2],
      ['m3', 3],
    ]);
    expect(currentMeeting(control).id).toBe('m3');
    // A clock behind the last start still starts the meeting after it.
    expect(startMeeting(control, { actor: 'fac-1', id: 'm4', at: 10 }).startedAt).toBe(5000);
  });

  it('gives each meeting its span and each moment its meeting', () => {
    const control = new Y.Doc();
    startMeeting(control, { actor: 'fac-1', id: 'm2', at: 1000 });
    startMeeting(control, { actor: 'fac-1', id: 'm3', at: 5000 });
    expect(meetingSpan(control, FIRST_MEETING_ID, 9000)).toEqual({ from: 0, to: 1000 });
    expect(meetingSpan(control, 'm2', 9000)).toEqual({ from: 1000, to: 5000 });
    expect(meetingSpan(control, 'm3', 9000)).toEqual({ from: 5000, to: 9000 });
    expect(meetingAt(control, 0).id).toBe(FIRST_MEETING_ID);
    expect(meetingAt(control, 999).id).toBe(FIRST_MEETING_ID);
    expect(meetingAt(control, 1000).id).toBe('m2');
    expect(meetingAt(control, 4999).id).toBe('m2');
    expect(meetingAt(control, 7000).id).toBe('m3');
    expect(() => meetingSpan(control, 'm9', 9000)).toThrow(/no meeting/);
  });

  it('refuses bad input and writes nothing', () => {
    const control = new Y.Doc();
    startMeeting(control, { actor: 'fac-1', id: 'm2', at: 1000 });
    expectRefused(control, 'invalid-actor', () => startMeeting(control, { actor: '' }));
    expectRefused(control, 'invalid-actor', () => startMeeting(control, {} as never));
    expectRefused(control, 'invalid-meeting', () => startMeeting(control, { actor: 'f', id: 'm2' }));
    expectRefused(control, 'invalid-meeting', () =>
      startMeeting(control, { actor: 'f', id: FIRST_MEETING_ID }),
    );
    expectRefused(control, 'invalid-meeting', () =>
      startMeeting(control, { actor: 'f', id: 'x'.repeat(65) }),
    );
    expectRefused(control, 'invalid-time', () => startMeeting(control, { actor: 'f', at: Number.NaN }));
  });

  it('skips invalid and repeated entries when reading', () => {
    const control = new Y.Doc();
    control.getArray(MEETINGS_KEY).push([
      { id: 'm2', startedAt: 10, startedBy: 'f' },
      { id: 'm2', startedAt: 20, startedBy: 'f' },
      { id: 'first', startedAt: 30, startedBy: 'f' },
      { id: 'm3', startedAt: 40 },
      { id: 'm4', startedAt: 50, startedBy: 'f' },
    ]);
    expect(listMeetings(control).map((meeting) => `${meeting.number}:${meeting.id}`)).toEqual([
      '1:first',
      '2:m2',
      '3:m4',
    ]);
  });
});
