import type { ConnectionStatus, Refusal, RoomConnection } from '@kompas/client';
import {
  type BoardLock,
  type BoardMeta,
  type Facilitation,
  type FollowSession,
  getBoardMeta,
  getFacilitation,
  latestVotingRound,
  listMeetings,
  listNotes,
  type Meeting,
  meetingsType,
  type Note,
  observeBoardLock,
  observeBoardMeta,
  observeFacilitation,
  observeFollowSession,
  observeNotes,
  observeTimer,
  observeVotes,
  observeVotingRounds,
  type PhasePosition,
  PRIVATE_ROUND_KEY,
  type PrivateRound,
  readBoardLock,
  readFollowSession,
  readPrivateRound,
  readTimer,
  type TimerState,
  type VotingRound,
} from '@kompas/model';
import type * as Y from 'yjs';
import type { Binding } from './binding.ts';
import type { NoteUndo } from './note-undo.ts';
import { type Awareness, type Peer, readPeers } from './presence.ts';

/** The values of an open board that components show, each as a binding to the source it lives in. */

export interface ConnectionState {
  status: ConnectionStatus;
  synced: boolean;
  refusal: Refusal | null;
}

export const NOT_CONNECTED: ConnectionState = { status: 'connecting', synced: false, refusal: null };

/** A room connection's status, first sync and refusal. */
export const connectionState: Binding<RoomConnection, ConnectionState> = {
  watch(connection, changed) {
    const events = ['status', 'synced', 'refused'] as const;
    for (const event of events) connection.on(event, changed);
    return () => {
      for (const event of events) connection.off(event, changed);
    };
  },
  read: ({ status, synced, refusal }) => ({ status, synced, refusal }),
  same: (a, b) => a.status === b.status && a.synced === b.synced && a.refusal === b.refusal,
};

export interface UndoState {
  canUndo: boolean;
  canRedo: boolean;
}

export const NOTHING_TO_UNDO: UndoState = { canUndo: false, canRedo: false };

/** Whether this person's note history can undo or redo. */
export const undoState: Binding<NoteUndo, UndoState> = {
  watch: (undo, changed) => undo.onChange(changed),
  read: (undo) => ({ canUndo: undo.canUndo(), canRedo: undo.canRedo() }),
  same: (a, b) => a.canUndo === b.canUndo && a.canRedo === b.canRedo,
};

/** A board document's title and task, which can arrive after the first render. */
export const boardMeta: Binding<Y.Doc, BoardMeta | undefined> = {
  watch: observeBoardMeta,
  read: getBoardMeta,
};

/** The notes of a board document (the board's or the drafts'). */
export const noteList: Binding<Y.Doc, Note[]> = {
  watch: (doc, changed) => observeNotes(doc, () => changed()),
  read: listNotes,
};

/** The board's meetings, oldest first: re-read only when one is started. */
export const meetingList: Binding<Y.Doc, Meeting[]> = {
  watch(control, changed) {
    const type = meetingsType(control);
    const observer = () => changed();
    type.observe(observer);
    return () => type.unobserve(observer);
  },
  read: listMeetings,
};

/** Where the group is on the circle, and whether the control room has synced once (since then, moves are news). */
export interface FacilitationReading {
  facilitation: Facilitation | undefined;
  loaded: boolean;
}

export const NO_FACILITATION: FacilitationReading = { facilitation: undefined, loaded: false };

export const facilitationState: Binding<RoomConnection, FacilitationReading> = {
  watch(connection, changed) {
    const unsubscribe = observeFacilitation(connection.doc, changed);
    connection.on('synced', changed);
    return () => {
      unsubscribe();
      connection.off('synced', changed);
    };
  },
  read: (connection, previous) => ({
    facilitation: getFacilitation(connection.doc),
    // Before the first sync the document is empty, so the first state it receives is no move.
    loaded: previous.loaded || connection.synced,
  }),
  same: (a, b) => a.facilitation === b.facilitation && a.loaded === b.loaded,
};

/** Where the group is, or null before the facilitator has started the workshop. */
export function positionOf(facilitation: Facilitation | undefined): PhasePosition | null {
  return facilitation?.started ? { phase: facilitation.phase, round: facilitation.round } : null;
}

/**
 * Where the group moved between two readings, from here or elsewhere; null for none, and for the state that
 * arrives with the first sync, which is where the group already was when this person came in.
 */
export function movedTo(previous: FacilitationReading, next: FacilitationReading): PhasePosition | null {
  const before = previous.facilitation;
  const after = next.facilitation;
  if (!previous.loaded || !before || !after?.started) return null;
  const same =
    before.started === after.started && before.phase === after.phase && before.round === after.round;
  return same ? null : positionOf(after);
}

/** The board's lock, from the control document. */
export const boardLock: Binding<Y.Doc, BoardLock> = {
  watch: observeBoardLock,
  read: readBoardLock,
};

/** The workshop timer, from the control room. */
export const timerState: Binding<RoomConnection, TimerState | undefined> = {
  watch: (connection, changed) => observeTimer(connection.doc, changed),
  read: (connection) => readTimer(connection.doc),
};

/** The board's private round (running or revealed), from the control document. */
export const privateRound: Binding<Y.Doc, PrivateRound | null> = {
  watch(doc, changed) {
    const rounds = doc.getMap(PRIVATE_ROUND_KEY);
    rounds.observe(changed);
    return () => rounds.unobserve(changed);
  },
  read: readPrivateRound,
};

/** Whether a silent brainstorm runs: its round has not been revealed yet. */
export function isRunning(round: PrivateRound | null): boolean {
  return round !== null && round.revealedAt === undefined;
}

/** Who leads "bring everyone to my view" now, from the control document. */
export const followSession: Binding<Y.Doc, FollowSession | null> = {
  watch: observeFollowSession,
  read: readFollowSession,
};

/** The board's latest voting round, from the control document. */
export const latestRound: Binding<Y.Doc, VotingRound | null> = {
  watch: observeVotingRounds,
  read: latestVotingRound,
};

/** A count that goes up whenever a board's votes or notes change, for values derived from both. */
export const votesAndNotes: Binding<Y.Doc, number> = {
  watch(doc, changed) {
    const offVotes = observeVotes(doc, changed);
    const offNotes = observeNotes(doc, () => changed());
    return () => {
      offVotes();
      offNotes();
    };
  },
  read: (_doc, previous) => previous + 1,
};

/** Everyone present, as their awareness says: read anew on every change, a cursor's move included. */
export const peers: Binding<Awareness, Peer[]> = {
  watch(awareness, changed) {
    awareness.on('change', changed);
    return () => awareness.off('change', changed);
  },
  read: readPeers,
};
