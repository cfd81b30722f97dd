import { findInvalidChange, findInvalidControlChange } from '@kompas/model';
import type { ChangeValidator } from '@kompas/relay';
import { BOARD_ID_PATTERN } from './board-id.ts';

/** `content`: the notes, written by facilitator and participants; `control`: facilitation, written by the facilitator. */
export type RoomKind = 'content' | 'control';

export interface Room {
  /** The y-websocket room name: `<boardId>` or `<boardId>.control`. */
  name: string;
  boardId: string;
  kind: RoomKind;
}

const CONTROL_SUFFIX = '.control';

export function parseRoom(name: string): Room | undefined {
  const kind: RoomKind = name.endsWith(CONTROL_SUFFIX) ? 'control' : 'content';
  const boardId = kind === 'control' ? name.slice(0, -CONTROL_SUFFIX.length) : name;
  return BOARD_ID_PATTERN.test(boardId) ? { name, boardId, kind } : undefined;
}

/** What the relay checks a room's writes against: the board model for content, facilitation for control. */
export function roomValidator(name: string): ChangeValidator | undefined {
  const kind = parseRoom(name)?.kind;
  if (kind === undefined) return undefined;
  return kind === 'content' ? findInvalidChange : findInvalidControlChange;
}
