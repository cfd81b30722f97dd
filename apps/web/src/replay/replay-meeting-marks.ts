import { css, html, nothing } from 'lit';
import { cssProperties } from '../ui/css-properties.ts';
import { meetingLabel, type ReplayEvent } from './replay-events.ts';
import { clockText } from './replay-time-text.ts';

/**
 * Where each meeting after the first began, on the replay's timeline: a line across the track and the
 * meeting's name above it ("Meeting 2"). `percent` places a time along the timeline.
 */
function meetingStarts(events: readonly ReplayEvent[]): ReplayEvent[] {
  return events.filter((event) => event.kind === 'meeting' && event.meeting !== undefined);
}

/** Past this far along, a name is set to the left of its line so that it stays on the timeline. */
const NAME_FLIPS_AT = 0.85;

/** The meetings' names, in a row above the timeline; nothing for a board of one meeting. */
export function meetingNames(events: readonly ReplayEvent[], fraction: (time: number) => number) {
  const starts = meetingStarts(events);
  if (starts.length === 0) return nothing;
  return html`<div class="meetings">
    ${starts.map(
      (event) =>
        html`<span
          class="meeting-name ${fraction(event.at) > NAME_FLIPS_AT ? 'flipped' : ''}"
          ${cssProperties({ left: `${(fraction(event.at) * 100).toFixed(3)}%` })}
          title=${clockText(event.at)}
          >${meetingLabel(event.meeting as number)}</span
        >`,
    )}
  </div>`;
}

/** The lines where the meetings began, across the timeline's track. */
export function meetingLines(events: readonly ReplayEvent[], fraction: (time: number) => number) {
  return meetingStarts(events).map(
    (event) =>
      html`<span
        class="meeting-line"
        ${cssProperties({ left: `${(fraction(event.at) * 100).toFixed(3)}%` })}
      ></span>`,
  );
}

export const meetingMarkStyles = css`
  .meetings {
    position: relative;
    height: 16px;
    font-size: 11.5px;
    font-weight: 600;
    line-height: 16px;
    color: var(--k-color-text);
  }
  .meeting-name {
    position: absolute;
    top: 0;
    padding-left: 4px;
    white-space: nowrap;
    border-left: 2px solid var(--k-color-text);
  }
  .meeting-name.flipped {
    padding: 0 4px 0 0;
    border-left: none;
    border-right: 2px solid var(--k-color-text);
    transform: translateX(-100%);
  }
  .meeting-line {
    position: absolute;
    top: 0;
    bottom: 0;
    width: 2px;
    margin-left: -1px;
    background: var(--k-color-text);
    pointer-events: none;
  }
`;
