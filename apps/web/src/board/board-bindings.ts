import type { Refusal } from '@kompas/client';
import { NO_LOCK, type PhasePosition } from '@kompas/model';
import type { ReactiveControllerHost } from 'lit';
import { peopleWithAway } from '../core/away-people.ts';
import type { BoardSession } from '../core/board-session.ts';
import {
  boardLock,
  boardMeta,
  connectionState,
  facilitationState,
  movedTo,
  NO_FACILITATION,
  NOT_CONNECTED,
  NOTHING_TO_UNDO,
  privateRound,
  undoState,
} from '../core/board-values.ts';
import { NO_PENDING_NOTES, pendingNotes } from '../core/pending-notes.ts';
import { planMoveState } from '../core/plan-state.ts';
import { BoundValue } from '../ui/bound-value.ts';

/** The values of an open board that the page shows, each bound to the part of the session it lives in. */
export class BoardBindings {
  readonly connection: BoundValue<BoardSession['connection'], typeof NOT_CONNECTED>;
  readonly controlConnection: BoundValue<BoardSession['connection'], typeof NOT_CONNECTED>;
  readonly draftsConnection: BoundValue<BoardSession['connection'], typeof NOT_CONNECTED>;
  readonly undo;
  readonly meta;
  readonly facilitation;
  readonly privateRound;
  readonly presence;
  readonly lock;
  /** The notes with changes the server has not stored yet. */
  readonly pendingNotes;
  /** What Next does by the meeting's plan. */
  readonly planMove;

  /** `onMove`: the group moved to another phase or round, from here or elsewhere. */
  constructor(
    host: ReactiveControllerHost,
    session: () => BoardSession | undefined,
    onMove: (position: PhasePosition) => void,
  ) {
    this.connection = new BoundValue(host, () => session()?.connection, connectionState, NOT_CONNECTED);
    this.controlConnection = new BoundValue(
      host,
      () => session()?.controlConnection,
      connectionState,
      NOT_CONNECTED,
    );
    this.draftsConnection = new BoundValue(
      host,
      () => session()?.draftsConnection ?? undefined,
      connectionState,
      NOT_CONNECTED,
    );
    this.undo = new BoundValue(host, () => session()?.undo, undoState, NOTHING_TO_UNDO);
    this.meta = new BoundValue(host, () => session()?.doc, boardMeta, undefined);
    this.facilitation = new BoundValue(
      host,
      () => session()?.controlConnection,
      facilitationState,
      NO_FACILITATION,
      {
        onChange: (next, previous) => {
          const moved = movedTo(previous, next);
          if (moved) onMove(moved);
        },
      },
    );
    this.privateRound = new BoundValue(host, () => session()?.controlDoc, privateRound, null);
    this.presence = new BoundValue(host, () => session()?.connection.awareness, peopleWithAway(), []);
    this.lock = new BoundValue(host, () => session()?.controlDoc, boardLock, NO_LOCK);
    this.pendingNotes = new BoundValue(host, session, pendingNotes, NO_PENDING_NOTES);
    this.planMove = new BoundValue(host, () => session()?.controlDoc, planMoveState, null);
  }

  /** The server's refusal of any of the board's rooms: the board cannot be used without all three. */
  get refusal(): Refusal | null {
    return (
      this.connection.value.refusal ??
      this.controlConnection.value.refusal ??
      this.draftsConnection.value.refusal
    );
  }
}
