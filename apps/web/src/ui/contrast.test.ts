import { NOTE_COLOR_HEX, NOTE_COLORS } from '@kompas/model';
import { describe, expect, it } from 'vitest';
import { PERSON_COLORS } from '../core/person-colors.ts';
import { AA, composite, contrastRatio } from './contrast.ts';
import { type ColorTokens, PHASE_COLORS, THEME_COLORS, THEME_NAMES } from './design-tokens.ts';
import { CANVAS_COLORS, DIMMED_PAPER_OPACITY, dimmedPaper, NOTE_INK } from './theme-canvas.ts';

/** A pair checked: what is drawn, on what, and the ratio it needs. */
interface Pair {
  what: string;
  foreground: string;
  background: string;
  needs: number;
}

type ColorName = keyof ColorTokens;
const TEXTS: ColorName[] = ['text', 'text-muted', 'text-subtle'];
const SURFACES: ColorName[] = ['bg', 'canvas', 'surface', 'surface-muted', 'surface-hover'];
/** Coloured text on its own soft background and on a plain surface (alerts, badges, statuses). */
const TINTED: [ColorName, ColorName][] = [
  ['accent', 'accent-soft'],
  ['danger', 'danger-soft'],
  ['success', 'success-soft'],
  ['warning', 'warning-soft'],
];

function tokenPairs(colors: ColorTokens): Pair[] {
  const pair = (what: string, foreground: string, background: string, needs: number) => ({
    what,
    foreground,
    background,
    needs,
  });
  return [
    ...TEXTS.flatMap((text) =>
      SURFACES.map((surface) => pair(`${text} on ${surface}`, colors[text], colors[surface], AA.text)),
    ),
    ...TINTED.flatMap(([text, soft]) => [
      pair(`${text} on ${soft}`, colors[text], colors[soft], AA.text),
      pair(`${text} on surface`, colors[text], colors.surface, AA.text),
      pair(`${text} on bg`, colors[text], colors.bg, AA.text),
    ]),
    pair('on-accent on accent', colors['on-accent'], colors.accent, AA.text),
    pair('on-accent on accent-hover', colors['on-accent'], colors['accent-hover'], AA.text),
    ...(['bg', 'surface', 'surface-muted'] as const).flatMap((surface) => [
      pair(`border-strong on ${surface}`, colors['border-strong'], colors[surface], AA.nonText),
      pair(`focus on ${surface}`, colors.focus, colors[surface], AA.nonText),
    ]),
  ];
}

function canvasPairs(theme: (typeof THEME_NAMES)[number]): Pair[] {
  const canvas = CANVAS_COLORS[theme];
  return [
    ...Object.entries(PHASE_COLORS).flatMap(([phase, color]) => [
      ...[0, 1, 2].flatMap((index) => [
        {
          what: `step label on ${phase} slice ${index}`,
          foreground: canvas.stepLabel(color),
          background: canvas.slice(color, index),
          needs: AA.text,
        },
        {
          what: `second step label on ${phase} slice ${index}`,
          foreground: canvas.stepLabelSecond(color),
          background: canvas.slice(color, index),
          needs: AA.text,
        },
      ]),
      {
        what: `${phase} outline on its slices`,
        foreground: canvas.outline(color),
        background: canvas.slice(color, 1),
        needs: AA.nonText,
      },
    ]),
    { what: 'caption on the disc', foreground: canvas.caption, background: canvas.disc, needs: AA.text },
    { what: 'joint task on the disc', foreground: canvas.text, background: canvas.disc, needs: AA.text },
    {
      what: 'selection ring on the board',
      foreground: canvas.selection,
      background: canvas.background,
      needs: AA.nonText,
    },
    ...dimmedNotePairs(theme),
  ];
}

