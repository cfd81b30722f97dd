import type { BoardInfo } from '@kompas/protocol';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement, nothing } from 'lit';
import { type AccessProblem, accessProblem, MISSING_TOKEN_PROBLEM } from '../api/access-problem.ts';
import { ApiError, fetchBoardInfo } from '../api/api.ts';
import { takePageBoardToken } from '../api/board-token.ts';
import '../canvas/board-canvas.ts';
import type { BoardCanvas } from '../canvas/board-canvas.ts';
import { isTypingTarget } from '../core/board-keys.ts';
import '../notes/notes-list.ts';
import '../export/export-menu.ts';
import { cssProperties } from '../ui/css-properties.ts';
import { logoMark } from '../ui/icons.ts';
import { phaseIndicatorText } from '../ui/phase-text.ts';
import '../ui/problem-page.ts';
import { boardPath, navigate } from '../ui/router.ts';
import { sharedStyles } from '../ui/shared-styles.ts';
import { ToastController } from '../ui/toast-message.ts';
import { RecordingApi } from './replay-api.ts';
import './replay-controls.ts';
import type {
  ReplayCommand,
  ReplayCommandDetail,
  ReplaySpeed,
  ReplaySpeedDetail,
} from './replay-controls.ts';
import { adjacentEvent } from './replay-events.ts';
import { installReplayHooks } from './replay-hooks.ts';
import { ReplayMoment, replayedTimerText } from './replay-moment.ts';
import { replayPageStyles } from './replay-page-styles.ts';
import { replayProblems } from './replay-problems.ts';
import { ReplaySession } from './replay-session.ts';
import { replayTimeText } from './replay-time-text.ts';
import './replay-timeline.ts';
import type { ReplaySeekDetail } from './replay-timeline.ts';
import { ReplayVotes } from './replay-votes.ts';

type PageState =
  | { kind: 'loading' }
  | { kind: 'problem'; problem: AccessProblem }
  | { kind: 'ready'; info: BoardInfo; session: ReplaySession; token: string };

/** The arrow keys move the time shown by this much. */
const ARROW_STEP_MS = 10_000;
/** How often the page asks whether the workshop went on, so the timeline grows while it does. */
const FOLLOW_INTERVAL_MS = 5000;
/** While playing, the next entries and presence are fetched this often ahead of need. */
const READ_AHEAD_INTERVAL_MS = 1000;

/**
 * A board's session played back (`/b/<id>/replay`), opened with any of its links and read-only: the board as
 * it was at the time shown, with the cursors, phase, timer and votes of that moment, and a timeline to play,
 * pause and seek. While the workshop goes on the timeline grows.
 */
export class ReplayPage extends LitElement {
  static override properties = {
    boardId: { type: String, attribute: 'board-id' },
    state: { state: true },
    playing: { state: true },
    speed: { state: true },
  };

