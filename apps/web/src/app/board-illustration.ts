import { PHASES, STEPS } from '@kompas/model';
import { msg } from '@lit/localize';
import { svg, type TemplateResult } from 'lit';
import { cssProperties } from '../ui/css-properties.ts';
import { PHASE_COLORS, type ThemeName } from '../ui/design-tokens.ts';
import { CANVAS_COLORS } from '../ui/theme-canvas.ts';

/** A point at `radius`, `degrees` clockwise from 12 o'clock (the board's convention). */
function at(radius: number, degrees: number): string {
  const radians = (degrees * Math.PI) / 180;
  return `${(radius * Math.sin(radians)).toFixed(2)} ${(-radius * Math.cos(radians)).toFixed(2)}`;
}

function ringSegment(inner: number, outer: number, start: number, end: number): string {
  const large = end - start > 180 ? 1 : 0;
  return `M ${at(outer, start)} A ${outer} ${outer} 0 ${large} 1 ${at(outer, end)} L ${at(inner, end)} A ${inner} ${inner} 0 ${large} 0 ${at(inner, start)} Z`;
}

/** A ring segment whose end points clockwise and whose start is notched to receive the previous one. */
function chevron(inner: number, outer: number, start: number, end: number, tip: number): string {
  const middle = (inner + outer) / 2;
  return `M ${at(outer, start)} A ${outer} ${outer} 0 0 1 ${at(outer, end)} L ${at(middle, end + tip)} L ${at(inner, end)} A ${inner} ${inner} 0 0 0 ${at(inner, start)} L ${at(middle, start + tip)} Z`;
}

/** The board in miniature for the landing page: twelve slices, the phase ring and phase names. */
export function boardIllustration(): TemplateResult {
  const slices = STEPS.map((step, index) => {
    const color = PHASE_COLORS[step.phase];
    const fill = (theme: ThemeName) => CANVAS_COLORS[theme].slice(color, step.index);
    return svg`<path d=${ringSegment(34, 100, index * 30, index * 30 + 30)} stroke-width=${step.index === 0 ? 2.2 : 1}
      ${cssProperties({ fill: `light-dark(${fill('light')}, ${fill('dark')})`, stroke: `light-dark(#fff, ${CANVAS_COLORS.dark.divider})` })} />`;
  });
  const ring = PHASES.map((phase) => {
    const start = phase.index * 90 + 0.8;
    const end = phase.index * 90 + 89.2;
    return svg`<path d=${chevron(103, 119, start, end, 4)} fill=${PHASE_COLORS[phase.id]} />`;
  });
  const labels = PHASES.map((phase) => {
    const [x, y] = at(68, phase.index * 90 + 45).split(' ');
    const label = (theme: ThemeName) => CANVAS_COLORS[theme].stepLabel(PHASE_COLORS[phase.id]);
    return svg`<text x=${x ?? 0} y=${y ?? 0} text-anchor="middle" dominant-baseline="middle" font-size="10.5"
      font-weight="650" ${cssProperties({ fill: `light-dark(${label('light')}, ${label('dark')})` })}>${phase.label.nl}</text>`;
  });
  // The centre's words in three short lines, to fit a circle 64 units wide.
  const centre = {
    kicker: msg('JOINT TASK', { desc: 'The caption above the joint task in the centre of the board' }),
    first: msg('What we do', { desc: 'First line of the board picture centre: "What we do / together"' }),
    second: msg('together', { desc: 'Second line of the board picture centre: "What we do / together"' }),
  };
  return svg`<svg viewBox="-126 -126 252 252" role="img" aria-label=${msg('The Kompas board: four phases in a circle')}>
    ${slices}${ring}
    <circle r="32" ${cssProperties({ fill: 'var(--k-color-surface)', stroke: 'var(--k-color-border)' })} />
    <text y="-4" text-anchor="middle" font-size="6" font-weight="700" letter-spacing="0.8" ${cssProperties({ fill: 'var(--k-color-text-subtle)' })}>${centre.kicker}</text>
    <text y="7" text-anchor="middle" font-size="7.5" font-weight="600" ${cssProperties({ fill: 'var(--k-color-text)' })}>${centre.first}</text>
    <text y="16" text-anchor="middle" font-size="7.5" font-weight="600" ${cssProperties({ fill: 'var(--k-color-text)' })}>${centre.second}</text>
    ${labels}
  </svg>`;
}
