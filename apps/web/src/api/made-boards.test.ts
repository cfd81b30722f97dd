import type { CreatedBoard } from '@kompas/protocol';
import { describe, expect, it } from 'vitest';
import { MADE_BOARDS_KEPT, type MadeBoard, madeBoards, rememberMadeBoard } from './made-boards.ts';

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  };
}

function made(id: string, title = `Workshop ${id}`): MadeBoard {
  const links = {
    facilitator: `/b/${id}#token=f`,
    participant: `/b/${id}#token=p`,
    observer: `/b/${id}#token=o`,
  };
  const created: CreatedBoard = { id, links, tokens: { facilitator: 'f', participant: 'p', observer: 'o' } };
  return { title, createdAt: 1_700_000_000_000, created };
}

describe('the boards made on this device', () => {
  it('lists a remembered board with its links, newest first, after the page is loaded again', () => {
    const storage = memoryStorage();
    rememberMadeBoard(made('a', 'Zorgregio West'), storage);
    rememberMadeBoard(made('b'), storage);
    const listed = madeBoards(storage);
    expect(listed.map((board) => board.created.id)).toEqual(['b', 'a']);
    expect(listed[1]).toEqual(made('a', 'Zorgregio West'));
  });

  it('keeps a board once, at the front when remembered again', () => {
    const storage = memoryStorage();
    rememberMadeBoard(made('a'), storage);
    rememberMadeBoard(made('b'), storage);
    rememberMadeBoard(made('a', 'Nieuwe titel'), storage);
    expect(madeBoards(storage).map((board) => board.title)).toEqual(['Nieuwe titel', 'Workshop b']);
  });

  it(`keeps the newest ${MADE_BOARDS_KEPT}`, () => {
    const storage = memoryStorage();
    for (let i = 0; i <= MADE_BOARDS_KEPT; i += 1) rememberMadeBoard(made(`b${i}`), storage);
    const ids = madeBoards(storage).map((board) => board.created.id);
    expect(ids).toHaveLength(MADE_BOARDS_KEPT);
    expect(ids[0]).toBe(`b${MADE_BOARDS_KEPT}`);
    expect(ids).not.toContain('b0');
  });

  it('skips what is not a board, and reads nothing from what is not a list', () => {
    const broken = [{ title: 'x' }, 5, made('ok'), { ...made('bad'), created: { id: 'bad' } }];
    expect(madeBoards(memoryStorage({ 'kompas:made-boards': JSON.stringify(broken) }))).toEqual([made('ok')]);
    expect(madeBoards(memoryStorage({ 'kompas:made-boards': '{"a":1}' }))).toEqual([]);
    expect(madeBoards(memoryStorage({ 'kompas:made-boards': 'not json' }))).toEqual([]);
  });

  it('still works when storage refuses to keep anything', () => {
    const full = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(() => rememberMadeBoard(made('a'), full)).not.toThrow();
    expect(madeBoards(full)).toEqual([]);
  });
});
