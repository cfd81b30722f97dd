import { shade, THEME_COLORS, type ThemeName, tint } from './design-tokens.ts';

/** The colours the Konva canvas draws the board with in one theme; the canvas cannot read CSS. */
export interface CanvasColors {
  /** Behind the circle: the page's canvas colour. */
  background: string;
  /** Behind the circle in a picture of the board (the export). */
  picture: string;
  /** A step's slice, from its phase colour; `index` 0–2 alternates neighbouring slices. */
  slice(phaseColor: string, index: number): string;
  /** A step's name on its slice, and the smaller second line beneath it. */
  stepLabel(phaseColor: string): string;
  stepLabelSecond(phaseColor: string): string;
  /** The lines between slices. */
  divider: string;
  /** The current phase's outline. */
  outline(phaseColor: string): string;
  /** The wash over a locked phase. */
  lockShade: string;
  /** The joint task's disc in the centre, its edge and its texts. */
  disc: string;
  discEdge: string;
  caption: string;
  text: string;
  /** Shadows under the disc and the notes, and how strong they are. */
  shadow: string;
  shadowOpacity: number;
  /** The ring around the selected note: 3:1 against the board around it. */
  selection: string;
  /** How opaque the phases other than the current one are drawn: they step back, yet stay readable. */
  dimmed: { slices: number; band: number };
}

/** Slices of one phase alternate slightly, so neighbouring steps read apart. */
const LIGHT_SLICE_TINTS = [0.84, 0.885, 0.84] as const;
const DARK_SLICE_SHADES = [0.66, 0.7, 0.66] as const;

export const CANVAS_COLORS: Readonly<Record<ThemeName, CanvasColors>> = {
  light: {
    background: THEME_COLORS.light.canvas,
    picture: '#ffffff',
    slice: (color, index) => tint(color, LIGHT_SLICE_TINTS[index] ?? 0.86),
    stepLabel: (color) => shade(color, 0.35),
    stepLabelSecond: (color) => shade(color, 0.25),
    divider: '#ffffff',
    outline: (color) => shade(color, 0.08),
    lockShade: 'rgba(52, 64, 84, 0.22)',
    disc: THEME_COLORS.light.surface,
    discEdge: THEME_COLORS.light.border,
    caption: THEME_COLORS.light['text-subtle'],
    text: THEME_COLORS.light.text,
    shadow: '#101828',
    shadowOpacity: 0.1,
    selection: THEME_COLORS.light.accent,
    dimmed: { slices: 0.42, band: 0.38 },
  },
  // The board goes dark around the notes, which keep their light paper.
  dark: {
    background: THEME_COLORS.dark.canvas,
    picture: THEME_COLORS.dark.canvas,
    slice: (color, index) => shade(color, DARK_SLICE_SHADES[index] ?? 0.68),
    stepLabel: (color) => tint(color, 0.72),
    stepLabelSecond: (color) => tint(color, 0.6),
    divider: THEME_COLORS.dark.canvas,
    outline: (color) => tint(color, 0.3),
    lockShade: 'rgba(0, 0, 0, 0.4)',
    disc: THEME_COLORS.dark.surface,
    discEdge: THEME_COLORS.dark.border,
    caption: THEME_COLORS.dark['text-subtle'],
    text: THEME_COLORS.dark.text,
    shadow: '#000000',
    shadowOpacity: 0.45,
    selection: THEME_COLORS.dark.accent,
    // Over a dark board a faded slice sinks into black sooner than one over a light board fades to white.
    dimmed: { slices: 0.62, band: 0.5 },
  },
};

/**
 * What notes are drawn with: their paper stays light in both themes, so their ink, badges and marks are
 * the same in both.
 */
export const NOTE_INK = {
  text: '#1f2328',
  /** The author's name under a note's text. */
  byline: 'rgba(31, 35, 40, 0.74)',
  badge: 'rgba(255, 255, 255, 0.9)',
  badgeEdge: 'rgba(31, 35, 40, 0.25)',
  /** A vote badge once you voted for the note, and its text. */
  marked: THEME_COLORS.light.accent,
  markedText: '#ffffff',
  /** A draft's outline during a silent brainstorm. */
  draft: THEME_COLORS.light.accent,
  /** The mark of a note not sent yet. */
  pending: THEME_COLORS.light.warning,
  /** The round mark ("R1") on a note of an earlier round, and its text. */
  roundMark: '#475467',
  roundMarkText: '#ffffff',
  /** The text and edge of the mark ("↻ R1") on a note carried along, on a white badge. */
  carriedMarkText: THEME_COLORS.light.accent,
} as const;

/**
 * How opaque the paper of a note of an earlier round is drawn (see dimmedPaper): the board shows through, so
 * it steps back, yet its text (drawn opaque) stays readable on the darkest slice of the dark theme.
 */
export const DIMMED_PAPER_OPACITY = 0.7;

/** The paper of a note of an earlier round: its colour washed out, drawn at DIMMED_PAPER_OPACITY. */
export function dimmedPaper(paper: string): string {
  return tint(paper, 0.4);
}
