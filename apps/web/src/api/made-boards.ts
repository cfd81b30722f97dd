import { type CreatedBoard, parseCreatedBoard } from '@kompas/protocol';

/**
 * The workshops created on this device, with their invite links, so that the facilitator finds them again on
 * the front page: the links are shown once when a board is made, and a facilitator often comes back for them.
 * Kept in localStorage, where this device already keeps its people's tokens; nothing here leaves the device.
 */
export interface MadeBoard {
  title: string;
  createdAt: number;
  created: CreatedBoard;
}

const KEY = 'kompas:made-boards';
/** The newest boards kept; older ones drop off the list (their links still work where they were shared). */
export const MADE_BOARDS_KEPT = 20;

/** The boards made on this device, newest first; anything kept that is not a board is skipped. */
export function madeBoards(storage: Pick<Storage, 'getItem'> = localStorage): MadeBoard[] {
  let kept: unknown;
  try {
    kept = JSON.parse(storage.getItem(KEY) ?? '[]');
  } catch {
    return [];
  }
  if (!Array.isArray(kept)) return [];
  return kept.flatMap((entry) => {
    const board = readMadeBoard(entry);
    return board ? [board] : [];
  });
}

/** Adds a board just made to the front of the list (once, however often it is remembered). */
export function rememberMadeBoard(
  board: MadeBoard,
  storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage,
): void {
  const others = madeBoards(storage).filter((kept) => kept.created.id !== board.created.id);
  try {
    storage.setItem(KEY, JSON.stringify([board, ...others].slice(0, MADE_BOARDS_KEPT)));
  } catch {
    // Storage full or disabled: the links are still on screen, only the front page will not list them.
  }
}

function readMadeBoard(entry: unknown): MadeBoard | undefined {
  if (typeof entry !== 'object' || entry === null) return undefined;
  const { title, createdAt, created } = entry as Record<string, unknown>;
  if (typeof title !== 'string' || typeof createdAt !== 'number') return undefined;
  try {
    return { title, createdAt, created: parseCreatedBoard(created) };
  } catch {
    return undefined;
  }
}
