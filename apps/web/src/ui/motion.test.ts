import { describe, expect, it } from 'vitest';
import { glideShare, motionSeconds } from './motion.ts';

describe('motion', () => {
  it('animates for as long as asked unless reduced motion is asked for', () => {
    expect(motionSeconds(0.18, false)).toBe(0.18);
    expect(motionSeconds(0.18, true)).toBe(0);
  });

  it('makes gliding a jump under reduced motion', () => {
    expect(glideShare(0.35, false)).toBe(0.35);
    expect(glideShare(0.35, true)).toBe(1);
  });

  it('moves where the system setting cannot be read (Node has no matchMedia)', () => {
    expect(motionSeconds(0.18)).toBe(0.18);
  });
});
