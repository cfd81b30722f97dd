import type { PhaseId } from '@kompas/model';

/**
 * The design tokens: the one place for colours, type and shape. The DOM reads them as CSS custom
 * properties (`--k-color-text`, `--k-radius-md`, ...) installed by `tokensStyleSheet`; the canvas,
 * which cannot read CSS, imports the same values directly.
 */
export const TOKENS = {
  font: {
    sans: "ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
    mono: "ui-monospace, 'SF Mono', Menlo, Consolas, 'Liberation Mono', monospace",
  },
  color: {
    bg: '#f6f7f9',
    canvas: '#f3f4f6',
    surface: '#ffffff',
    'surface-muted': '#f1f3f5',
    'surface-hover': '#eceef1',
    border: '#e3e6ea',
    'border-strong': '#cdd2d8',
    text: '#1b1f24',
    'text-muted': '#5f6875',
    'text-subtle': '#8a929d',
    accent: '#3b5bdb',
    'accent-hover': '#3048b8',
    'accent-soft': '#edf1fd',
    danger: '#c93636',
    'danger-soft': '#fdeeee',
    success: '#2f9e6a',
    'success-soft': '#e8f6ef',
    warning: '#b7791f',
    'warning-soft': '#fdf6e7',
    focus: '#3b5bdb',
  },
  radius: { sm: '6px', md: '8px', lg: '12px', xl: '16px', full: '999px' },
  shadow: {
    sm: '0 1px 2px rgba(16, 24, 40, 0.06)',
    md: '0 2px 8px rgba(16, 24, 40, 0.08), 0 1px 2px rgba(16, 24, 40, 0.06)',
    lg: '0 12px 32px rgba(16, 24, 40, 0.14), 0 2px 6px rgba(16, 24, 40, 0.06)',
  },
} as const;

/** One hue per phase: distinct around the circle, equally calm. */
export const PHASE_COLORS: Record<PhaseId, string> = {
  verkennen: '#4f7fd8',
  richten: '#8a68d1',
  inrichten: '#dc8a3a',
  'aan-de-slag': '#3a9e73',
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

/** The tokens as CSS custom properties on `:root`, e.g. `--k-color-accent`. */
export function tokensCss(): string {
  const lines: string[] = [];
  for (const [group, values] of Object.entries(TOKENS)) {
    for (const [name, value] of Object.entries(values)) lines.push(`  --k-${group}-${name}: ${value};`);
  }
  for (const [phase, color] of Object.entries(PHASE_COLORS)) lines.push(`  --k-phase-${phase}: ${color};`);
  return `:root {\n${lines.join('\n')}\n}`;
}
