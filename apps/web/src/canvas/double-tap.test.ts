import { describe, expect, it } from 'vitest';
import { DoubleTapDetector } from './double-tap.ts';

describe('DoubleTapDetector', () => {
  it('recognises two quick taps at one spot', () => {
    const taps = new DoubleTapDetector(300, 10);
    expect(taps.tap({ x: 0, y: 0 }, 0)).toBe(false);
    expect(taps.tap({ x: 3, y: 4 }, 200)).toBe(true);
    expect(taps.tap({ x: 3, y: 4 }, 250)).toBe(false);
  });

  it('ignores slow or distant taps', () => {
    const taps = new DoubleTapDetector(300, 10);
    taps.tap({ x: 0, y: 0 }, 0);
    expect(taps.tap({ x: 0, y: 0 }, 400)).toBe(false);
    expect(taps.tap({ x: 50, y: 0 }, 450)).toBe(false);
    expect(taps.tap({ x: 50, y: 0 }, 500)).toBe(true);
  });

  it('lets a finger’s taps land farther apart when asked', () => {
    const taps = new DoubleTapDetector(300, 10);
    taps.tap({ x: 0, y: 0 }, 0);
    expect(taps.tap({ x: 20, y: 0 }, 100, 28)).toBe(true);
    taps.tap({ x: 0, y: 0 }, 200);
    expect(taps.tap({ x: 20, y: 0 }, 300)).toBe(false);
  });
});
