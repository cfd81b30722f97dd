import { describe, expect, it } from 'vitest';
import { cacheRatioFor } from './cache-tier.ts';

describe('cacheRatioFor', () => {
  it('picks the smallest sharp enough tier', () => {
    expect(cacheRatioFor(0.2, 1)).toBe(0.25);
    expect(cacheRatioFor(0.35, 1)).toBe(0.5);
    expect(cacheRatioFor(0.35, 2)).toBe(1);
    expect(cacheRatioFor(1, 1)).toBe(1);
    expect(cacheRatioFor(1.1, 1)).toBe(1);
    expect(cacheRatioFor(1.5, 1)).toBe(2);
  });

  it('stops caching when zoomed far in', () => {
    expect(cacheRatioFor(3, 1)).toBeNull();
    expect(cacheRatioFor(1.5, 2)).toBeNull();
  });
});
