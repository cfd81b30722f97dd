import type { PhasePosition, StepId } from '@kompas/model';
import type { BoardInfo } from '@kompas/protocol';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement } from 'lit';
import { type AccessProblem, accessProblem } from '../api/access-problem.ts';
import type { BoardCanvas } from '../canvas/board-canvas.ts';
import '../canvas/zoom-controls.ts';
import { BoardCore } from '../core/board-core.ts';
import type { CursorMoveDetail, ViewportChangeDetail } from '../core/board-events.ts';
import { isTypingTarget } from '../core/board-keys.ts';
import { BoardSession } from '../core/board-session.ts';
import {
  type BoardCommandDetail,
  type BoardView,
  type CommandContext,
  commandForKey,
  type FocusArea,
  runCommand,
} from '../core/commands.ts';
import { type LocalUser, loadLocalUser, saveLocalUser } from '../core/local-user.ts';
import type { MoveQuestion } from '../core/move-questions.ts';
import type { BoardPerson } from '../core/permissions.ts';
import { FollowController } from '../facilitation/follow/follow-controller.ts';
import { IssuesPanelState } from '../facilitation/issues/issues-state.ts';
import { RoundDialogsState } from '../facilitation/rounds/round-dialogs-state.ts';
import { VotingController } from '../facilitation/voting/voting-controller.ts';
import '../ui/problem-page.ts';
import { MediaQueryController, PHONE_LAYOUT } from '../ui/media-query.ts';
import { TimedValue } from '../ui/timed-value.ts';
import { ToastController } from '../ui/toast-message.ts';
import { BoardBindings } from './board-bindings.ts';
import { loadLaterParts } from './board-later-parts.ts';
import { openBoard } from './board-opening.ts';
import { boardPageStyles } from './board-page-styles.ts';
import { type BoardParts, renderBoard } from './board-parts.ts';
import './name-dialog.ts';
import type { NameChosenDetail } from './name-dialog.ts';

type PageState =
  | { kind: 'loading' }
  /** The link names a role, and this browser has no name yet to join the board with. */
  | { kind: 'naming'; info: BoardInfo }
  | { kind: 'problem'; problem: AccessProblem; retry: boolean }
  | { kind: 'ready'; info: BoardInfo; session: BoardSession; core: BoardCore; token: string };

const ANNOUNCEMENT_MS = 6000;

/**
 * One board, opened from its link: checks access, opens the document and its connection, asks for a name, and
 * shows the board. Every change goes through the board core (core/board-core.ts); this page is its view.
 */
export class BoardPage extends LitElement implements BoardView {
  static override properties = {
    boardId: { type: String, attribute: 'board-id' },
    state: { state: true },
    user: { state: true },
    zoom: { state: true },
    stepsOpen: { state: true },
    votingOpen: { state: true },
    votingDialogOpen: { state: true },
    detailsOpen: { state: true },
    detailsError: { state: true },
  };

