import { BOARD_RADIUS, CENTRE_RADIUS, PHASES, type Phase, type PhaseId, sliceAngles } from '@kompas/model';
import { msg } from '@lit/localize';
import { language } from '../i18n/language.ts';
import { PHASE_COLORS, TOKENS } from '../ui/design-tokens.ts';
import * as Konva from '../ui/konva.ts';
import type { CanvasColors } from '../ui/theme-canvas.ts';
import { ArcText, type ArcTextConfig, isLowerHalf, polar } from './arc-text.ts';

/** The phase ring around the slices: each phase a chevron band pointing clockwise, the way the cycle runs. */
export const RING_INNER = BOARD_RADIUS + 14;
export const RING_OUTER = BOARD_RADIUS + 128;
/** How far the chevron tip reaches into the next phase, in degrees. */
const CHEVRON_DEGREES = 2.6;
const RING_GAP_DEGREES = 0.5;
/** Step labels follow the rim over nearly the whole 30° of their slice. */
const LABEL_SPAN_DEGREES = 29;

/** The current phase's outline, in board units. */
const HIGHLIGHT_WIDTH = 8;

/** Everything the board shows around the notes; the radius `fit` should show. */
export const BOARD_EXTENT = RING_OUTER + 20;

/** Konva and canvas measure angles clockwise from 3 o'clock. */
function canvasRadians(degrees: number): number {
  return ((degrees - 90) * Math.PI) / 180;
}

/** Two radii for a two-line curved label: the first line must be "above" the second as read. */
function twoLineRadii(midDegrees: number, outer: number, inner: number): [number, number] {
  return isLowerHalf(midDegrees) ? [inner, outer] : [outer, inner];
}

function curvedText(
  text: string,
  radius: number,
  midDegrees: number,
  spanDegrees: number,
  style: Pick<ArcTextConfig, 'fontSize' | 'fontStyle' | 'letterSpacing' | 'fill'>,
): ArcText {
  return new ArcText({
    text,
    radius,
    midDegrees,
    spanDegrees,
    fontFamily: TOKENS.font.sans,
    listening: false,
    perfectDrawEnabled: false,
    ...style,
  });
}

/** The largest font size up to `preferred` at which `text` fits `arcLength` board units. */
function fittingFontSize(text: string, preferred: number, fontStyle: string, arcLength: number): number {
  const probe = new Konva.Text({ text, fontSize: preferred, fontStyle, fontFamily: TOKENS.font.sans });
  const width = probe.measureSize(text).width;
  probe.destroy();
  return width > arcLength ? Math.floor((preferred * arcLength) / width) : preferred;
}

function arcLength(radius: number, degrees: number): number {
  return (radius * degrees * Math.PI) / 180;
}

function phaseBand(phase: Phase): Konva.Shape {
  const start = phase.index * 90 + RING_GAP_DEGREES;
  const end = phase.index * 90 + 90 - RING_GAP_DEGREES;
  const middle = (RING_INNER + RING_OUTER) / 2;
  return new Konva.Shape({
    fill: PHASE_COLORS[phase.id],
    listening: false,
    perfectDrawEnabled: false,
    sceneFunc(context, shape) {
      const tip = polar(middle, end + CHEVRON_DEGREES);
      const notch = polar(middle, start + CHEVRON_DEGREES);
      context.beginPath();
      context.arc(0, 0, RING_OUTER, canvasRadians(start), canvasRadians(end), false);
      context.lineTo(tip.x, tip.y);
      context.arc(0, 0, RING_INNER, canvasRadians(end), canvasRadians(start), true);
      context.lineTo(notch.x, notch.y);
      context.closePath();
      context.fillStrokeShape(shape);
    },
  });
}

/**
 * The model's names are the product's vocabulary: the circle always names phases and steps in Dutch. In
 * English the English name follows beneath, smaller; in Dutch the one name stands alone, centred in its band.
 */
function withTranslation(): boolean {
  return language() === 'en';
}

