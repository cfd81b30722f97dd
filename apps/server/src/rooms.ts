import {
  findInvalidControlChange,
  findMalformedControlUpdate,
  findRefusedBoardUpdate,
  findRefusedChange,
  type WriteRefusal,
} from '@kompas/model';
import {
  CloseCode,
  isRole,
  parseRoomName,
  ROOM_KINDS,
  type Role,
  type RoomKind,
  roomName,
} from '@kompas/protocol';
import type { ChangeValidator, Refusal, UpdatePrecheck, Writer } from '@kompas/relay';
import { BOARD_ID_PATTERN } from './board-id.ts';
import type { People } from './people.ts';

export interface Room {
  /** The y-websocket room name (see roomName). */
  name: string;
  boardId: string;
  kind: RoomKind;
}

/** The writer as the board's rules know them. Only the server names writers; a role it does not know is an observer's. */
function boardWriter({ person, role }: Writer): { person: string; role: Role } {
  return { person, role: isRole(role) ? role : 'observer' };
}

/** The model's refusal as the relay closes on it: 4422 with the reason, or 4429 past a budget. */
function relayRefusal(refusal: WriteRefusal | null): string | Refusal | null {
  if (refusal === null) return null;
  return refusal.overBudget ? { reason: refusal.reason, code: CloseCode.overBudget } : refusal.reason;
}

/** The room a name stands for, or undefined when its board id is not one this server issues. */
export function parseRoom(name: string): Room | undefined {
  const { boardId, kind } = parseRoomName(name);
  return BOARD_ID_PATTERN.test(boardId) ? { name, boardId, kind } : undefined;
}

/**
 * The check of a room's writes from the update and the room as it is, before the write is applied to the room's
 * document: what it refuses costs no rebuild of the document.
 */
export function roomPrecheck(maxNotes: number): (name: string) => UpdatePrecheck | undefined {
  return (name) => {
    const kind = parseRoom(name)?.kind;
    if (kind === undefined) return undefined;
    if (kind === 'control') return (update, _writer, room) => findMalformedControlUpdate(update, room);
    return (update, writer, room, control) =>
      relayRefusal(
        findRefusedBoardUpdate(update, { writer: boardWriter(writer), known: room, control, maxNotes }),
      );
  };
}

/** The room whose state the rules for a room's notes need: the board's facilitation state (lock, voting). */
export function companionRoom(name: string): string | undefined {
  const room = parseRoom(name);
  return room && room.kind !== 'control' ? roomName(room.boardId, 'control') : undefined;
}

export interface RoomRules {
  people: People;
  /** Most notes (and, apart, drafts) one board may hold. */
  maxNotes: number;
}

/**
 * What the relay checks a room's writes against: for notes and drafts, the model's rules of who may write what,
 * with the writer's name from the people registry; for facilitation, its shapes (only facilitators write there).
 */
export function roomValidator(rules: RoomRules): (name: string) => ChangeValidator | undefined {
  return (name) => {
    const room = parseRoom(name);
    if (room === undefined) return undefined;
    if (room.kind === 'control') {
      // Others only read this room and their writes are dropped; should that ever fail, they are refused here.
      return (doc, transaction, attempt) =>
        attempt.writer.role === 'facilitator'
          ? findInvalidControlChange(doc, transaction)
          : 'only facilitators write the facilitation state';
    }
    return (doc, transaction, attempt) => {
      const writer = boardWriter(attempt.writer);
      const refusal = findRefusedChange(doc, transaction, {
        writer: { ...writer, name: rules.people.get(room.boardId, writer.person)?.name },
        control: attempt.companion,
        maxNotes: rules.maxNotes,
      });
      return relayRefusal(refusal);
    };
  };
}

/** Every room of a board: they share its budget of stored bytes. */
export function boardRooms(boardId: string): string[] {
  return ROOM_KINDS.map((kind) => roomName(boardId, kind));
}
