import type { ConnectionStatus, RoomConnection } from '@kompas/client';
import { MINUTE_MS, TIMER_MAX_MS, type TimerState, timerRemaining } from '@kompas/model';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement, nothing, svg } from 'lit';
import type { BoardCore } from '../../core/board-core.ts';
import { timerState } from '../../core/board-values.ts';
import type { TimerActions } from '../../core/timer-actions.ts';
import { TEST_BUILD } from '../../testing/test-build.ts';
import { installTimerTestHooks } from '../../testing/timer-hooks.ts';
import { BoundValue } from '../../ui/bound-value.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { countdownSeconds, countdownText, durationLabel } from '../../ui/timer-text.ts';
import { ServerClock } from './server-clock.ts';
import { playChime } from './timer-chime.ts';
import { timerStyles } from './timer-styles.ts';

/** The durations a facilitator picks with one click. */
const PRESET_MINUTES = [2, 5, 10, 15];
const CUSTOM_MAX_MINUTES = TIMER_MAX_MS / MINUTE_MS;
/** Clocks drift; the estimate of the server's time is renewed now and then, besides on every reconnect. */
const CLOCK_REFRESH_MS = 10 * 60_000;
const POPOVER_GAP = 8;

const clockIcon = svg`<svg class="icon" viewBox="0 0 24 24" width="16" height="16" fill="none" stroke="currentColor"
  stroke-width="1.75" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false"
  ><circle cx="12" cy="13" r="8"/><path d="M12 9v4l2.5 2.5M10 2h4"/></svg>`;

/**
 * The workshop timer in the header: the countdown everyone sees while it runs or is paused, and for a
 * facilitator a "Timer" button with the controls. Every client counts down to the same moment on the
 * server's clock, estimated here, so they agree however their own clocks are set.
 */
export class TimerWidget extends LitElement {
  static override properties = {
    connection: { attribute: false },
    canLead: { type: Boolean, attribute: 'can-lead' },
    core: { attribute: false },
    problem: { state: true },
  };

  /** The board's control room, which holds the timer. */
  declare connection: RoomConnection | undefined;
  /** Whether this person runs the timer: facilitators only. */
  declare canLead: boolean;
  /** The board core, which carries out each press. */
  declare core: BoardCore | undefined;
  /** Why the last press was refused, shown in the controls. */
  declare problem: string;