function phaseLabels(phase: Phase): (Konva.Shape | Konva.Group)[] {
  const mid = phase.index * 90 + 45;
  const [dutchRadius, englishRadius] = twoLineRadii(mid, RING_OUTER - 40, RING_INNER + 36);
  const name = `${phase.index + 1}  ${phase.label.nl.toUpperCase()}`;
  const style = { fontSize: 38, fontStyle: 'bold', letterSpacing: 3, fill: '#ffffff' };
  if (!withTranslation()) {
    // The text stands on its radius, outwards in the upper half and inwards in the lower half.
    const middle = (RING_OUTER + RING_INNER) / 2;
    return [curvedText(name, isLowerHalf(mid) ? middle + 14 : middle - 14, mid, 80, style)];
  }
  return [
    curvedText(name, dutchRadius, mid, 80, style),
    curvedText(phase.label.en, englishRadius, mid, 80, { fontSize: 26, fill: 'rgba(255, 255, 255, 0.86)' }),
  ];
}

function stepSlices(phase: Phase, colors: CanvasColors): (Konva.Shape | Konva.Group)[] {
  const color = PHASE_COLORS[phase.id];
  return phase.steps.flatMap((step, index) => {
    const { start, end } = sliceAngles(step.id);
    const mid = (start + end) / 2;
    const [dutchRadius, englishRadius] = twoLineRadii(mid, BOARD_RADIUS - 46, BOARD_RADIUS - 84);
    const dutch = `${phase.index + 1}.${index + 1}  ${step.label.nl}`;
    // Labels keep a little distance from the slice edges.
    const room = (radius: number) => arcLength(radius, LABEL_SPAN_DEGREES) * 0.92;
    return [
      new Konva.Arc({
        innerRadius: CENTRE_RADIUS,
        outerRadius: BOARD_RADIUS,
        angle: end - start,
        rotation: start - 90,
        fill: colors.slice(color, index),
        listening: false,
        perfectDrawEnabled: false,
      }),
      curvedText(dutch, dutchRadius, mid, LABEL_SPAN_DEGREES, {
        fontSize: fittingFontSize(dutch, 29, 'bold', room(dutchRadius)),
        fontStyle: 'bold',
        fill: colors.stepLabel(color),
      }),
      ...(withTranslation()
        ? [
            curvedText(step.label.en, englishRadius, mid, LABEL_SPAN_DEGREES, {
              fontSize: fittingFontSize(step.label.en, 22, 'normal', room(englishRadius)),
              fill: colors.stepLabelSecond(color),
            }),
          ]
        : []),
    ];
  });
}

function dividers(colors: CanvasColors): (Konva.Shape | Konva.Group)[] {
  return PHASES.flatMap((phase) =>
    phase.steps.map((step, index) => {
      const { start } = sliceAngles(step.id);
      const inner = polar(CENTRE_RADIUS, start);
      const outer = polar(BOARD_RADIUS, start);
      return new Konva.Line({
        points: [inner.x, inner.y, outer.x, outer.y],
        stroke: colors.divider,
        strokeWidth: index === 0 ? 10 : 4,
        listening: false,
        perfectDrawEnabled: false,
      });
    }),
  );
}

/** The joint task shown in the centre disc, sized to its length. */
class CentreDisc {
  readonly group = new Konva.Group({ listening: false });
  private readonly task: Konva.Text;

  constructor(private readonly colors: CanvasColors) {
    const disc = new Konva.Circle({
      radius: CENTRE_RADIUS - 6,
      fill: colors.disc,
      stroke: colors.discEdge,
      strokeWidth: 3,
      shadowColor: colors.shadow,
      shadowOpacity: colors.shadowOpacity,
      shadowBlur: 24,
      shadowOffsetY: 6,
      listening: false,
      perfectDrawEnabled: false,
    });
    const caption = new Konva.Text({
      text: msg('JOINT TASK', { desc: 'The caption above the joint task in the centre of the board' }),
      x: -CENTRE_RADIUS,
      y: -CENTRE_RADIUS + 58,
      width: 2 * CENTRE_RADIUS,
      align: 'center',
      fontFamily: TOKENS.font.sans,
      fontSize: 17,
      fontStyle: 'bold',
      letterSpacing: 2.5,
      fill: colors.caption,
      listening: false,
    });
    this.task = new Konva.Text({
      x: -170,
      y: -CENTRE_RADIUS + 92,
      width: 340,
      height: 270,
      align: 'center',
      verticalAlign: 'middle',
      fontFamily: TOKENS.font.sans,
      fill: colors.text,
      lineHeight: 1.25,
      wrap: 'word',
      ellipsis: true,
      listening: false,
    });
    this.group.add(disc, caption, this.task);
  }

