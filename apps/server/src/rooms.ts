import { findInvalidChange, findInvalidControlChange } from '@kompas/model';
import type { ChangeValidator } from '@kompas/relay';
import { BOARD_ID_PATTERN } from './board-id.ts';

/**
 * `content`: the notes, written by facilitators and participants; `control`: facilitation, written by
 * facilitators; `drafts`: notes of a private brainstorm, which participants add to without reading the room,
 * so that only their author and the facilitators see them until they are revealed.
 */
export type RoomKind = 'content' | 'control' | 'drafts';

export interface Room {
  /** The y-websocket room name: `<boardId>`, `<boardId>.control` or `<boardId>.drafts`. */
  name: string;
  boardId: string;
  kind: RoomKind;
}

const SUFFIXES: readonly [string, RoomKind][] = [
  ['.control', 'control'],
  ['.drafts', 'drafts'],
];

export function parseRoom(name: string): Room | undefined {
  const [suffix, kind] = SUFFIXES.find(([candidate]) => name.endsWith(candidate)) ?? ['', 'content'];
  const boardId = name.slice(0, name.length - suffix.length);
  return BOARD_ID_PATTERN.test(boardId) ? { name, boardId, kind } : undefined;
}

/** What the relay checks a room's writes against: the board model for notes, facilitation for control. */
export function roomValidator(name: string): ChangeValidator | undefined {
  const kind = parseRoom(name)?.kind;
  if (kind === undefined) return undefined;
  return kind === 'control' ? findInvalidControlChange : findInvalidChange;
}

/** Every room of a board: they share its budget of stored bytes. */
export function boardRooms(boardId: string): string[] {
  return [boardId, ...SUFFIXES.map(([suffix]) => `${boardId}${suffix}`)];
}
