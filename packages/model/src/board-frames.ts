import * as Y from 'yjs';
import { type BoardMeta, boardMetaChangedBy, getBoardMeta, initBoard, metaType } from './board.ts';
import { createNote, getNote, type Note, notesChangedBy, notesType, roundFields } from './note.ts';
import { LOCAL_ORIGIN } from './origins.ts';
import { schemaType } from './schema.ts';
import {
  countedVotes,
  type PlacedVote,
  readStoredVote,
  type VotingRound,
  votesOfRound,
  votesType,
} from './voting.ts';

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

/** A frame without its position, time and actor: what a change did. */
export type FrameChanges = Omit<BoardFrame, 'seq' | 'at' | 'actor'>;

/**
 * Makes `doc` ready for frameChangesOf, before updates are applied to it: Yjs describes the changes of a
 * type only once the type is defined; one first met in an update stays a generic type until it is read,
 * and what a transaction did to it meanwhile is not told.
 */
export function defineFrameTypes(doc: Y.Doc): void {
  notesType(doc);
  votesType(doc);
  metaType(doc);
  schemaType(doc);
}

/**
 * What a transaction of a board's document changed, as a frame's plain values read from the document: only
 * right after it, while the document holds nothing later (in its 'update' event, where the transaction's
 * events still tell what changed), and only for a document made ready with defineFrameTypes.
 */
export function frameChangesOf(doc: Y.Doc, transaction: Y.Transaction): FrameChanges {
  const changes: FrameChanges = { notes: {}, votes: {} };
  for (const id of notesChangedBy(doc, transaction)) changes.notes[id] = getNote(doc, id) ?? null;
  const changed: ReadonlyMap<unknown, Set<string | null>> = transaction.changed;
  for (const id of changed.get(votesType(doc)) ?? []) {
    if (id === null) continue;
    // Read as the board's readers read it: only the fields the model knows, whatever else is stored beside them.
    const vote = readStoredVote(doc, id);
    changes.votes[id] = vote ? { round: vote.round, voter: vote.voter, note: vote.note, at: vote.at } : null;
  }
  if (boardMetaChangedBy(doc, transaction)) changes.meta = getBoardMeta(doc) ?? null;
  return changes;
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