/** `#rrggbb` at `alpha`, as rgba(), to lay over a background. */
function translucent(hex: string, alpha: number): string {
  const [r, g, b] = [1, 3, 5].map((start) => Number.parseInt(hex.slice(start, start + 2), 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/**
 * The text of a note of an earlier round, whose faded paper lets the board through: on every slice, of the
 * current phase and of the phases drawn stepped back, in every note colour.
 */
function dimmedNotePairs(theme: (typeof THEME_NAMES)[number]): Pair[] {
  const canvas = CANVAS_COLORS[theme];
  return Object.entries(PHASE_COLORS).flatMap(([phase, color]) =>
    [0, 1, 2].flatMap((index) =>
      [1, canvas.dimmed.slices].flatMap((opacity) => {
        const slice = composite(translucent(canvas.slice(color, index), opacity), canvas.background);
        return NOTE_COLORS.map((note) => ({
          what: `text on a dimmed ${note} note on ${phase} slice ${index} at ${opacity}`,
          foreground: NOTE_INK.text,
          background: composite(translucent(dimmedPaper(NOTE_COLOR_HEX[note]), DIMMED_PAPER_OPACITY), slice),
          needs: AA.text,
        }));
      }),
    ),
  );
}

/** What is drawn on a note's paper; the same in both themes. */
function notePairs(): Pair[] {
  return NOTE_COLORS.flatMap((color) => {
    const paper = NOTE_COLOR_HEX[color];
    const badge = composite(NOTE_INK.badge, paper);
    return [
      { what: `note text on ${color}`, foreground: NOTE_INK.text, background: paper, needs: AA.text },
      { what: `author on ${color}`, foreground: NOTE_INK.byline, background: paper, needs: AA.text },
      { what: `vote badge on ${color}`, foreground: NOTE_INK.text, background: badge, needs: AA.text },
      {
        what: `pending mark on ${color}`,
        foreground: NOTE_INK.pending,
        background: paper,
        needs: AA.nonText,
      },
      { what: `draft outline on ${color}`, foreground: NOTE_INK.draft, background: paper, needs: AA.nonText },
      {
        what: `carried mark on ${color}`,
        foreground: NOTE_INK.carriedMarkText,
        background: badge,
        needs: AA.text,
      },
      {
        what: `round mark on ${color}`,
        foreground: NOTE_INK.roundMark,
        background: paper,
        needs: AA.nonText,
      },
    ];
  });
}

/** White text on colours: phase names in the ring and on chips, people's initials and cursor names. */
function whiteTextPairs(): Pair[] {
  return [
    ...Object.entries(PHASE_COLORS).map(([phase, color]) => ({
      what: `white on ${phase}`,
      foreground: '#ffffff',
      background: color,
      needs: AA.text,
    })),
    ...PERSON_COLORS.map((color) => ({
      what: `white on person colour ${color}`,
      foreground: '#ffffff',
      background: color,
      needs: AA.text,
    })),
    {
      what: 'a round on its mark',
      foreground: NOTE_INK.roundMarkText,
      background: NOTE_INK.roundMark,
      needs: AA.text,
    },
    {
      what: 'your vote on its badge',
      foreground: NOTE_INK.markedText,
      background: NOTE_INK.marked,
      needs: AA.text,
    },
  ];
}

function failures(pairs: Pair[]): string[] {
  return pairs
    .map((pair) => ({ ...pair, ratio: contrastRatio(pair.foreground, pair.background) }))
    .filter((pair) => pair.ratio < pair.needs)
    .map((pair) => `${pair.what}: ${pair.ratio.toFixed(2)} < ${pair.needs}`);
}

describe('WCAG 2.2 AA contrast', () => {
  it('measures as WCAG does', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('rgba(0, 0, 0, 0.5)', '#ffffff')).toBeCloseTo(
      contrastRatio('#808080', '#ffffff'),
      2,
    );
  });

  for (const theme of THEME_NAMES) {
    it(`holds for the ${theme} theme's text, surfaces, fields and focus`, () => {
      expect(failures(tokenPairs(THEME_COLORS[theme]))).toEqual([]);
    });

    it(`holds for the board drawn in the ${theme} theme`, () => {
      expect(failures(canvasPairs(theme))).toEqual([]);
    });
  }

  it('holds for text on every note colour, the vote badges and the marks on notes', () => {
    expect(failures(notePairs())).toEqual([]);
  });

  it('holds for white text on phase and person colours', () => {
    expect(failures(whiteTextPairs())).toEqual([]);
  });
});
