import { describe, expect, it } from 'vitest';
import { indexOfSeq, lastIndexAtOrBefore, mergeLogged } from './logged.ts';

const items = [
  { seq: 3, at: 100 },
  { seq: 4, at: 100 },
  { seq: 5, at: 250 },
  { seq: 8, at: 400 },
];

describe('logged items', () => {
  it('finds an item by position and the last one logged by a time', () => {
    expect(items.map((item) => indexOfSeq(items, item.seq))).toEqual([0, 1, 2, 3]);
    expect(indexOfSeq(items, 6)).toBe(-1);
    expect(indexOfSeq([], 1)).toBe(-1);
    expect([50, 100, 249, 250, 1000].map((t) => lastIndexAtOrBefore(items, t))).toEqual([-1, 1, 1, 2, 3]);
  });

  it('merges runs in position order, keeping what was there', () => {
    const kept = { seq: 4, at: 100, tag: 'kept' };
    const merged = mergeLogged(
      [{ seq: 3, at: 100, tag: 'a' }, kept],
      [
        { seq: 6, at: 300, tag: 'c' },
        { seq: 4, at: 100, tag: 'other' },
        { seq: 5, at: 250, tag: 'b' },
      ],
    );
    expect(merged.map((item) => item.seq)).toEqual([3, 4, 5, 6]);
    expect(merged[1]).toBe(kept);
    expect(mergeLogged([{ seq: 1, at: 1 }], [{ seq: 2, at: 2 }]).map((item) => item.seq)).toEqual([1, 2]);
  });
});
