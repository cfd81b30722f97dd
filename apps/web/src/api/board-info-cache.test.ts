import { describe, expect, it } from 'vitest';
import { recallBoardInfo, rememberBoardInfo } from './board-info-cache.ts';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
  };
}

describe('board info cache', () => {
  it('recalls what was remembered, per board', () => {
    const storage = memoryStorage();
    const info = { id: 'b1', title: 'T', task: 'J', createdAt: 1, role: 'participant' as const };
    rememberBoardInfo(info, storage);
    expect(recallBoardInfo('b1', storage)).toEqual(info);
    expect(recallBoardInfo('b2', storage)).toBeUndefined();
  });

  it('ignores damaged entries', () => {
    const storage = memoryStorage();
    storage.setItem('kompas:board:b1', '{not json');
    expect(recallBoardInfo('b1', storage)).toBeUndefined();
  });
});
