import { describe, expect, it } from 'vitest';
import { initials, parsePeer, peopleList, withDistinctColors } from './presence.ts';

describe('parsePeer', () => {
  it('reads whom someone follows and the view a leader shows, bounded', () => {
    const peer = parsePeer(
      2,
      { user: { id: 'u', name: 'Fay' }, cursor: null, view: { x: 1, y: 2, radius: 300 } },
      1,
    );
    expect(peer?.view).toEqual({ x: 1, y: 2, radius: 300 });
    expect(peer?.following).toBeUndefined();
    const follower = parsePeer(3, { user: { id: 'v', name: 'Pim' }, following: 'u', view: { x: 0 } }, 1);
    expect(follower?.following).toBe('u');
    expect(follower?.view).toBeUndefined();
    expect(parsePeer(3, { user: { id: 'v', name: 'Pim' }, following: 42 }, 1)?.following).toBeUndefined();
  });

  it('reads a well-formed state', () => {
    const peer = parsePeer(
      7,
      { user: { id: 'u', name: ' Ann ', color: '#AABBCC' }, cursor: { x: 1, y: 2 } },
      3,
    );
    expect(peer).toEqual({
      clientId: 7,
      isSelf: false,
      user: { id: 'u', name: 'Ann', color: '#AABBCC' },
      cursor: { x: 1, y: 2 },
    });
  });

  it('drops states without a user or name', () => {
    expect(parsePeer(1, {}, 1)).toBeNull();
    expect(parsePeer(1, null, 1)).toBeNull();
    expect(parsePeer(1, { user: { id: 'u', name: '   ' } }, 1)).toBeNull();
  });

  it('bounds hostile values', () => {
    const peer = parsePeer(
      1,
      {
        user: { id: 'u', name: 'x'.repeat(500), color: 'url(javascript:1)' },
        cursor: { x: Number.NaN, y: 0 },
      },
      1,
    );
    expect(peer?.isSelf).toBe(true);
    expect(peer?.user.name.length).toBe(40);
    expect(peer?.user.color).toMatch(/^#[0-9a-f]{6}$/);
    expect(peer?.cursor).toBeNull();
    expect(parsePeer(1, { user: { id: 'u', name: 'a' }, cursor: { x: 1e9, y: 0 } }, 2)?.cursor).toBeNull();
  });
});

describe('peopleList', () => {
  const peer = (clientId: number, id: string, name: string, isSelf = false) => ({
    clientId,
    isSelf,
    user: { id, name, color: '#000000' },
    cursor: null,
  });

  it('lists yourself first, then by name, each person once', () => {
    const list = peopleList([
      peer(1, 'b', 'Bob'),
      peer(2, 'a', 'Ann'),
      peer(3, 'me', 'Zed', true),
      peer(4, 'b', 'Bob'),
    ]);
    expect(list.map((p) => p.user.name)).toEqual(['Zed', 'Ann', 'Bob']);
  });
});

describe('initials', () => {
  it('takes first and last initial', () => {
    expect(initials('ann de vries')).toBe('AV');
    expect(initials('Bob')).toBe('B');
    expect(initials('Émile Zola')).toBe('ÉZ');
  });

  it('takes the capitalised words of a Dutch name, passing over its lowercase prefixes', () => {
    expect(initials('Jan de Vries')).toBe('JV');
    expect(initials('Fatima El Amrani')).toBe('FA');
    expect(initials("Jan 't Hart")).toBe('JH');
    expect(initials("'t Hart")).toBe('H');
    expect(initials('Gerrit van der Berg')).toBe('GB');
  });

  it('ignores punctuation and what is added in brackets', () => {
    expect(initials('Ans.')).toBe('A');
    expect(initials('Anouk (gemeente)')).toBe('A');
    expect(initials('Anne-Marie (gemeente)')).toBe('AM');
    expect(initials('Piet Jansen [GGD]')).toBe('PJ');
    expect(initials('  "Kees",  Smit! ')).toBe('KS');
  });

  it('reads the brackets when there is nothing else, and gives nothing for no letters', () => {
    expect(initials('(gemeente)')).toBe('G');
    expect(initials('Team 2')).toBe('T2');
    expect(initials('?!')).toBe('');
    expect(initials('')).toBe('');
  });
});

describe('withDistinctColors', () => {
  const peer = (clientId: number, id: string, color: string) => ({
    clientId,
    isSelf: false,
    user: { id, name: id, color },
    cursor: null,
  });

  it('gives people who share a colour different ones, the same way for everyone', () => {
    const a = peer(1, 'a', '#e5484d');
    const b = peer(2, 'b', '#e5484d');
    const b2 = peer(3, 'b', '#e5484d');
    const result = withDistinctColors([b, a, b2]);
    const colorOf = (id: string) => result.find((p) => p.user.id === id)?.user.color;
    expect(colorOf('a')).toBe('#e5484d');
    expect(colorOf('b')).not.toBe('#e5484d');
    expect(result[0]?.user.color).toBe(result[2]?.user.color);
    expect(withDistinctColors([a, b]).map((p) => p.user.color)).toEqual(
      withDistinctColors([b, a])
        .reverse()
        .map((p) => p.user.color),
    );
  });

  it('leaves distinct colours alone', () => {
    const peers = [peer(1, 'a', '#e5484d'), peer(2, 'b', '#0090ff')];
    expect(withDistinctColors(peers)).toEqual(peers);
  });
});
