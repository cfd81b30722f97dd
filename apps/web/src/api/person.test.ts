import type { BoardInfo, JoinedPerson } from '@kompas/protocol';
import { describe, expect, it } from 'vitest';
import { keptPersonToken, recallPerson, rememberPerson, resolvePerson } from './person.ts';

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (name) => items.get(name) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (name) => void items.delete(name),
    setItem: (name, value) => void items.set(name, value),
  };
}

const info: BoardInfo = { id: 'board-1', title: 'Zorgregio', task: '', createdAt: 1, role: 'participant' };

describe('the person this browser is on a board', () => {
  it('joins once with the link and a name, then is the same person with the kept token', async () => {
    const storage = memoryStorage();
    const joins: string[] = [];
    const join = async (_board: string, token: string, name: string): Promise<JoinedPerson> => {
      joins.push(`${token}:${name}`);
      return {
        token: `person-${joins.length}`,
        person: { id: `p${joins.length}`, name, role: 'participant' },
      };
    };
    const lookup = { boardId: 'board-1', linkToken: 'invite', info, join, storage };
    expect(await resolvePerson({ ...lookup, name: '' })).toBeNull();
    expect(joins).toEqual([]);
    const first = await resolvePerson({ ...lookup, name: 'Ans' });
    expect(first).toEqual({ token: 'person-1', person: { id: 'p1', name: 'Ans', role: 'participant' } });
    expect(await resolvePerson({ ...lookup, name: 'Ans' })).toEqual(first);
    expect(joins).toEqual(['invite:Ans']);
    // Another role's link on the same board is another person.
    expect(recallPerson('board-1', 'facilitator', storage)).toBeUndefined();
    // Once the kept token is gone (storage cleared), the link makes a new person.
    storage.clear();
    expect((await resolvePerson({ ...lookup, name: 'Ans' }))?.person.id).toBe('p2');
  });

  it('is the person a person token stands for, without joining', async () => {
    const person = { id: 'p9', name: 'Bram', role: 'participant' as const };
    const join = async (): Promise<JoinedPerson> => {
      throw new Error('must not join');
    };
    const joined = await resolvePerson({
      boardId: 'board-1',
      linkToken: 'person-token',
      info: { ...info, person },
      name: '',
      join,
      storage: memoryStorage(),
    });
    expect(joined).toEqual({ token: 'person-token', person });
  });
});

describe('the bare board address on this device', () => {
  const joined = (role: 'facilitator' | 'participant', token: string): JoinedPerson => ({
    token,
    person: { id: `p-${role}`, name: 'Fenna', role },
  });

  it('opens with the person this browser joined as, the facilitator first', () => {
    const storage = memoryStorage();
    expect(keptPersonToken('board-1', storage)).toBeNull();
    rememberPerson('board-1', joined('participant', 'as-participant'), storage);
    expect(keptPersonToken('board-1', storage)).toBe('as-participant');
    rememberPerson('board-1', joined('facilitator', 'as-facilitator'), storage);
    expect(keptPersonToken('board-1', storage)).toBe('as-facilitator');
  });

  it('opens no other board', () => {
    const storage = memoryStorage();
    rememberPerson('board-1', joined('facilitator', 'as-facilitator'), storage);
    expect(keptPersonToken('board-2', storage)).toBeNull();
  });
});