  readonly clock = new ServerClock();
  private readonly timer = new BoundValue(this, () => this.connection, timerState, undefined);
  private tick: ReturnType<typeof setTimeout> | undefined;
  private clockRefresh: ReturnType<typeof setInterval> | undefined;
  private stopClockListener: (() => void) | null = null;
  private removeTestHooks: (() => void) | null = null;
  private watchedConnection: RoomConnection | undefined;
  /** What was left at the previous render of a running countdown, to notice it reaching zero here. */
  private lastRunning: { endsAt: number; remainingMs: number } | null = null;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.connection = undefined;
    this.canLead = false;
    this.core = undefined;
    this.problem = '';
  }

  static override styles = [sharedStyles, timerStyles];

  override connectedCallback(): void {
    super.connectedCallback();
    this.stopClockListener = this.clock.onChange(() => this.requestUpdate());
    void this.clock.estimate();
    this.clockRefresh = setInterval(() => void this.clock.estimate(), CLOCK_REFRESH_MS);
    // `window.kompasTimer`, for browser tests of the countdown: test builds only.
    if (TEST_BUILD) {
      this.removeTestHooks = installTimerTestHooks({
        remainingMs: () => {
          const timer = this.timer.value;
          return timer && timer.status !== 'idle' && this.clock.ready
            ? timerRemaining(timer, this.clock.now())
            : null;
        },
        clockReady: () => this.clock.ready,
        start: (durationMs) => {
          this.press((timer, now) => timer.startFor(durationMs, now));
        },
      });
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.tick);
    clearInterval(this.clockRefresh);
    this.stopClockListener?.();
    this.removeTestHooks?.();
    this.watchConnection(undefined);
  }

  protected override willUpdate(): void {
    this.watchConnection(this.connection);
  }

  /** A connection that comes back may have been away long: the clocks may have drifted since. */
  private watchConnection(connection: RoomConnection | undefined): void {
    if (connection === this.watchedConnection) return;
    this.watchedConnection?.off('status', this.onStatus);
    this.watchedConnection = connection;
    connection?.on('status', this.onStatus);
  }

  private readonly onStatus = (status: ConnectionStatus): void => {
    if (status === 'online') void this.clock.estimate();
  };

  override render() {
    const timer = this.timer.value;
    if (!timer) return nothing;
    const remaining = timerRemaining(timer, this.clock.now());
    const expired = timer.status === 'running' && remaining === 0;
    // A facilitator's Timer button, showing just its clock while a countdown runs, stands in for the icon.
    return html`${this.canLead ? this.renderControls(timer, remaining) : nothing}
      ${timer.status === 'idle' ? nothing : this.renderCountdown(timer, remaining, expired)}
      <span class="time-up" role="status">${expired ? msg('Time is up') : ''}</span>`;
  }

  protected override updated(): void {
    const timer = this.timer.value;
    if (!timer) return;
    const remaining = timerRemaining(timer, this.clock.now());
    this.noticeZero(timer, remaining);
    this.scheduleTick(timer, remaining);
  }

  private renderCountdown(timer: TimerState, remaining: number, expired: boolean) {
    // A running countdown read off the local clock could be minutes off; wait for the server's time.
    const known = timer.status !== 'running' || this.clock.ready;
    return html`<div
      class="countdown ${timer.status} ${expired ? 'expired' : ''}"
      role="timer"
      aria-label=${msg('Timer')}
      aria-busy=${known ? 'false' : 'true'}
    >
      ${this.canLead ? nothing : clockIcon}<span class="time">${known ? countdownText(remaining) : '–:––'}</span>
      ${timer.status === 'paused' ? html`<span class="state">${msg('Paused')}</span>` : nothing}
    </div>`;
  }

  private renderControls(timer: TimerState, remaining: number) {
    const ready = this.clock.ready;
    return html`<button
        class="button"
        popovertarget="timer-controls"
        title=${msg('Timer')}
        @click=${() => {
          this.problem = '';
        }}
      >
        ${clockIcon}<span class="label ${timer.status === 'idle' ? '' : 'visually-hidden'}">${msg('Timer')}</span>
      </button>
      <div id="timer-controls" popover role="dialog" aria-labelledby="timer-controls-title" @toggle=${this.onToggle}>
        <h2 id="timer-controls-title">${msg('Timer')}</h2>
        <p class="readout" aria-hidden="true">${countdownText(remaining)}</p>
        ${timer.status === 'idle' ? this.renderDurationPicker(timer) : nothing}
        <div class="actions">
          ${
            timer.status === 'running'
              ? html`<button class="button" ?disabled=${!ready} @click=${() => this.press((timer, now) => timer.pause(now))}>${msg('Pause')}</button>`
              : html`<button class="button primary" ?disabled=${!ready} @click=${() => this.press((timer, now) => timer.start(now))}>
                  ${timer.status === 'paused' ? msg('Resume') : msg('Start')}
                </button>`
          }
          <button class="button" ?disabled=${!ready} @click=${() => this.press((timer, now) => timer.addMinute(now))}>${msg('+1 min')}</button>
          ${
            timer.status === 'idle'
              ? nothing
              : html`<button class="button" ?disabled=${!ready} @click=${() => this.press((timer, now) => timer.reset(now))}>${msg('Reset')}</button>`
          }
        </div>
        ${ready ? nothing : html`<p class="problem" role="status">${msg("Checking the server's clock…")}</p>`}
        ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : nothing}
      </div>`;
  }

  private renderDurationPicker(timer: TimerState) {
    return html`<div class="presets" role="group" aria-label=${msg('Duration')}>
        ${PRESET_MINUTES.map((minutes) => {
          const durationMs = minutes * MINUTE_MS;
          return html`<button
            class="button"
            aria-pressed=${timer.durationMs === durationMs ? 'true' : 'false'}
            @click=${() => this.press((timer, now) => timer.setDuration(durationMs, now))}
          >
            ${durationLabel(durationMs)}
          </button>`;
        })}
      </div>
      <form @submit=${this.onCustomDuration}>
        <div class="field">
          <label for="custom-minutes">${msg('Custom minutes')}</label>
          <input id="custom-minutes" name="minutes" type="number" min="1" max=${CUSTOM_MAX_MINUTES} step="1" required />
        </div>
        <button class="button" type="submit" ?disabled=${!this.clock.ready}>${msg('Set', { desc: 'sets the timer to the minutes typed' })}</button>
      </form>`;
  }

  private onCustomDuration(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const minutes = Number(new FormData(form).get('minutes'));
    this.press((timer, now) => timer.setDuration(Math.round(minutes * MINUTE_MS), now));
    if (!this.problem) form.reset();
  }

  /** Places the open controls under the button, inside the window. */
  private onToggle(event: ToggleEvent): void {
    if (event.newState !== 'open') return;
    const popover = event.target as HTMLElement;
    const button = this.renderRoot.querySelector('[popovertarget]');
    if (!button) return;
    const anchor = button.getBoundingClientRect();
    const width = popover.offsetWidth;
    const left = Math.min(
      Math.max(POPOVER_GAP, anchor.right - width),
      window.innerWidth - width - POPOVER_GAP,
    );
    popover.style.left = `${left}px`;
    popover.style.top = `${anchor.bottom + POPOVER_GAP}px`;
  }

  /** Carries out one press on the timer at the server's time; a refusal is shown in the controls. */
  private press(action: (timer: TimerActions, now: number) => string | undefined): void {
    const timer = this.core?.timer;
    if (!timer || !this.connection || !this.canLead || !this.clock.ready) return;
    const problem = action(timer, this.clock.now());
    if (problem !== undefined) this.problem = problem;
  }

  /** The chime sounds only when this page saw the countdown reach zero, not when it opens an old one. */
  private noticeZero(timer: TimerState, remaining: number): void {
    const last = this.lastRunning;
    if (timer.status !== 'running' || !this.clock.ready) {
      this.lastRunning = null;
      return;
    }
    if (last && last.endsAt === timer.endsAt && last.remainingMs > 0 && remaining === 0) playChime();
    this.lastRunning = { endsAt: timer.endsAt, remainingMs: remaining };
  }

  /** Renders again when the shown second changes, rather than on every frame. */
  private scheduleTick(timer: TimerState, remaining: number): void {
    clearTimeout(this.tick);
    if (timer.status !== 'running' || remaining === 0) return;
    const untilNextSecond = remaining - (countdownSeconds(remaining) - 1) * 1000;
    this.tick = setTimeout(() => this.requestUpdate(), untilNextSecond + 5);
  }
}

customElements.define('kompas-timer', TimerWidget);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-timer': TimerWidget;
  }
}
