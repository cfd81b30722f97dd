import {
  type BoardFrame,
  carryId,
  copyBoardState,
  emptyBoardState,
  type Note,
  nextPhase,
  setEarlierNotes,
  startFacilitation,
  startNextRound,
} from '@kompas/model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RecordedFrames, RecordedPresenceWindow, RecordingApi, RecordingLog } from './replay-api.ts';
import type { RecordedUpdate } from './replay-engine.ts';
import { ReplaySession } from './replay-session.ts';

function note(id: string, createdAt: number, fields: Partial<Note> = {}): Note {
  return {
    id,
    text: id,
    step: 'richten.belangen',
    phase: 'richten',
    pos: { r: 0.5, t: 0.5 },
    color: 'yellow',
    authorId: 'ans',
    authorName: 'Ans',
    createdAt,
    updatedAt: createdAt,
    round: 1,
    ...fields,
  };
}

/**
 * A recorded workshop: round 1 (notes a and b), round 2 from t = 300 s with the earlier notes kept dimmed
 * and a carried into it at 320 s, the notes of round 1 archived at 400 s. The control room is logged as Yjs
 * updates, the board room as frames, as the server keeps them.
 */
function recording() {
  const control = new Y.Doc();
  const log: RecordedUpdate[] = [];
  const states: { seq: number; at: number; state: Uint8Array }[] = [];
  let clock = 0;
  control.on('update', (update: Uint8Array) => {
    const seq = log.length + 1;
    log.push({ seq, at: clock, actor: 'facilitator:1', update });
    states.push({ seq, at: clock, state: Y.encodeStateAsUpdate(control) });
  });
  const at = (time: number) => {
    clock = time;
    return { now: time };
  };
  startFacilitation(control, at(1_000));
  for (let minute = 1; minute <= 3; minute++) nextPhase(control, at(minute * 60_000));
  startNextRound(control, { earlier: 'dimmed', ...at(300_000) });
  setEarlierNotes(control, 2, 'archived', at(400_000));
  const carried = note(carryId('a', 2), 320_000, { round: 2, carriedFrom: 'a' });
  const frames: BoardFrame[] = [
    { seq: 1, at: 10_000, actor: 'participant:1', notes: { a: note('a', 10_000) }, votes: {} },
    { seq: 2, at: 20_000, actor: 'participant:1', notes: { b: note('b', 20_000) }, votes: {} },
    { seq: 3, at: 320_000, actor: 'facilitator:1', notes: { [carried.id]: carried }, votes: {} },
  ];
  return { log, states, frames, end: 500_000 };
}

/** The replay's server, answering from the recording. */
function recordingApi({ log, states, frames, end }: ReturnType<typeof recording>): RecordingApi {
  const boardAt = (time: number) => {
    const state = emptyBoardState();
    const played = frames.filter((frame) => frame.at <= time);
    for (const frame of played) Object.assign(state.notes, frame.notes);
    return { seq: played.length, state: copyBoardState(state) };
  };
  const api = {
    board: async (time: number) => ({
      at: time,
      ...boardAt(time),
      start: frames[0]?.at ?? null,
      end,
      endSeq: frames.length,
      now: end,
    }),
    log: async ({ control = 0 }): Promise<RecordingLog> => ({
      control: { entries: log.filter((entry) => entry.seq > control), more: false },
      now: end,
    }),
    events: async () => [],
    frames: async (after: number): Promise<RecordedFrames> => ({
      frames: frames.filter((frame) => frame.seq > after),
      more: false,
      now: end,
    }),
    state: async (time: number) => {
      const checkpoint = states.filter((state) => state.at <= time).at(-1);
      return {
        at: time,
        content: null,
        control: checkpoint ? { seq: checkpoint.seq, state: checkpoint.state } : null,
        start: 0,
        end,
        now: end,
      };
    },
    presence: async (from: number, to: number): Promise<RecordedPresenceWindow> => ({
      from,
      to,
      present: [],
      samples: [],
    }),
  };
  return api as unknown as RecordingApi;
}

/** The notes the replay shows, each with its round marks. */
function shown(session: ReplaySession): string[] {
  return session.board.notes().map(({ note, earlierRound, carriedFromRound, carriedInto }) => {
    const marks = [
      earlierRound && `dimmed from ${earlierRound}`,
      carriedFromRound && `carried from ${carriedFromRound}`,
      carriedInto && `carried into ${carriedInto}`,
    ].filter(Boolean);
    return [note.id, ...marks].join(', ');
  });
}

describe('the replay over the rounds', () => {
  it('shows the notes as the board showed them at each moment: current, dimmed, then archived', async () => {
    const session = new ReplaySession(recordingApi(recording()));
    await session.open();
    await session.seek(200_000);
    expect(shown(session)).toEqual(['a', 'b']);

    await session.seek(350_000);
    expect(shown(session)).toEqual([
      'a, dimmed from 1, carried into 2',
      'b, dimmed from 1',
      `${carryId('a', 2)}, carried from 1`,
    ]);

    await session.seek(450_000);
    expect(shown(session)).toEqual([`${carryId('a', 2)}, carried from 1`]);

    // Back in time, the archived notes show again as they were.
    await session.seek(310_000);
    expect(shown(session)).toEqual(['a, dimmed from 1', 'b, dimmed from 1']);
  });

  it('places the notes anew while playing forward through a change of the facilitator’s choice', async () => {
    const session = new ReplaySession(recordingApi(recording()));
    await session.open();
    await session.readAhead();
    await session.seek(350_000);
    expect(session.advance(450_000)).toBe(true);
    expect(shown(session)).toEqual([`${carryId('a', 2)}, carried from 1`]);
  });
});