  setTask(task: string): void {
    const text = task.trim();
    this.task.text(text || msg('No joint task yet'));
    this.task.fill(text ? this.colors.text : this.colors.caption);
    this.task.fontStyle(text ? '600' : 'italic');
    this.task.fontSize(text.length <= 40 ? 44 : text.length <= 90 ? 36 : text.length <= 200 ? 26 : 19);
  }
}

/** A line around the current phase's three slices, in its own colour. */
function phaseOutline(phase: Phase, colors: CanvasColors): Konva.Arc {
  return new Konva.Arc({
    innerRadius: CENTRE_RADIUS + HIGHLIGHT_WIDTH / 2,
    outerRadius: BOARD_RADIUS - HIGHLIGHT_WIDTH / 2,
    angle: 90,
    rotation: phase.index * 90 - 90,
    stroke: colors.outline(PHASE_COLORS[phase.id]),
    strokeWidth: HIGHLIGHT_WIDTH,
    lineJoin: 'round',
    visible: false,
    listening: false,
    perfectDrawEnabled: false,
  });
}

/** A wash over a phase's three slices while it is locked, so everyone sees where notes stay put. */
function lockShade(phase: Phase, colors: CanvasColors): Konva.Arc {
  return new Konva.Arc({
    innerRadius: CENTRE_RADIUS,
    outerRadius: BOARD_RADIUS,
    angle: 90,
    rotation: phase.index * 90 - 90,
    fill: colors.lockShade,
    visible: false,
    listening: false,
    perfectDrawEnabled: false,
  });
}

/** The parts of one phase that dim and light up together. */
interface PhaseParts {
  slices: Konva.Group;
  band: Konva.Group;
  outline: Konva.Arc;
  lock: Konva.Arc;
}

/**
 * The circle itself: twelve step slices in four phase colours, a ring of chevrons showing the clockwise
 * cycle, curved labels (Dutch; in English with the English name beneath) and the joint task in the centre.
 * Once the workshop has started, the current phase is outlined and the others are dimmed; locked phases are shaded. Nothing
 * in it listens to events. A change of theme builds it again in the new colours.
 */
export class BoardBackground {
  readonly group = new Konva.Group({ listening: false });
  private centre!: CentreDisc;
  private readonly parts = new Map<PhaseId, PhaseParts>();
  private phase: PhaseId | null = null;
  private locked: readonly PhaseId[] = [];
  private colors: CanvasColors;

  constructor(
    private task: string,
    colors: CanvasColors,
  ) {
    this.colors = colors;
    this.build(colors);
  }

  setColors(colors: CanvasColors): void {
    this.colors = colors;
    this.group.destroyChildren();
    this.parts.clear();
    this.build(colors);
  }

  /** Draws the circle anew in the current language, as it was. */
  relabel(): void {
    this.setColors(this.colors);
  }

  setTask(task: string): void {
    this.task = task;
    this.centre.setTask(task);
  }

  /** Highlights `current`; null (before the workshop starts) shows every phase alike. */
  setPhase(current: PhaseId | null): void {
    this.phase = current;
    for (const [id, part] of this.parts) {
      const dimmed = current !== null && id !== current;
      part.slices.opacity(dimmed ? this.colors.dimmed.slices : 1);
      part.band.opacity(dimmed ? this.colors.dimmed.band : 1);
      part.outline.visible(id === current);
    }
  }

  /** Shades the locked phases; an empty list shows the board open. */
  setLocked(locked: readonly PhaseId[]): void {
    this.locked = locked;
    for (const [id, part] of this.parts) part.lock.visible(locked.includes(id));
  }

  private build(colors: CanvasColors): void {
    for (const phase of PHASES) {
      this.parts.set(phase.id, {
        slices: new Konva.Group({ listening: false }).add(...stepSlices(phase, colors)),
        band: new Konva.Group({ listening: false }).add(phaseBand(phase), ...phaseLabels(phase)),
        outline: phaseOutline(phase, colors),
        lock: lockShade(phase, colors),
      });
    }
    const parts = [...this.parts.values()];
    this.centre = new CentreDisc(colors);
    this.group.add(...parts.map((part) => part.slices));
    this.group.add(...dividers(colors));
    this.group.add(...parts.map((part) => part.lock));
    this.group.add(...parts.map((part) => part.outline));
    this.group.add(...parts.map((part) => part.band));
    this.group.add(this.centre.group);
    this.centre.setTask(this.task);
    this.setPhase(this.phase);
    this.setLocked(this.locked);
  }
}
