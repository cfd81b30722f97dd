import { describe, expect, it } from 'vitest';
import { parseRoomName, ROOM_KINDS, roomName } from './room-names.ts';

describe('room names', () => {
  it('names a board’s rooms after its id', () => {
    expect(roomName('b1', 'content')).toBe('b1');
    expect(roomName('b1', 'control')).toBe('b1.control');
    expect(roomName('b1', 'drafts')).toBe('b1.drafts');
  });

  it('reads back the board and kind of every room it names', () => {
    for (const kind of ROOM_KINDS)
      expect(parseRoomName(roomName('b1', kind))).toEqual({ boardId: 'b1', kind });
  });

  it('takes only the last suffix, leaving the rest to the board id', () => {
    expect(parseRoomName('b1.control.control')).toEqual({ boardId: 'b1.control', kind: 'control' });
    expect(parseRoomName('.drafts')).toEqual({ boardId: '', kind: 'drafts' });
  });
});
