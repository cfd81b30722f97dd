import { describe, expect, it } from 'vitest';
import { shade, tint, tokensCss } from './design-tokens.ts';

describe('design tokens', () => {
  it('tints and shades colours', () => {
    expect(tint('#000000', 0.5)).toBe('#808080');
    expect(tint('#4f7fd8', 0)).toBe('#4f7fd8');
    expect(tint('#4f7fd8', 1)).toBe('#ffffff');
    expect(shade('#ffffff', 0.5)).toBe('#808080');
  });

  it('exposes tokens as custom properties', () => {
    const css = tokensCss();
    expect(css).toContain('--k-color-accent: #3b5bdb;');
    expect(css).toContain('--k-phase-aan-de-slag: #3a9e73;');
    expect(css).toContain('--k-radius-md: 8px;');
  });
});
