import { describe, expect, it } from 'vitest';
import { compareStacking } from './note-stacking.ts';

describe('compareStacking', () => {
  it('puts older notes below newer ones', () => {
    const notes = [
      { id: 'c', createdAt: 30 },
      { id: 'a', createdAt: 10 },
      { id: 'b', createdAt: 20 },
    ];
    expect(notes.sort(compareStacking).map((note) => note.id)).toEqual(['a', 'b', 'c']);
  });

  it('orders notes made at the same moment by id, so every client stacks them alike', () => {
    const notes = [
      { id: 'n2', createdAt: 5 },
      { id: 'n10', createdAt: 5 },
      { id: 'n1', createdAt: 5 },
    ];
    expect(notes.sort(compareStacking).map((note) => note.id)).toEqual(['n1', 'n10', 'n2']);
    expect(compareStacking({ id: 'x', createdAt: 1 }, { id: 'x', createdAt: 1 })).toBe(0);
  });
});