  declare boardId: string;
  declare state: PageState;
  declare playing: boolean;
  declare speed: ReplaySpeed;
  private frame = 0;
  private lastFrame = 0;
  private lastReadAhead = 0;
  /** Set while playing waits for entries to load; frames pass without moving. */
  private waiting = false;
  /** The latest time asked for while a seek is under way, taken up when it is done. */
  private seekTarget: number | null = null;
  private seeking: Promise<void> | null = null;
  private followTimer: ReturnType<typeof setInterval> | undefined;
  private readonly toast = new ToastController(this);
  private readonly moment = new ReplayMoment();
  private readonly votes = new ReplayVotes();
  private removeHooks: (() => void) | null = null;
  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.boardId = '';
    this.state = { kind: 'loading' };
    this.playing = false;
    this.speed = 1;
  }

  static override styles = [sharedStyles, replayPageStyles];

  private get session(): ReplaySession | undefined {
    return this.state.kind === 'ready' ? this.state.session : undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this.onKeyDown);
    void this.open();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('keydown', this.onKeyDown);
    cancelAnimationFrame(this.frame);
    clearInterval(this.followTimer);
    this.removeHooks?.();
    this.removeHooks = null;
    this.playing = false;
    this.state = { kind: 'loading' };
  }

  private async open(): Promise<void> {
    const boardId = this.boardId;
    if (!boardId) return;
    const token = takePageBoardToken(boardId);
    if (!token) {
      this.state = { kind: 'problem', problem: MISSING_TOKEN_PROBLEM };
      return;
    }
    try {
      const info = await fetchBoardInfo(boardId, token);
      const session = new ReplaySession(new RecordingApi(boardId, token));
      await session.open();
      if (!this.isConnected || this.boardId !== boardId) return;
      this.state = { kind: 'ready', info, session, token };
      this.followTimer = setInterval(() => void this.followWorkshop(), FOLLOW_INTERVAL_MS);
      this.removeHooks = installReplayHooks(session, {
        seek: async (t) => {
          await this.seekTo(t);
          await this.updateComplete;
          await this.canvas?.updateComplete;
        },
        position: () => this.moment.position(session),
        cursors: () => this.moment.cursors(session),
      });
    } catch (error) {
      const problem =
        error instanceof ApiError && !error.unreachable
          ? accessProblem(error.status, error.message)
          : replayProblems().unreadable;
      this.state = { kind: 'problem', problem };
    }
  }

  protected override updated(): void {
    const state = this.state;
    const title =
      state.kind === 'ready'
        ? msg(str`Replay of ${state.info.title}`)
        : state.kind === 'problem'
          ? state.problem.title
          : msg('Opening replay');
    document.title = [title, 'Kompas'].join(' · ');
  }

  // ---- rendering ----------------------------------------------------------------------------------

  override render() {
    const state = this.state;
    if (state.kind === 'loading') {
      return html`<div class="loading" role="status">${msg('Opening the replay…')}</div>`;
    }
    if (state.kind === 'problem') {
      return html`<kompas-problem-page
        .heading=${state.problem.title}
        .detail=${state.problem.detail}
      ></kompas-problem-page>`;
    }
    const { info, session, token } = state;
    const position = this.moment.position(session);
    const timer = replayedTimerText(session);
    return html`<kompas-skip-to-list></kompas-skip-to-list><header>
        <a class="home" href="/" aria-label=${msg('Kompas home')}>${logoMark(26)}</a>
        <div class="titles">
          <h1 title=${info.title}>${info.title || msg('Untitled workshop')}</h1>
          <span class="badge">${msg('Replay')}</span>
        </div>
        <div class="moment" role="group" aria-label=${msg('At this moment')}>
          <span
            class="phase"
            ${cssProperties({ '--phase-color': position ? `var(--k-phase-${position.phase})` : undefined })}
            >${position ? phaseIndicatorText(position) : msg('Not started')}</span
          >
          ${timer ? html`<span class="timer">${timer}</span>` : nothing}
        </div>
        <kompas-export-menu
          .boardId=${info.id}
          .token=${token}
          .boardTitle=${info.title}
          .image=${this.boardImage}
          .imageHint=${msg('The whole circle at the time shown')}
          .meetings=${() => session.meetings()}
          @export-failed=${(event: HTMLElementEventMap['export-failed']) => this.toast.show(event.detail.message)}
        ></kompas-export-menu>
        <a class="button" href=${boardPath(info.id)} @click=${this.onBackToBoard}>${msg('Back to the board')}</a>
      </header>
      <div class="body">
        <kompas-board-canvas
          .notes=${session.board}
          .task=${info.task}
          .position=${position}
          .readOnly=${true}
          .votes=${this.votes.canvasVotes(session)}
          .cursors=${this.moment.cursors(session)}
        ></kompas-board-canvas>
        <kompas-notes-list .notes=${session.board} .position=${position} .votes=${this.votes.canvasVotes(session)} read-only></kompas-notes-list>
      </div>
      <section class="playback" aria-label=${msg('Playback')}>
        <div class="bar">
          <kompas-replay-controls
            .playing=${this.playing}
            .speed=${this.speed}
            @replay-command=${(event: CustomEvent<ReplayCommandDetail>) => this.run(event.detail.command)}
            @replay-speed=${(event: CustomEvent<ReplaySpeedDetail>) => {
              this.speed = event.detail.speed;
            }}
          ></kompas-replay-controls>
          <span class="time">${replayTimeText(session.time, session.start)}</span>
        </div>
        <kompas-replay-timeline
          .start=${session.start}
          .end=${session.end}
          .time=${session.time}
          .segments=${session.segments}
          .events=${session.events}
          @replay-seek=${(event: CustomEvent<ReplaySeekDetail>) => void this.seekTo(event.detail.time)}
        ></kompas-replay-timeline>
      </section>
      <kompas-toast .message=${this.toast.message}></kompas-toast>`;
  }

  private get canvas(): BoardCanvas | null {
    return this.renderRoot.querySelector('kompas-board-canvas');
  }

  /** The board at the time shown, for the export menu. */
  private readonly boardImage = (): Promise<Blob> =>
    this.canvas?.image() ?? Promise.reject(new Error(msg('The board is not shown yet')));

  private onBackToBoard(event: MouseEvent): void {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(boardPath(this.boardId));
  }

  // ---- time -----------------------------------------------------------------------------------------

  /** Shows time `t`; seeks asked for while one is under way collapse into the latest. */
  private seekTo(t: number): Promise<void> {
    this.seekTarget = t;
    this.seeking ??= this.seekLoop().finally(() => {
      this.seeking = null;
    });
    return this.seeking;
  }

  private async seekLoop(): Promise<void> {
    const session = this.session;
    while (session && this.seekTarget !== null) {
      const target = this.seekTarget;
      this.seekTarget = null;
      try {
        await session.seek(target);
      } catch {
        this.toast.show(replayProblems().moment);
      }
      this.requestUpdate();
    }
    this.lastFrame = performance.now();
  }

  private run(command: ReplayCommand): void {
    const session = this.session;
    if (!session) return;
    switch (command) {
      case 'play':
        void this.play();
        break;
      case 'pause':
        this.pause();
        break;
      case 'previous-event':
      case 'next-event': {
        const event = adjacentEvent(session.events, session.time, command === 'next-event' ? 1 : -1);
        if (event) void this.seekTo(event.at);
        break;
      }
    }
  }

  private async play(): Promise<void> {
    const session = this.session;
    if (!session || this.playing) return;
    this.playing = true;
    if (session.time >= session.end) await this.seekTo(session.start);
    this.lastFrame = performance.now();
    this.lastReadAhead = 0;
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(this.onFrame);
  }

  private pause(): void {
    this.playing = false;
    cancelAnimationFrame(this.frame);
  }

  /** One frame of playing: moves the time shown on by the time passed, times the speed. */
  private readonly onFrame = (now: number): void => {
    const session = this.session;
    if (!session || !this.playing) return;
    const elapsed = now - this.lastFrame;
    this.lastFrame = now;
    if (!this.waiting && !this.seeking) {
      const target = Math.min(session.time + elapsed * this.speed, session.end);
      if (session.advance(target)) {
        this.requestUpdate();
        if (target >= session.end) {
          this.pause();
          return;
        }
      } else {
        void this.waitForEntries(session, target);
      }
      if (now - this.lastReadAhead > READ_AHEAD_INTERVAL_MS) {
        this.lastReadAhead = now;
        void session.readAhead().catch(() => undefined);
      }
    }
    this.frame = requestAnimationFrame(this.onFrame);
  };

  /** Loads the entries playing needs next; when they still do not reach, the time is sought instead. */
  private async waitForEntries(session: ReplaySession, target: number): Promise<void> {
    this.waiting = true;
    try {
      await session.readAhead();
      if (!session.advance(target)) await session.seek(target);
    } catch {
      this.pause();
      this.toast.show(replayProblems().more);
    } finally {
      this.waiting = false;
      this.lastFrame = performance.now();
      this.requestUpdate();
    }
  }

  private async followWorkshop(): Promise<void> {
    const session = this.session;
    if (!session) return;
    try {
      if (await session.follow()) this.requestUpdate();
    } catch {
      // The next look may reach the server again; the replay of what is loaded goes on meanwhile.
    }
  }

  // ---- keys ---------------------------------------------------------------------------------------

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    const session = this.session;
    const target = event.composedPath()[0];
    if (!session || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (isTypingTarget(target)) return;
    // A focused button or link answers Space and Enter itself.
    const activates = target instanceof HTMLElement && ['BUTTON', 'A'].includes(target.tagName);
    let handled = true;
    switch (event.key) {
      case ' ':
        if (activates) return;
        this.run(this.playing ? 'pause' : 'play');
        break;
      case 'ArrowLeft':
      case 'ArrowRight': {
        const forward = event.key === 'ArrowRight';
        if (event.shiftKey) this.run(forward ? 'next-event' : 'previous-event');
        else void this.seekTo(session.time + (forward ? ARROW_STEP_MS : -ARROW_STEP_MS));
        break;
      }
      case 'Home':
        void this.seekTo(session.start);
        break;
      case 'End':
        void this.seekTo(session.end);
        break;
      default:
        handled = false;
    }
    if (handled) event.preventDefault();
  };
}

customElements.define('kompas-replay-page', ReplayPage);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-replay-page': ReplayPage;
  }
}
