import { describe, expect, it } from 'vitest';
import { lightColorsCss, shade, THEME_COLORS, tint, tokensCss } from './design-tokens.ts';

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
    expect(css).toContain('--k-phase-aan-de-slag: #2f8460;');
    expect(css).toContain('--k-radius-md: 8px;');
  });

  it('switches to the dark colours when the system asks for them', () => {
    const [light, dark] = tokensCss().split('@media (prefers-color-scheme: dark)');
    expect(light).toContain(`--k-color-bg: ${THEME_COLORS.light.bg};`);
    expect(dark).toContain(`--k-color-bg: ${THEME_COLORS.dark.bg};`);
    expect(dark).toContain(`--k-color-text: ${THEME_COLORS.dark.text};`);
    expect(dark).not.toContain('--k-radius');
  });

  it('gives what sits on light paper the light colours', () => {
    expect(lightColorsCss()).toContain(`--k-color-text: ${THEME_COLORS.light.text};`);
  });
});
