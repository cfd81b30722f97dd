import { msg, str } from '@lit/localize';
import { css, html, nothing } from 'lit';
import { cssProperties } from '../ui/css-properties.ts';
import type { ReplayEvent } from './replay-events.ts';
import { clockText } from './replay-time-text.ts';

/**
 * Where each round of the circle after the first began, on the replay's timeline: a dashed line across the
 * track, set apart from the meetings' solid ones, and below it a button with the round's name ("Round 2") that
 * goes to that moment.
 */
export interface RoundMark {
  round: number;
  at: number;
}

/**
 * The first visit of each round from round 2 on, from the session's phase events, oldest first. A group that
 * went back into the round before and on again does not start the round a second time.
 */
export function roundStarts(events: readonly ReplayEvent[]): RoundMark[] {
  const marks: RoundMark[] = [];
  let reached = 1;
  for (const event of events) {
    if (event.kind !== 'phase' || event.round === undefined || event.round <= reached) continue;
    reached = event.round;
    marks.push({ round: event.round, at: event.at });
  }
  return marks;
}

/** A round's name on the timeline: "Round 2" (a round of the circle, not a voting round). */
export function roundLabel(round: number): string {
  return msg(str`Round ${round}`, {
    id: 'replay-round-name',
    desc: 'a round of the circle on the replay’s timeline',
  });
}

/** Past this far along, a name is set to the left of its line so that it stays on the timeline. */
const NAME_FLIPS_AT = 0.85;

/** The rounds' names in a row below the timeline, each going to its round's start; nothing before round 2. */
export function roundNames(
  marks: readonly RoundMark[],
  fraction: (time: number) => number,
  seek: (time: number) => void,
) {
  if (marks.length === 0) return nothing;
  return html`<div class="rounds" role="group" aria-label=${msg('Starts of the rounds')}>
    ${marks.map(
      (mark) =>
        html`<button
          class="round-name ${fraction(mark.at) > NAME_FLIPS_AT ? 'flipped' : ''}"
          ${cssProperties({ left: `${(fraction(mark.at) * 100).toFixed(3)}%` })}
          aria-label=${msg(str`${roundLabel(mark.round)}, began at ${clockText(mark.at)}`)}
          title=${msg(str`Go to the start of round ${mark.round} (${clockText(mark.at)})`)}
          @click=${() => seek(mark.at)}
        >
          ${roundLabel(mark.round)}
        </button>`,
    )}
  </div>`;
}

/** The dashed lines where the rounds began, across the timeline's track. */
export function roundLines(marks: readonly RoundMark[], fraction: (time: number) => number) {
  return marks.map(
    (mark) =>
      html`<span
        class="round-line"
        ${cssProperties({ left: `${(fraction(mark.at) * 100).toFixed(3)}%` })}
      ></span>`,
  );
}

export const roundMarkStyles = css`
  /* A name is a button: 24 px high, the smallest target WCAG 2.2 asks for. */
  .rounds {
    position: relative;
    height: 24px;
  }
  .round-name {
    position: absolute;
    top: 0;
    height: 24px;
    padding: 0 4px;
    border: 0;
    border-left: 2px dashed var(--k-color-accent);
    border-radius: 0;
    background: transparent;
    color: var(--k-color-accent);
    font-size: 11.5px;
    font-weight: 600;
    line-height: 24px;
    white-space: nowrap;
    cursor: pointer;
  }
  .round-name:hover {
    text-decoration: underline;
  }
  .round-name.flipped {
    border-left: 0;
    border-right: 2px dashed var(--k-color-accent);
    transform: translateX(-100%);
  }
  .round-line {
    position: absolute;
    top: 0;
    bottom: 0;
    width: 0;
    margin-left: -1px;
    border-left: 2px dashed var(--k-color-accent);
    pointer-events: none;
  }
`;