  declare boardId: string;
  declare state: PageState;
  declare user: LocalUser;
  declare zoom: number;
  /** Whether the steps and diagnosis panel is shown. */
  declare stepsOpen: boolean;
  /** Whether the voting panel is shown; it opens by itself when a round opens. */
  declare votingOpen: boolean;
  /** Whether the facilitator is setting up a voting round. */
  declare votingDialogOpen: boolean;
  /** Whether the facilitator is changing the title and task, and why their last try was refused. */
  declare detailsOpen: boolean;
  declare detailsError: string;
  private readonly toast = new ToastController(this);
  readonly issues = new IssuesPanelState(this);
  /** The question before moving on, and the round view. */
  readonly rounds = new RoundDialogsState(this);
  /** The phase the group just moved to, announced for a few seconds. */
  private readonly announcement = new TimedValue<PhasePosition | null>(this, null, ANNOUNCEMENT_MS);
  /** A phone held upright: the board is shown as a list per phase (board-parts.ts). */
  readonly phoneLayout = new MediaQueryController(this, PHONE_LAYOUT);
  private readonly values = new BoardBindings(
    this,
    () => this.session,
    (position) => {
      this.announcement.show(position);
      this.rounds.groupMoved(position);
    },
  );
  private readonly voting = new VotingController(
    this,
    () => this.session?.controlDoc,
    () => this.session?.doc,
    {
      voter: () => ({ id: this.user.id, mayVote: !(this.core?.readOnly ?? true) }),
      onOpen: () => {
        this.votingOpen = true;
      },
    },
  );
  private readonly follow = new FollowController(this, {
    getControlDoc: () => this.session?.controlDoc,
    getAwareness: () => this.session?.connection.awareness,
    getUserId: () => this.user.id,
    show: (region) => this.canvas?.showRegion(region) ?? false,
  });

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.boardId = '';
    this.state = { kind: 'loading' };
    this.user = loadLocalUser();
    this.zoom = 1;
    this.stepsOpen = false;
    this.votingOpen = false;
    this.votingDialogOpen = false;
    this.detailsOpen = false;
    this.detailsError = '';
  }

  static override styles = boardPageStyles;

  private get session(): BoardSession | undefined {
    return this.state.kind === 'ready' ? this.state.session : undefined;
  }

  private get core(): BoardCore | undefined {
    return this.state.kind === 'ready' ? this.state.core : undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this.onKeyDown);
    void this.open();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('keydown', this.onKeyDown);
    this.session?.destroy();
    this.state = { kind: 'loading' };
  }

  private async open(): Promise<void> {
    const boardId = this.boardId;
    if (!boardId) return;
    this.state = { kind: 'loading' };
    const opening = await openBoard(
      boardId,
      this.user.name,
      () => this.isConnected && this.boardId === boardId,
    );
    if (!opening) return;
    if (opening.kind !== 'joined') {
      this.state = opening;
      return;
    }
    const { info, joined } = opening;
    // On this board, this browser is the person the server knows: its notes, votes and cursor carry that id.
    this.user = { ...this.user, id: joined.person.id, name: joined.person.name };
    const session = new BoardSession(boardId, joined.token, info.role, {
      id: joined.person.id,
      name: joined.person.name,
    });
    const page = this;
    const person: BoardPerson = {
      id: joined.person.id,
      role: info.role,
      get name() {
        return page.user.name;
      },
    };
    const core = new BoardCore(session, person, (text) => this.toast.show(text));
    if (opening.leading) core.enableLeading(opening.leading);
    this.state = { kind: 'ready', info, session, core, token: joined.token };
    this.publishPresence();
  }

  protected override updated(): void {
    const core = this.core;
    if (core) loadLaterParts({ canLead: core.canLead, phone: this.phoneLayout.matches });
    const title = this.pageTitle();
    document.title = msg(str`${title} · Kompas`, {
      desc: 'The browser tab of a board: its title, then the app',
    });
  }

  private pageTitle(): string {
    const state = this.state;
    if (state.kind === 'problem') return state.problem.title;
    if (state.kind === 'loading') return msg('Opening board');
    const refusal = this.values.refusal;
    if (refusal) return accessProblem(refusal.code, refusal.reason).title;
    return this.values.meta.value?.title ?? state.info.title;
  }

  override render() {
    const state = this.state;
    if (state.kind === 'loading') {
      return html`<div class="loading" role="status"><div><div class="spinner"></div>${msg('Opening board…')}</div></div>`;
    }
    if (state.kind === 'problem') return this.renderProblem(state.problem, state.retry);
    if (state.kind === 'naming') {
      return html`<kompas-name-dialog
        .open=${true}
        .boardTitle=${state.info.title}
        @name-chosen=${this.onNameChosen}
      ></kompas-name-dialog>`;
    }
    const refusal = this.values.refusal;
    if (refusal) return this.renderProblem(accessProblem(refusal.code, refusal.reason), false);
    const title = this.values.meta.value?.title ?? state.info.title;
    return html`${renderBoard(this.parts(state))}
      <kompas-name-dialog
        .open=${!this.user.name}
        .boardTitle=${title}
        @name-chosen=${this.onNameChosen}
      ></kompas-name-dialog>
      <kompas-shortcuts-dialog></kompas-shortcuts-dialog>`;
  }

  /** What the board's parts show, and where what they ask for goes. */
  private parts(state: Extract<PageState, { kind: 'ready' }>): BoardParts {
    return {
      page: this,
      ...state,
      values: this.values,
      user: this.user,
      voting: this.voting,
      follow: this.follow,
      zoom: this.zoom,
      announcement: this.announcement.value,
      stepsOpen: this.stepsOpen,
      votingOpen: this.votingOpen,
      votingDialogOpen: this.votingDialogOpen,
      detailsOpen: this.detailsOpen,
      detailsError: this.detailsError,
      toast: (text) => this.toast.show(text),
      toastMessage: this.toast.message,
    };
  }

  private renderProblem(problem: AccessProblem, retry: boolean) {
    return html`<kompas-problem-page
      .heading=${problem.title}
      .detail=${problem.detail}
      .retry=${retry}
      .discard=${problem.discardUnsent ?? false}
      @retry=${() => void this.open()}
      @discard=${() => void this.discardUnsent()}
    ></kompas-problem-page>`;
  }

  /**
   * Deletes this browser's copy of the rooms the server refused and opens the board anew; then writes back
   * the notes of the deleted copy that the server never received, so only the refused change is lost.
   */
  private async discardUnsent(): Promise<void> {
    const state = this.state;
    if (state.kind !== 'ready') return;
    this.state = { kind: 'loading' };
    const copies = await state.session.discardRefused();
    await this.open();
    const session = this.session;
    if (!session) return;
    const kept = await session.recover(copies);
    if (kept > 0 && this.session === session) {
      this.toast.show(
        `${kept} ${kept === 1 ? 'note' : 'notes'} written in this browser ${kept === 1 ? 'was' : 'were'} kept.`,
      );
    }
  }

  get canvas(): BoardCanvas | null {
    return this.renderRoot.querySelector('kompas-board-canvas');
  }

  // ---- presence, view and commands ------------------------------------------------------------------

  private publishPresence(): void {
    const awareness = this.session?.connection.awareness;
    if (!awareness || !this.user.name) return;
    const { id, name, color } = this.user;
    awareness.setLocalState({ user: { id, name, color }, cursor: null, ...this.follow.presence() });
  }

  private onNameChosen(event: CustomEvent<NameChosenDetail>): void {
    const { name } = event.detail;
    // The device keeps its own id; on a board this browser goes by the person id the server issued.
    saveLocalUser({ ...loadLocalUser(), name });
    this.user = { ...this.user, name };
    if (this.state.kind === 'naming') void this.open();
  }

  onCursorMove(event: CustomEvent<CursorMoveDetail>): void {
    const awareness = this.session?.connection.awareness;
    if (!awareness || !this.user.name) return;
    awareness.setLocalStateField('cursor', event.detail.cursor);
  }

  onViewportChange(event: CustomEvent<ViewportChangeDetail>): void {
    this.zoom = event.detail.scale;
    this.follow.viewChanged(event.detail.region, event.detail.byPerson);
  }

  addNote(): void {
    this.canvas?.addNote();
  }

  zoomIn(): void {
    this.canvas?.zoomIn();
  }

  zoomOut(): void {
    this.canvas?.zoomOut();
  }

  zoomToFit(): void {
    this.canvas?.zoomToFit();
  }

  focusOn(area: FocusArea): void {
    this.canvas?.focusOn(area);
  }

  toggleSteps(): void {
    this.stepsOpen = !this.stepsOpen;
  }

  toggleIssues(): void {
    this.issues.toggle();
  }

  toggleVoting(): void {
    this.votingOpen = !this.votingOpen;
  }

  ask(question: MoveQuestion | null): void {
    this.rounds.ask(question);
  }

  showRounds(step: StepId | null): void {
    this.rounds.showView(step);
  }

  showVotingDialog(open: boolean): void {
    this.votingDialogOpen = open;
  }

  showShortcuts(): void {
    const dialog = this.renderRoot.querySelector('kompas-shortcuts-dialog');
    if (dialog) dialog.open = true;
  }

  /** Opens or closes the title and task dialog; a refusal's words keep it open and show in it. */
  showDetails(open: boolean | string): void {
    this.detailsOpen = open !== false;
    this.detailsError = typeof open === 'string' ? open : '';
  }

  serverNow(): number {
    return this.renderRoot.querySelector('kompas-timer')?.clock?.now() ?? Date.now();
  }

  private get commandContext(): CommandContext | null {
    const core = this.core;
    return core ? { core, view: this } : null;
  }

  onCommand(event: CustomEvent<BoardCommandDetail>): void {
    const context = this.commandContext;
    if (context) runCommand(event.detail.command, context);
  }

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    const command = commandForKey(event);
    const context = this.commandContext;
    if (!command || isTypingTarget(event.composedPath()[0])) return;
    event.preventDefault();
    if (context && command.when(context)) command.run(context);
  };
}

customElements.define('kompas-board-page', BoardPage);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-board-page': BoardPage;
  }
}
