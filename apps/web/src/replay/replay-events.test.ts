import {
  closeVotingRound,
  endPrivateRound,
  nextPhase,
  openVotingRound,
  pauseTimer,
  resetTimer,
  startFacilitation,
  startMeeting,
  startPrivateRound,
  startTimer,
} from '@kompas/model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RecordedUpdate } from './replay-engine.ts';
import {
  adjacentEvent,
  contentEvents,
  controlEvents,
  eventText,
  phaseSegments,
  sortEvents,
} from './replay-events.ts';

/** Records every update of `doc` as a log entry received `at()` by `actor`. */
function record(doc: Y.Doc, at: () => number): RecordedUpdate[] {
  const log: RecordedUpdate[] = [];
  doc.on('update', (update: Uint8Array) => {
    log.push({ seq: log.length + 1, at: at(), actor: 'facilitator:7', update });
  });
  return log;
}

describe('controlEvents', () => {
  it('lists phase changes, timer starts, pauses and resets, voting rounds and the silent brainstorm', () => {
    const doc = new Y.Doc();
    let now = 10_000;
    const log = record(doc, () => now);
    const opts = { actor: 'user-fay' };
    startFacilitation(doc, opts);
    now = 20_000;
    startTimer(doc, { now, ...opts });
    now = 30_000;
    pauseTimer(doc, { now, ...opts });
    now = 35_000;
    startTimer(doc, { now, ...opts });
    now = 40_000;
    resetTimer(doc, { now, ...opts });
    now = 50_000;
    nextPhase(doc, opts);
    now = 60_000;
    openVotingRound(doc, { budget: 3, scope: { kind: 'board' }, results: 'live' }, opts);
    now = 70_000;
    closeVotingRound(doc, opts);
    now = 80_000;
    startPrivateRound(doc, opts);
    now = 90_000;
    endPrivateRound(doc, opts);

    const events = controlEvents(log);
    expect(events.map((event) => [event.at, event.kind, eventText(event), event.actor])).toEqual([
      [10_000, 'phase', 'Verkennen, round 1', 'user-fay'],
      [20_000, 'timer-start', 'Timer started', 'user-fay'],
      [30_000, 'timer-pause', 'Timer paused', 'user-fay'],
      [35_000, 'timer-resume', 'Timer resumed', 'user-fay'],
      [40_000, 'timer-reset', 'Timer reset', 'user-fay'],
      [50_000, 'phase', 'Richten, round 1', 'user-fay'],
      [60_000, 'voting-open', 'Voting opened', 'user-fay'],
      [70_000, 'voting-close', 'Voting closed', 'user-fay'],
      [80_000, 'brainstorm-start', 'Silent brainstorm started', 'user-fay'],
      [90_000, 'brainstorm-reveal', 'Drafts revealed', 'user-fay'],
    ]);
    expect(phaseSegments(events, 100_000)).toEqual([
      { phase: 'verkennen', round: 1, from: 10_000, to: 50_000 },
      { phase: 'richten', round: 1, from: 50_000, to: 100_000 },
    ]);
    expect(adjacentEvent(events, 30_000, 1)?.at).toBe(35_000);
    expect(adjacentEvent(events, 30_000, -1)?.at).toBe(20_000);
    expect(adjacentEvent(events, 90_000, 1)).toBeUndefined();
  });

  it('marks where each meeting after the first began', () => {
    const doc = new Y.Doc();
    let now = 10_000;
    const log = record(doc, () => now);
    startFacilitation(doc, { actor: 'user-fay' });
    now = 20_000;
    startMeeting(doc, { actor: 'user-fay', id: 'second' });
    now = 30_000;
    startMeeting(doc, { actor: 'user-gijs', id: 'third' });
    const meetings = controlEvents(log).filter((event) => event.kind === 'meeting');
    expect(meetings.map((event) => [event.at, event.meeting, eventText(event), event.actor])).toEqual([
      [20_000, 2, 'Meeting 2', 'user-fay'],
      [30_000, 3, 'Meeting 3', 'user-gijs'],
    ]);
  });
});

describe('contentEvents', () => {
  it('labels the notes added and the votes placed, with their authors and voters', () => {
    const events = sortEvents(
      contentEvents([
        { at: 6000, kind: 'vote', actor: 'u2' },
        {
          at: 5000,
          kind: 'note-added',
          actor: 'u1',
          name: 'Ans',
          text: 'A shared ambition for the whole region and its people',
        },
      ]),
    );
    expect(events.map((event) => [event.at, event.kind, eventText(event), event.actor])).toEqual([
      [5000, 'note-added', 'Note added: A shared ambition for the whole region…', 'u1'],
      [6000, 'vote', 'Vote placed', 'u2'],
    ]);
  });
});
