/**
 * WCAG 2.2 contrast: the relative luminance of sRGB colours and the ratio between two of them. Colours are
 * `#rrggbb`, or `rgba(r, g, b, a)` laid over a background first, the way a browser composites them.
 */

/** WCAG's minimum ratios at level AA. */
export const AA = { text: 4.5, largeText: 3, nonText: 3 } as const;

type Rgb = readonly [number, number, number];

function parseColor(color: string, background: Rgb = [255, 255, 255]): Rgb {
  const hex = /^#([0-9a-f]{6})$/i.exec(color);
  if (hex?.[1]) {
    const value = hex[1];
    return [0, 2, 4].map((start) => Number.parseInt(value.slice(start, start + 2), 16)) as unknown as Rgb;
  }
  const rgba = /^rgba?\(\s*(\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?\s*\)$/i.exec(color);
  if (!rgba) throw new Error(`not a colour: ${color}`);
  const alpha = rgba[4] === undefined ? 1 : Number(rgba[4]);
  return [1, 2, 3].map((index, channel) => {
    const value = Number(rgba[index]);
    return value * alpha + (background[channel] ?? 255) * (1 - alpha);
  }) as unknown as Rgb;
}

function linear(channel: number): number {
  const value = channel / 255;
  return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance, 0 for black to 1 for white. */
export function luminance(color: string): number {
  const [r, g, b] = parseColor(color);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** `color` laid over an opaque `background`, as `#rrggbb`: what a translucent colour looks like there. */
export function composite(color: string, background: string): string {
  const channels = parseColor(color, parseColor(background));
  return `#${channels.map((channel) => Math.round(channel).toString(16).padStart(2, '0')).join('')}`;
}

/** The contrast ratio of `foreground` on an opaque `background`, 1 to 21; a translucent foreground is laid over it. */
export function contrastRatio(foreground: string, background: string): number {
  const ends = [luminance(composite(foreground, background)), luminance(background)];
  return (Math.max(...ends) + 0.05) / (Math.min(...ends) + 0.05);
}
