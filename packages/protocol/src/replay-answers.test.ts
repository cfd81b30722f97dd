import { createNote, STEPS } from '@kompas/model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  parseBoardEvents,
  parseBoardFrames,
  parseBoardState,
  parseRecordingLog,
  parseRecordingPresence,
  parseRecordingState,
} from './replay-answers.ts';

/** A note as the model writes it, sent as JSON the way the server sends it. */
function plainNote() {
  const doc = new Y.Doc();
  const note = createNote(doc, {
    text: 'Buurtzorg',
    step: STEPS[0]?.id ?? '',
    author: { id: 'AAAAAAAAAAAAAAAAAAAAAA', name: 'Ans' },
  });
  return JSON.parse(JSON.stringify(note)) as Record<string, unknown>;
}

const meta = { title: 'Regio', task: 'Zorg', createdAt: 1, schemaVersion: 1 };

describe('parseBoardState', () => {
  const answer = (notes: Record<string, unknown>) => ({
    at: 10,
    seq: 2,
    state: { notes, votes: { v1: { voter: 'p1' } }, meta },
    start: 1,
    end: 9,
    endSeq: 3,
    now: 11,
  });

  it('accepts the board as the model writes its notes', () => {
    const note = plainNote();
    expect(parseBoardState(answer({ [note.id as string]: note }))).toEqual(
      answer({ [note.id as string]: note }),
    );
  });

  it('rejects a note of the wrong shape, naming the note and field', () => {
    const note = plainNote();
    expect(() => parseBoardState(answer({ n1: { ...note, color: 'black' } }))).toThrow(
      'board.state.notes.n1.color should be a note colour, got "black"',
    );
    expect(() => parseBoardState(answer({ n1: { ...note, pos: { r: 2, t: 0 } } }))).toThrow(
      'board.state.notes.n1.pos should be a position { r, t } from 0 to 1, got an object',
    );
  });

  it('accepts a recording with nothing logged yet', () => {
    const empty = { ...answer({}), start: null, end: null, state: { notes: {}, votes: {}, meta: null } };
    expect(parseBoardState(empty)).toEqual(empty);
  });
});

describe('parseBoardFrames', () => {
  it('accepts frames that add, remove and leave the meta alone', () => {
    const note = plainNote();
    const answer = {
      frames: [
        { seq: 1, at: 5, actor: 'p1', notes: { [note.id as string]: note }, votes: {}, meta },
        { seq: 2, at: 6, actor: 'p1', notes: { [note.id as string]: null }, votes: { v1: null } },
      ],
      more: false,
      now: 7,
    };
    expect(parseBoardFrames(answer)).toEqual(answer);
  });

  it('rejects frames that are not a list', () => {
    expect(() => parseBoardFrames({ frames: {}, more: false, now: 1 })).toThrow(
      'frames.frames should be an array, got an object',
    );
  });
});

describe('parseBoardEvents', () => {
  it('accepts note and vote events', () => {
    const answer = {
      events: [
        { at: 1, kind: 'note-added', actor: 'p1', name: 'Ans', text: 'Buurtzorg' },
        { at: 2, kind: 'vote', actor: 'p2' },
      ],
      now: 3,
    };
    expect(parseBoardEvents(answer)).toEqual(answer);
  });

  it('rejects an unknown kind of event', () => {
    expect(() => parseBoardEvents({ events: [{ at: 1, kind: 'shout', actor: 'p1' }], now: 3 })).toThrow(
      'events.events[0].kind should be one of note-added, vote, got "shout"',
    );
  });
});

describe('parseRecordingLog', () => {
  it('accepts the rooms asked for, leaving the others out', () => {
    const answer = {
      control: { entries: [{ seq: 1, at: 2, actor: 'p1', update: 'AAA=' }], more: true },
      now: 3,
    };
    expect(parseRecordingLog(answer)).toEqual(answer);
  });

  it('rejects an entry without its update', () => {
    expect(() =>
      parseRecordingLog({ content: { entries: [{ seq: 1, at: 2, actor: 'p1' }], more: false }, now: 3 }),
    ).toThrow('log.content.entries[0].update should be a string, got nothing');
  });
});

describe('parseRecordingState', () => {
  it('accepts both rooms, empty or not', () => {
    const answer = {
      at: 5,
      content: { seq: 2, state: 'AAA=' },
      control: { seq: 0, state: null },
      start: 1,
      end: 4,
      now: 6,
    };
    expect(parseRecordingState(answer)).toEqual(answer);
  });

  it('rejects a missing room', () => {
    expect(() =>
      parseRecordingState({ at: 5, content: { seq: 0, state: null }, start: null, end: null, now: 6 }),
    ).toThrow('state.control should be an object, got nothing');
  });
});

describe('parseRecordingPresence', () => {
  it('accepts present people and the samples after', () => {
    const answer = {
      present: [{ at: 1, client: 7, state: { user: { name: 'Ans' } } }],
      samples: [{ at: 2, client: 7, state: null }],
    };
    expect(parseRecordingPresence(answer)).toEqual(answer);
  });

  it('rejects a sample without its client', () => {
    expect(() => parseRecordingPresence({ present: [], samples: [{ at: 2, state: null }] })).toThrow(
      'presence.samples[0].client should be a number, got nothing',
    );
  });
});
