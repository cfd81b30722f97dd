import type { PhaseId } from '@kompas/model';

/** The two colour themes; which one shows follows the system setting (`prefers-color-scheme`). */
export type ThemeName = 'light' | 'dark';
export const THEME_NAMES: readonly ThemeName[] = ['light', 'dark'];

/**
 * The colours of one theme. Every text colour reaches WCAG AA (4.5:1) on every surface colour, and
 * `border-strong` and `focus` reach 3:1 on them (ui/contrast.test.ts checks both themes).
 */
export interface ColorTokens {
  bg: string;
  canvas: string;
  surface: string;
  'surface-muted': string;
  'surface-hover': string;
  border: string;
  /** The edge of a field or control: 3:1 against the surfaces, so its outline is seen. */
  'border-strong': string;
  text: string;
  'text-muted': string;
  'text-subtle': string;
  accent: string;
  'accent-hover': string;
  'accent-soft': string;
  /** Text on an accent background, e.g. a primary button. */
  'on-accent': string;
  danger: string;
  'danger-soft': string;
  success: string;
  'success-soft': string;
  warning: string;
  'warning-soft': string;
  focus: string;
  /** The dimmed page behind a modal dialog. */
  backdrop: string;
}

const LIGHT_COLORS: ColorTokens = {
  bg: '#f6f7f9',
  canvas: '#f3f4f6',
  surface: '#ffffff',
  'surface-muted': '#f1f3f5',
  'surface-hover': '#eceef1',
  border: '#e3e6ea',
  'border-strong': '#7f8791',
  text: '#1b1f24',
  'text-muted': '#5b6471',
  'text-subtle': '#646c77',
  accent: '#3b5bdb',
  'accent-hover': '#3048b8',
  'accent-soft': '#edf1fd',
  'on-accent': '#ffffff',
  danger: '#c02f2f',
  'danger-soft': '#fdeeee',
  success: '#22774f',
  'success-soft': '#e8f6ef',
  warning: '#925f18',
  'warning-soft': '#fdf6e7',
  focus: '#3b5bdb',
  backdrop: 'rgba(16, 24, 40, 0.32)',
};

const DARK_COLORS: ColorTokens = {
  bg: '#111317',
  canvas: '#0e1014',
  surface: '#1a1d23',
  'surface-muted': '#21252c',
  'surface-hover': '#292e36',
  border: '#30363f',
  'border-strong': '#6c7582',
  text: '#e8ebf0',
  'text-muted': '#adb5c0',
  'text-subtle': '#959eab',
  accent: '#8da6ff',
  'accent-hover': '#a9bcff',
  'accent-soft': '#222c4d',
  'on-accent': '#0d1430',
  danger: '#ff8f87',
  'danger-soft': '#3b1e20',
  success: '#5dd29b',
  'success-soft': '#14302a',
  warning: '#f0b65c',
  'warning-soft': '#33290f',
  focus: '#8da6ff',
  backdrop: 'rgba(0, 0, 0, 0.6)',
};

export const THEME_COLORS: Readonly<Record<ThemeName, ColorTokens>> = {
  light: LIGHT_COLORS,
  dark: DARK_COLORS,
};

/** Shadows need more weight on a dark page to be seen at all. */
const THEME_SHADOWS: Readonly<Record<ThemeName, { sm: string; md: string; lg: string }>> = {
  light: {
    sm: '0 1px 2px rgba(16, 24, 40, 0.06)',
    md: '0 2px 8px rgba(16, 24, 40, 0.08), 0 1px 2px rgba(16, 24, 40, 0.06)',
    lg: '0 12px 32px rgba(16, 24, 40, 0.14), 0 2px 6px rgba(16, 24, 40, 0.06)',
  },
  dark: {
    sm: '0 1px 2px rgba(0, 0, 0, 0.4)',
    md: '0 2px 8px rgba(0, 0, 0, 0.45), 0 1px 2px rgba(0, 0, 0, 0.3)',
    lg: '0 12px 32px rgba(0, 0, 0, 0.6), 0 2px 6px rgba(0, 0, 0, 0.35)',
  },
};

/**
 * The design tokens that do not change with the theme: type and shape. The DOM reads every token as a CSS
 * custom property (`--k-color-text`, `--k-radius-md`, ...) installed by `tokensCss`; the canvas, which
 * cannot read CSS, imports the values directly (colours through `ui/theme-canvas.ts`).
 */
export const TOKENS = {
  font: {
    sans: "ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
    mono: "ui-monospace, 'SF Mono', Menlo, Consolas, 'Liberation Mono', monospace",
  },
  radius: { sm: '6px', md: '8px', lg: '12px', xl: '16px', full: '999px' },
} as const;

/** One hue per phase: distinct around the circle, equally calm, and dark enough for white text on it (4.5:1). */
export const PHASE_COLORS: Record<PhaseId, string> = {
  verkennen: '#4570c0',
  richten: '#7f5fc2',
  inrichten: '#ad6224',
  'aan-de-slag': '#2f8460',
};

/** Mixes a `#rrggbb` colour with white; `amount` 0 keeps the colour, 1 gives white. */
export function tint(hex: string, amount: number): string {
  const channels = [1, 3, 5].map((start) => Number.parseInt(hex.slice(start, start + 2), 16));
  const mixed = channels.map((channel) => Math.round(channel + (255 - channel) * amount));
  return `#${mixed.map((channel) => channel.toString(16).padStart(2, '0')).join('')}`;
}

/** Mixes a `#rrggbb` colour with black; `amount` 0 keeps the colour, 1 gives black. */
export function shade(hex: string, amount: number): string {
  const channels = [1, 3, 5].map((start) => Number.parseInt(hex.slice(start, start + 2), 16));
  const mixed = channels.map((channel) => Math.round(channel * (1 - amount)));
  return `#${mixed.map((channel) => channel.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Declarations that give an element and its contents the light theme's colours: a note's paper stays light in
 * the dark theme, and what sits on it (text, buttons) must read as on a light page.
 */
export function lightColorsCss(): string {
  const declarations = Object.entries(THEME_COLORS.light).map(
    ([name, value]) => `--k-color-${name}: ${value};`,
  );
  return [...declarations, 'color: var(--k-color-text);', 'color-scheme: light;'].join('\n');
}

/** The tokens as CSS custom properties on `:root`, e.g. `--k-color-accent`, with the dark theme's colours when the system asks for it. */
export function tokensCss(): string {
  const lines: string[] = ['  color-scheme: light dark;'];
  for (const [group, values] of Object.entries(TOKENS)) {
    for (const [name, value] of Object.entries(values)) lines.push(`  --k-${group}-${name}: ${value};`);
  }
  for (const [phase, color] of Object.entries(PHASE_COLORS)) lines.push(`  --k-phase-${phase}: ${color};`);
  const themed = (theme: ThemeName) =>
    [
      ...Object.entries(THEME_COLORS[theme]).map(([name, value]) => `  --k-color-${name}: ${value};`),
      ...Object.entries(THEME_SHADOWS[theme]).map(([name, value]) => `  --k-shadow-${name}: ${value};`),
    ].join('\n');
  return [
    `:root {\n${lines.join('\n')}\n${themed('light')}\n}`,
    `@media (prefers-color-scheme: dark) {\n:root {\n${themed('dark')}\n}\n}`,
  ].join('\n');
}
