import { type BoardInfo, parseBoardInfo } from '@kompas/protocol';

/**
 * The last board info the server gave, so a board whose notes are kept on this device (IndexedDB) can
 * also open while the server is unreachable.
 */
function key(boardId: string): string {
  return `kompas:board:${boardId}`;
}

export function rememberBoardInfo(info: BoardInfo, storage: Pick<Storage, 'setItem'> = localStorage): void {
  try {
    storage.setItem(key(info.id), JSON.stringify(info));
  } catch {
    // Only offline opening depends on it.
  }
}

export function recallBoardInfo(
  boardId: string,
  storage: Pick<Storage, 'getItem'> = localStorage,
): BoardInfo | undefined {
  try {
    const info = parseBoardInfo(JSON.parse(storage.getItem(key(boardId)) ?? 'null'));
    return info.id === boardId ? info : undefined;
  } catch {
    return undefined;
  }
}
