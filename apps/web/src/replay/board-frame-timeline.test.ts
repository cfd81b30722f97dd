import { type BoardFrame, emptyBoardState, type Note } from '@kompas/model';
import { describe, expect, it } from 'vitest';
import type { NoteChanges } from '../core/note-source.ts';
import { BoardFrameTimeline } from './board-frame-timeline.ts';

function note(id: string, text: string, r: number, createdAt: number): Note {
  return {
    id,
    text,
    step: 'richten.belangen',
    phase: 'richten',
    pos: { r, t: 0.5 },
    color: 'yellow',
    authorId: 'ans',
    authorName: 'Ans',
    createdAt,
    updatedAt: createdAt,
  };
}

const vote = { round: 'r1', voter: 'ans', note: 'b', at: 5000 };

/** A added, moved, B added, A deleted, a vote on B: one frame a second from t = 1000. */
const FRAMES: BoardFrame[] = [
  { seq: 1, at: 1000, actor: 'participant:1', notes: { a: note('a', 'Water', 0.3, 1000) }, votes: {} },
  { seq: 2, at: 2000, actor: 'participant:1', notes: { a: note('a', 'Water', 0.8, 1000) }, votes: {} },
  { seq: 3, at: 3000, actor: 'participant:2', notes: { b: note('b', 'Green', 0.5, 3000) }, votes: {} },
  { seq: 4, at: 4000, actor: 'participant:1', notes: { a: null }, votes: {} },
  { seq: 5, at: 5000, actor: 'participant:2', notes: {}, votes: { v1: vote } },
];

const shown = (timeline: BoardFrameTimeline) =>
  timeline.board.notes().map(({ note }) => `${note.id}:${note.text}@${note.pos.r}`);

describe('BoardFrameTimeline', () => {
  it('plays frames forward on the board shown and rebuilds from a plain state to go back', () => {
    const timeline = new BoardFrameTimeline();
    timeline.add(FRAMES);
    timeline.setEnd(5, 6000);
    expect(timeline.seqAt(500)).toBe(0);
    expect(timeline.seqAt(2500)).toBe(2);
    expect(timeline.seqAt(5500)).toBe(5);

    expect(timeline.moveTo(2, 100)).toBe('forward');
    expect(shown(timeline)).toEqual(['a:Water@0.8']);
    expect(timeline.moveTo(5, 100)).toBe('forward');
    expect(shown(timeline)).toEqual(['b:Green@0.5']);
    expect(timeline.board.state.votes.v1).toEqual(vote);

    expect(timeline.moveTo(1, 100)).toBe('rebuilt');
    expect(shown(timeline)).toEqual(['a:Water@0.3']);
    expect(timeline.board.state.votes).toEqual({});
  });

  it('starts from a state the server sent, and cannot reach back before it without the frames', () => {
    const timeline = new BoardFrameTimeline();
    const state = emptyBoardState();
    state.notes.a = note('a', 'Water', 0.8, 1000);
    state.notes.b = note('b', 'Green', 0.5, 3000);
    timeline.resetTo({ seq: 3, state });
    timeline.add(FRAMES.slice(3));
    expect(shown(timeline)).toEqual(['a:Water@0.8', 'b:Green@0.5']);
    expect(timeline.seqAt(2500)).toBeNull();
    expect(timeline.moveTo(1, 100)).toBeNull();
    expect(timeline.moveTo(4, 100)).toBe('forward');
    expect(shown(timeline)).toEqual(['b:Green@0.5']);
    // Too many frames ahead for one move: the caller asks the server instead.
    expect(timeline.canReach(5, 0)).toBe(false);
  });
});

/** B added, A added (older, so stacked below B), A moved, B deleted: one frame a second. */
const ADDED_AND_MOVED: BoardFrame[] = [
  { seq: 1, at: 1000, actor: 'p:1', notes: { b: note('b', 'b', 0.5, 500) }, votes: {} },
  { seq: 2, at: 2000, actor: 'p:1', notes: { a: note('a', 'a', 0.3, 100) }, votes: {} },
  { seq: 3, at: 3000, actor: 'p:1', notes: { a: note('a', 'a', 0.8, 100) }, votes: {} },
  { seq: 4, at: 4000, actor: 'p:2', notes: { b: null }, votes: {} },
];

function replayed() {
  const timeline = new BoardFrameTimeline();
  timeline.add(ADDED_AND_MOVED);
  timeline.setEnd(4, 5000);
  const heard: NoteChanges[] = [];
  timeline.board.subscribe((changes) => heard.push(changes));
  return { timeline, heard };
}

describe('ReplayNoteSource', () => {
  it('tells the notes each frame played forward touched, and stacks them as the live board does', () => {
    const { timeline, heard } = replayed();
    timeline.moveTo(2);
    expect(timeline.board.notes().map(({ note }) => note.id)).toEqual(['a', 'b']);
    timeline.moveTo(3);
    timeline.moveTo(4);
    expect(heard).toEqual([
      { added: ['b', 'a'], updated: [], removed: [] },
      { added: [], updated: ['a'], removed: [] },
      { added: [], updated: [], removed: ['b'] },
    ]);
    expect(timeline.board.get('a')).toEqual({ note: note('a', 'a', 0.8, 100), draft: false });
  });

  it('tells only what differs when seeking back rebuilds the board', () => {
    const { timeline, heard } = replayed();
    timeline.moveTo(3);
    heard.length = 0;
    expect(timeline.moveTo(2)).toBe('rebuilt');
    expect(heard).toEqual([{ added: [], updated: ['a'], removed: [] }]);
    expect(timeline.board.get('a')?.note.pos.r).toBe(0.3);
    timeline.moveTo(4);
    heard.length = 0;
    expect(timeline.moveTo(1)).toBe('rebuilt');
    expect(heard).toEqual([{ added: ['b'], updated: [], removed: ['a'] }]);
    expect(timeline.board.notes().map(({ note }) => note.id)).toEqual(['b']);
  });
});
