import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement } from 'lit';
import { cssProperties } from '../ui/css-properties.ts';
import { PHASE_COLORS } from '../ui/design-tokens.ts';
import { phaseIndicatorText } from '../ui/phase-text.ts';
import { sharedStyles } from '../ui/shared-styles.ts';
import { eventText, type PhaseSegment, type ReplayEvent } from './replay-events.ts';
import { meetingLines, meetingMarkStyles, meetingNames } from './replay-meeting-marks.ts';
import { roundLines, roundMarkStyles, roundNames, roundStarts } from './replay-round-marks.ts';
import { clockText, replayTimeText } from './replay-time-text.ts';

export interface ReplaySeekDetail {
  time: number;
}

/**
 * The session from its start to its end: the phases as coloured stretches, a marker per event, where each
 * meeting and each round of the circle began (a round's name goes to its start), and the time shown. It is a slider ("Time"): pressing or dragging on it fires `replay-seek`
 * with the time under the pointer; the page handles its keys, as it does everywhere on the replay.
 */
export class ReplayTimeline extends LitElement {
  static override properties = {
    start: { type: Number },
    end: { type: Number },
    time: { type: Number },
    segments: { attribute: false },
    events: { attribute: false },
  };

  declare start: number;
  declare end: number;
  declare time: number;
  declare segments: readonly PhaseSegment[];
  declare events: readonly ReplayEvent[];

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.start = 0;
    this.end = 0;
    this.time = 0;
    this.segments = [];
    this.events = [];
  }

  static override styles = [
    sharedStyles,
    meetingMarkStyles,
    roundMarkStyles,
    css`
      :host {
        display: block;
      }
      .slider {
        position: relative;
        height: 34px;
        cursor: pointer;
        touch-action: none;
        border-radius: var(--k-radius-sm);
        outline: none;
      }
      .slider:focus-visible {
        box-shadow: 0 0 0 2px var(--k-color-focus);
      }
      .track {
        position: absolute;
        left: 0;
        right: 0;
        top: 14px;
        height: 10px;
        border-radius: var(--k-radius-full);
        background: var(--k-color-border);
        overflow: hidden;
      }
      .segment {
        position: absolute;
        top: 0;
        bottom: 0;
        opacity: 0.85;
      }
      .marker {
        position: absolute;
        top: 2px;
        width: 2px;
        height: 10px;
        margin-left: -1px;
        border-radius: 1px;
        background: var(--k-color-text-muted);
      }
      .marker.phase {
        background: var(--k-color-text);
        height: 12px;
        top: 0;
      }
      .thumb {
        position: absolute;
        top: 9px;
        width: 4px;
        height: 20px;
        margin-left: -2px;
        border-radius: 2px;
        background: var(--k-color-accent);
        box-shadow: 0 0 0 2px var(--k-color-surface);
        pointer-events: none;
      }
      .ends {
        display: flex;
        justify-content: space-between;
        font-size: 11.5px;
        color: var(--k-color-text-muted);
        font-variant-numeric: tabular-nums;
      }
    `,
  ];

  override render() {
    const span = Math.max(1, this.end - this.start);
    const at = (t: number): number => (Math.min(Math.max(t, this.start), this.end) - this.start) / span;
    const percent = (t: number): string => `${(at(t) * 100).toFixed(3)}%`;
    const rounds = roundStarts(this.events);
    return html`${meetingNames(this.events, at)}<div
        class="slider"
        role="slider"
        tabindex="0"
        aria-label=${msg('Time', { desc: 'the replay’s timeline slider' })}
        aria-valuemin=${this.start}
        aria-valuemax=${this.end}
        aria-valuenow=${Math.round(this.time)}
        aria-valuetext=${replayTimeText(this.time, this.start)}
        @pointerdown=${this.onPointerDown}
        @pointermove=${this.onPointerMove}
        @pointerup=${this.onPointerUp}
        @pointercancel=${this.onPointerUp}
      >
        <div class="track">
          ${this.segments.map(
            (segment) =>
              html`<div
                class="segment"
                ${cssProperties({
                  left: percent(segment.from),
                  width: `${((at(segment.to) - at(segment.from)) * 100).toFixed(3)}%`,
                  background: PHASE_COLORS[segment.phase],
                })}
                title=${phaseIndicatorText(segment)}
              ></div>`,
          )}
        </div>
        ${this.events.map(
          (event) =>
            html`<span
              class="marker ${event.kind === 'phase' ? 'phase' : ''}"
              ${cssProperties({ left: percent(event.at) })}
              title="${clockText(event.at)} · ${eventText(event)}"
            ></span>`,
        )}
        ${meetingLines(this.events, at)} ${roundLines(rounds, at)}
        <div class="thumb" ${cssProperties({ left: percent(this.time) })}></div>
      </div>
      ${roundNames(rounds, at, (time) => this.seek(time))}
      <div class="ends" aria-hidden="true">
        <span>${clockText(this.start)}</span><span>${clockText(this.end)}</span>
      </div>`;
  }

  private dragging = false;

  private timeAt(event: PointerEvent): number {
    const rect = (event.currentTarget as HTMLElement).getBoundingClientRect();
    const fraction = rect.width > 0 ? (event.clientX - rect.left) / rect.width : 0;
    return this.start + Math.min(Math.max(fraction, 0), 1) * (this.end - this.start);
  }

  private seek(time: number): void {
    this.dispatchEvent(
      new CustomEvent<ReplaySeekDetail>('replay-seek', { detail: { time }, bubbles: true, composed: true }),
    );
  }

  private onPointerDown(event: PointerEvent): void {
    if (event.button !== 0) return;
    const slider = event.currentTarget as HTMLElement;
    slider.setPointerCapture(event.pointerId);
    slider.focus({ preventScroll: true });
    this.dragging = true;
    this.seek(this.timeAt(event));
  }

  private onPointerMove(event: PointerEvent): void {
    if (this.dragging) this.seek(this.timeAt(event));
  }

  private onPointerUp(): void {
    this.dragging = false;
  }
}

customElements.define('kompas-replay-timeline', ReplayTimeline);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-replay-timeline': ReplayTimeline;
  }
}
