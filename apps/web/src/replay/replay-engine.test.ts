import { type BoardFrame, createNote, getNote, moveNote } from '@kompas/model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardReplay, type RecordedUpdate, RoomTimeline } from './replay-engine.ts';

const author = { id: 'user-ans', name: 'Ans' };

/** A room's log: note n1 added at t = 1000, then moved back and forth, one update a second. */
function recordedSession(updates: number): { log: RecordedUpdate[]; states: Uint8Array[] } {
  const doc = new Y.Doc();
  const log: RecordedUpdate[] = [];
  const states: Uint8Array[] = [new Uint8Array()];
  doc.on('update', (update: Uint8Array) => {
    const seq = log.length + 1;
    log.push({ seq, at: 1000 * seq, actor: 'participant:1', update });
    states.push(Y.encodeStateAsUpdate(doc));
  });
  createNote(doc, { id: 'n1', text: 'Moving', step: 'verkennen.opgave', author });
  for (let index = 2; index <= updates; index++) {
    moveNote(doc, 'n1', 'verkennen.opgave', { r: 0.3 + (index % 50) / 100, t: 0.5 });
  }
  return { log, states };
}

/** The same kind of session as frames: what each update changed, as the server sends them. */
function recordedFrames(updates: number): BoardFrame[] {
  const { log } = recordedSession(updates);
  const doc = new Y.Doc();
  return log.map(({ seq, at, actor, update }) => {
    Y.applyUpdate(doc, update);
    return { seq, at, actor, notes: { n1: getNote(doc, 'n1') ?? null }, votes: {} };
  });
}

function radiusOf(doc: Y.Doc): number | undefined {
  return getNote(doc, 'n1')?.pos.r;
}

function expected(states: Uint8Array[], seq: number): number | undefined {
  const doc = new Y.Doc();
  if (seq > 0) Y.applyUpdate(doc, states[seq] as Uint8Array);
  return radiusOf(doc);
}

describe('RoomTimeline', () => {
  it('finds the position current at a time, and says when the loaded entries cannot tell', () => {
    const { log } = recordedSession(10);
    const room = new RoomTimeline();
    expect(room.seqAt(5000)).toBeNull();
    room.add(log.slice(0, 6));
    expect(room.seqAt(0)).toBe(0);
    expect(room.seqAt(999)).toBe(0);
    expect(room.seqAt(1000)).toBe(1);
    expect(room.seqAt(4500)).toBe(4);
    // Entry 6 is the last loaded: whether 7 came before 6500 is unknown until the end is known.
    expect(room.seqAt(6500)).toBeNull();
    room.setEnd(6, 7000);
    expect(room.seqAt(6500)).toBe(6);
    expect(room.seqAt(7500)).toBeNull();
    room.add(log.slice(6));
    expect(room.seqAt(9_999_999)).toBeNull();
    room.setEnd(10, 20_000);
    expect(room.seqAt(15_000)).toBe(10);
  });

  it('reaches any position from the nearest checkpoint and equals the room as it was', () => {
    const { log, states } = recordedSession(900);
    const room = new RoomTimeline();
    room.add(log);
    for (const seq of [300, 600]) room.addCheckpoint({ seq, state: states[seq] as Uint8Array });
    const maxUpdates = 250;
    // Seeded order: forward, far backward, across checkpoints.
    for (const seq of [10, 11, 250, 120, 320, 840, 600, 601, 549, 5, 0]) {
      const move = room.moveTo(seq, maxUpdates);
      expect(move, `seek to ${seq}`).not.toBeNull();
      expect(room.seq).toBe(seq);
      expect(radiusOf(room.doc), `note at ${seq}`).toBe(expected(states, seq));
    }
    expect(room.moveTo(890, maxUpdates)).toBeNull();
    // 250 is out of reach of the start and of every checkpoint with at most 100 updates.
    room.moveTo(0);
    expect(room.moveTo(250, 100)).toBeNull();
    expect(room.seq).toBe(0);
  });

  it('moves forward on the same document while playing, so the board sees each change', () => {
    const { log } = recordedSession(20);
    const room = new RoomTimeline();
    room.add(log);
    room.moveTo(1);
    const doc = room.doc;
    const changes: number[] = [];
    doc.on('update', () => changes.push(room.seq));
    for (let seq = 2; seq <= 20; seq++) expect(room.moveTo(seq)).toBe('forward');
    expect(room.doc).toBe(doc);
    expect(changes).toHaveLength(19);
    expect(room.moveTo(3)).toBe('rebuilt');
    expect(room.doc).not.toBe(doc);
  });

  it('starts from a state the server built, and plays on from it once later entries arrive', () => {
    const { log, states } = recordedSession(3000);
    const room = new RoomTimeline();
    room.resetTo({ seq: 2500, state: states[2500] as Uint8Array });
    expect(radiusOf(room.doc)).toBe(expected(states, 2500));
    expect(room.nextItem()).toBeUndefined();
    room.add(log.slice(2500, 2600));
    room.add(log.slice(2550, 2700));
    expect(room.nextItem()?.seq).toBe(2501);
    expect(room.moveTo(2690)).toBe('forward');
    expect(radiusOf(room.doc)).toBe(expected(states, 2690));
    // Back before the checkpoint: the entries there are not loaded.
    expect(room.moveTo(2400)).toBeNull();
    expect(room.moveTo(2520)).toBe('rebuilt');
    expect(radiusOf(room.doc)).toBe(expected(states, 2520));
  });
});

describe('BoardReplay', () => {
  it('moves both rooms to a time, or neither when one cannot get there', () => {
    const content = recordedFrames(30);
    const control = recordedSession(5);
    const replay = new BoardReplay();
    replay.content.add(content);
    replay.control.add(control.log.slice(0, 3));
    expect(replay.seek(2500)).toEqual({ content: 'forward', control: 'forward' });
    expect(replay.content.seq).toBe(2);
    expect(replay.control.seq).toBe(2);
    expect(replay.seek(20_000)).toBeNull();
    expect(replay.content.seq).toBe(2);
    replay.control.add(control.log.slice(3));
    replay.control.setEnd(5, 40_000);
    expect(replay.seek(20_000)).toEqual({ content: 'forward', control: 'forward' });
    expect([replay.content.seq, replay.control.seq]).toEqual([20, 5]);
    expect(replay.content.board.notes()).toHaveLength(1);
  });
});
