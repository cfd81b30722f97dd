import * as Y from 'yjs';
import { type BoardMeta, initBoard } from './board.ts';
import { createNote, type Note, roundFields } from './note.ts';
import { LOCAL_ORIGIN } from './origins.ts';
import { countedVotes, type PlacedVote, type VotingRound, votesOfRound, votesType } from './voting.ts';

/**
 * A board room as a replay shows it, in plain values: the notes, the votes, the title and task. A replay
 * seeks by copying such states and plays forward by frames (what each logged update changed), rather than by
 * loading Yjs states: a room's Yjs state keeps a record of every value ever overwritten, so after a long
 * session loading one takes hundreds of milliseconds, while a plain state is as big as the board looks.
 */
export interface BoardState {
  notes: Record<string, Note>;
  votes: Record<string, unknown>;
  meta: BoardMeta | null;
}

/** What one logged update of a board room changed, in plain values; null for what it removed. */
export interface BoardFrame {
  /** Log position and server time of the update, and who sent it. */
  seq: number;
  at: number;
  actor: string;
  notes: Record<string, Note | null>;
  votes: Record<string, unknown>;
  /** Present when the update changed the title or task. */
  meta?: BoardMeta | null;
}

/**
 * Something done on the board that a replay marks on its timeline: a note added or a vote placed, at the
 * server's time, by whom. Found while indexing frames, so notes deleted since are found too.
 */
export interface BoardEvent {
  at: number;
  kind: 'note-added' | 'vote';
  /** The person's id. */
  actor: string;
  /** The author's name, for a note. */
  name?: string;
  /** The note's text, for a note. */
  text?: string;
}

/** The events a frame brings, given the state before it. */
export function frameEvents(before: BoardState, frame: BoardFrame): BoardEvent[] {
  const events: BoardEvent[] = [];
  for (const [id, note] of Object.entries(frame.notes)) {
    if (note && !(id in before.notes)) {
      events.push({
        at: frame.at,
        kind: 'note-added',
        actor: note.authorId,
        name: note.authorName,
        text: note.text,
      });
    }
  }
  for (const [id, vote] of Object.entries(frame.votes)) {
    const voter = (vote as { voter?: unknown } | null)?.voter;
    if (vote && !(id in before.votes) && typeof voter === 'string') {
      events.push({ at: frame.at, kind: 'vote', actor: voter });
    }
  }
  return events;
}

export function emptyBoardState(): BoardState {
  return { notes: {}, votes: {}, meta: null };
}

/** Notes, votes and meta are replaced, never changed in place: a shallow copy is a full one. */
export function copyBoardState(state: BoardState): BoardState {
  return { notes: { ...state.notes }, votes: { ...state.votes }, meta: state.meta };
}

/** Applies a frame to a plain state, in place. */
export function applyFrame(state: BoardState, frame: BoardFrame): void {
  for (const [id, note] of Object.entries(frame.notes)) {
    if (note) state.notes[id] = note;
    else delete state.notes[id];
  }
  for (const [id, vote] of Object.entries(frame.votes)) {
    if (vote === null || vote === undefined) delete state.votes[id];
    else state.votes[id] = vote;
  }
  if (frame.meta !== undefined) state.meta = frame.meta;
}

/** A new document showing `state`: for a report of the board at some time, which nobody writes to. */
export function boardDocFromState(state: BoardState): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    if (state.meta) {
      const { title, task, createdAt } = state.meta;
      initBoard(doc, { title, task, createdAt });
    }
    for (const note of Object.values(state.notes)) {
      const { id, text, step, pos, color, authorId, authorName, createdAt } = note;
      createNote(
        doc,
        { id, text, step, pos, color, author: { id: authorId, name: authorName }, ...roundFields(note) },
        { now: createdAt },
      );
    }
    const votes = votesType(doc);
    for (const [id, vote] of Object.entries(state.votes)) votes.set(id, vote);
  }, LOCAL_ORIGIN);
  return doc;
}

/** The votes that count in `round` on a board in plain values, as roundVotes reads them from a document. */
export function stateRoundVotes(state: BoardState, round: VotingRound): PlacedVote[] {
  return countedVotes(votesOfRound(Object.entries(state.votes), round.id), Object.values(state.notes), round);
}
