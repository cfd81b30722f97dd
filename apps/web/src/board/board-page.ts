import type { Refusal } from '@kompas/client';
import {
  closeVotingRound,
  createNote,
  deleteNote,
  editNote,
  endPrivateRound,
  getNote,
  getPhase,
  isModelError,
  isPrivateRoundRunning,
  type LockMode,
  lockedPhaseOf,
  lockedPhases,
  ModelError,
  mayDeleteNote,
  moveNote,
  type Note,
  nextPhase,
  openVotingRound,
  type PhaseId,
  type PhaseMoveOptions,
  type PhasePosition,
  placeVote,
  previousPhase,
  publishDrafts,
  recolorNote,
  type Step,
  setBoardLock,
  setStepStatus,
  startFacilitation,
  startFollowing,
  startPrivateRound,
  stopFollowing,
  takeBackVote,
} from '@kompas/model';
import { css, html, LitElement, nothing } from 'lit';
import type * as Y from 'yjs';
import { type AccessProblem, accessProblem, MISSING_TOKEN_PROBLEM } from '../api/access-problem.ts';
import { ApiError, type BoardInfo, fetchBoardInfo, type JoinedPerson, joinBoard } from '../api/api.ts';
import '../canvas/board-canvas.ts';
import type { BoardCanvas } from '../canvas/board-canvas.ts';
import type {
  CursorMoveDetail,
  NoteCreateDetail,
  NoteDeleteDetail,
  NoteEditDetail,
  NoteLockedDetail,
  NoteMoveDetail,
  NoteRecolorDetail,
  ViewportChangeDetail,
} from '../core/board-events.ts';
import './board-header.ts';
import { recallBoardInfo, rememberBoardInfo } from '../api/board-info-cache.ts';
import { takePageBoardToken } from '../api/board-token.ts';
import { isTypingTarget, undoKeyCommand } from '../core/board-keys.ts';
import { BoardSession } from '../core/board-session.ts';
import { liveNoteSource } from '../core/live-note-source.ts';
import type { BoardCommandDetail } from './board-header.ts';
import '../export/export-menu.ts';
import type { ExportFailedDetail } from '../export/export-menu.ts';
import { FacilitationController } from '../facilitation/phases/facilitation-controller.ts';
import '../facilitation/follow/follow-bar.ts';
import { type LocalUser, loadLocalUser, saveLocalUser } from '../core/local-user.ts';
import type { FollowCommandDetail } from '../facilitation/follow/follow-bar.ts';
import { FollowController } from '../facilitation/follow/follow-controller.ts';
import { LockController } from '../facilitation/lock/lock-controller.ts';
import '../facilitation/lock/lock-menu.ts';
import type { LockChangeDetail } from '../facilitation/lock/lock-menu.ts';
import '../facilitation/lock/lock-status.ts';
import './name-dialog.ts';
import { resolvePerson } from '../api/person.ts';
import { lockRefusalText, undoWithinLock } from '../facilitation/lock/note-lock.ts';
import type { NameChosenDetail } from './name-dialog.ts';
import '../notes/notes-list.ts';
import '../facilitation/phases/open-steps-dialog.ts';
import '../facilitation/phases/phase-announcement.ts';
import { PresenceController } from '../presence/presence-controller.ts';
import '../ui/problem-page.ts';
import { PrivateRoundController } from '../facilitation/brainstorm/brainstorm-bar.ts';
import { navigate, replayPath } from '../ui/router.ts';
import { BoardMetaController, ConnectionController, UndoController } from './session-controllers.ts';
import '../facilitation/phases/steps-panel.ts';
import type { StepStatusChangeDetail } from '../facilitation/phases/steps-panel.ts';
import '../facilitation/timer/timer-widget.ts';
import { ToastController } from '../ui/toast-message.ts';
import '../canvas/zoom-controls.ts';
import { VotingController } from '../facilitation/voting/voting-controller.ts';
import '../facilitation/voting/voting-dialog.ts';
import type { VotingStartDetail } from '../facilitation/voting/voting-dialog.ts';
import '../facilitation/voting/voting-panel.ts';
import type { NoteVoteDetail } from '../core/board-events.ts';
import '../facilitation/voting/voting-status.ts';

type PageState =
  | { kind: 'loading' }
  /** The link names a role, and this browser has no name yet to join the board with. */
  | { kind: 'naming'; info: BoardInfo }
  | { kind: 'problem'; problem: AccessProblem; retry: boolean }
  | { kind: 'ready'; info: BoardInfo; session: BoardSession; token: string };

const ANNOUNCEMENT_MS = 6000;

const UNREACHABLE: AccessProblem = {
  title: 'Kompas cannot be reached',
  detail: 'The board could not be loaded. Check your connection and try again.',
};

/** Friendlier words for the refusals people can run into by racing each other. */
function toastFor(error: ModelError): string {
  if (error.code === 'unknown-note') return 'That note was just deleted by someone else.';
  if (error.code === 'newer-schema')
    return 'This board was saved by a newer version of Kompas and cannot be changed here.';
  return error.message.endsWith('.') ? error.message : `${error.message}.`;
}

/**
 * One board, opened from its link: checks access, opens the document and its connection, asks for a
 * name, and carries out what the canvas and the header ask for through @kompas/model.
 */
export class BoardPage extends LitElement {
  static override properties = {
    boardId: { type: String, attribute: 'board-id' },
    state: { state: true },
    user: { state: true },
    zoom: { state: true },
    announcement: { state: true },
    stepsOpen: { state: true },
    openStepsToConfirm: { state: true },
    votingOpen: { state: true },
    votingDialogOpen: { state: true },
  };

  declare boardId: string;
  declare state: PageState;
  declare user: LocalUser;
  declare zoom: number;
  /** The phase the group just moved to, announced for a few seconds. */
  declare announcement: PhasePosition | null;
  /** Whether the steps and diagnosis panel is shown. */
  declare stepsOpen: boolean;
  /** The open steps the facilitator is asked about before moving on; empty when not asking. */
  declare openStepsToConfirm: readonly Step[];
  /** Where the group was when the facilitator was asked about open steps. */
  private moveOnFrom: PhasePosition | null = null;
  /** Whether the voting panel is shown; it opens by itself when a round opens. */
  declare votingOpen: boolean;
  /** Whether the facilitator is setting up a voting round. */
  declare votingDialogOpen: boolean;
  private readonly toast = new ToastController(this);
  private announcementTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly connection = new ConnectionController(this, () => this.session?.connection);
  private readonly controlConnection = new ConnectionController(this, () => this.session?.controlConnection);
  private readonly draftsConnection = new ConnectionController(
    this,
    () => this.session?.draftsConnection ?? undefined,
  );
  private readonly undo = new UndoController(this, () => this.session?.undo);
  private readonly meta = new BoardMetaController(this, () => this.session?.doc);
  private readonly facilitation = new FacilitationController(this, () => this.session?.controlConnection, {
    onMove: (position) => this.announce(position),
  });
  private readonly voting = new VotingController(
    this,
    () => this.session?.controlDoc,
    () => this.session?.doc,
    {
      voter: () => ({ id: this.user.id, mayVote: !this.readOnly }),
      onOpen: () => {
        this.votingOpen = true;
      },
    },
  );
  private readonly privateRound = new PrivateRoundController(this, () => this.session?.controlDoc);
  private readonly presence = new PresenceController(this, () => this.session?.connection.awareness, {
    cursors: false,
  });
  private readonly lock = new LockController(this, () => this.session?.controlDoc);
  private readonly follow = new FollowController(this, {
    getControlDoc: () => this.session?.controlDoc,
    getAwareness: () => this.session?.connection.awareness,
    getUserId: () => this.user.id,
    show: (region) => this.canvas?.showRegion(region) ?? false,
  });
  /** The locked phases last handed to the canvas, kept while they stay the same so it redraws only on change. */
  private lockedCache: { key: string; phases: PhaseId[] } = { key: '', phases: [] };

  constructor() {
    super();
    this.boardId = '';
    this.state = { kind: 'loading' };
    this.user = loadLocalUser();
    this.zoom = 1;
    this.announcement = null;
    this.stepsOpen = false;
    this.openStepsToConfirm = [];
    this.votingOpen = false;
    this.votingDialogOpen = false;
  }

  static override styles = css`
    :host {
      display: flex;
      flex-direction: column;
      height: 100%;
    }
    .body {
      position: relative;
      flex: 1 1 auto;
      min-height: 0;
    }
    kompas-board-canvas {
      position: absolute;
      inset: 0;
    }
    kompas-voting-panel {
      position: absolute;
      top: 0;
      left: 0;
      bottom: 0;
      z-index: 4;
      box-sizing: border-box;
      width: min(340px, 100%);
    }
    /* The board's own bar (follow, lock, brainstorm) moves aside while the voting panel is open. */
    kompas-follow-bar.beside-panel {
      --bar-left: calc(min(340px, 100%) + 12px);
    }
    kompas-steps-panel {
      position: absolute;
      top: 0;
      right: 0;
      bottom: 0;
      z-index: 4;
      box-sizing: border-box;
      width: min(360px, 100%);
    }
    .banner {
      position: absolute;
      top: 12px;
      left: 50%;
      transform: translateX(-50%);
      z-index: 3;
      padding: 8px 14px;
      border-radius: var(--k-radius-full);
      background: var(--k-color-warning-soft);
      color: var(--k-color-warning);
      font-size: 13px;
      font-weight: 550;
      box-shadow: var(--k-shadow-md);
    }
    .replay-link {
      display: inline-flex;
      align-items: center;
      height: 34px;
      padding: 0 10px;
      border-radius: var(--k-radius-md);
      color: var(--k-color-text-muted);
      font-size: 13px;
      font-weight: 500;
      text-decoration: none;
    }
    .replay-link:hover {
      background: var(--k-color-surface-hover);
      color: var(--k-color-text);
    }
    .loading {
      display: grid;
      place-items: center;
      height: 100%;
      color: var(--k-color-text-muted);
    }
    .spinner {
      width: 28px;
      height: 28px;
      margin: 0 auto 12px;
      border-radius: 50%;
      border: 3px solid var(--k-color-border);
      border-top-color: var(--k-color-accent);
      animation: spin 0.8s linear infinite;
    }
    @keyframes spin {
      to {
        transform: rotate(360deg);
      }
    }
  `;

  private get session(): BoardSession | undefined {
    return this.state.kind === 'ready' ? this.state.session : undefined;
  }

  private get readOnly(): boolean {
    return (
      this.state.kind !== 'ready' || this.state.info.role === 'observer' || this.state.session.newerSchema
    );
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this.onKeyDown);
    void this.open();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('keydown', this.onKeyDown);
    clearTimeout(this.announcementTimer);
    this.session?.destroy();
    this.state = { kind: 'loading' };
  }

  private async open(): Promise<void> {
    const boardId = this.boardId;
    if (!boardId) return;
    this.state = { kind: 'loading' };
    const token = takePageBoardToken(boardId);
    if (!token) {
      this.state = { kind: 'problem', problem: MISSING_TOKEN_PROBLEM, retry: false };
      return;
    }
    let info: BoardInfo | undefined;
    try {
      info = await fetchBoardInfo(boardId, token);
      rememberBoardInfo(info);
    } catch (error) {
      if (error instanceof ApiError && !error.unreachable) {
        this.state = { kind: 'problem', problem: accessProblem(error.status, error.message), retry: false };
        return;
      }
      // Offline: a board kept on this device still opens, and syncs when the server is back.
      info = recallBoardInfo(boardId);
      if (!info) {
        this.state = { kind: 'problem', problem: UNREACHABLE, retry: true };
        return;
      }
    }
    if (!this.isConnected || this.boardId !== boardId) return;
    let joined: JoinedPerson | null;
    try {
      joined = await resolvePerson({
        boardId,
        linkToken: token,
        info,
        name: this.user.name,
        join: joinBoard,
      });
    } catch (error) {
      const problem =
        error instanceof ApiError && !error.unreachable
          ? accessProblem(error.status, error.message)
          : UNREACHABLE;
      this.state = { kind: 'problem', problem, retry: problem === UNREACHABLE };
      return;
    }
    if (!this.isConnected || this.boardId !== boardId) return;
    if (!joined) {
      this.state = { kind: 'naming', info };
      return;
    }
    // On this board, this browser is the person the server knows: its notes, votes and cursor carry that id.
    this.user = { ...this.user, id: joined.person.id, name: joined.person.name };
    const session = new BoardSession(boardId, joined.token, info.role, {
      id: joined.person.id,
      name: joined.person.name,
    });
    this.state = { kind: 'ready', info, session, token: joined.token };
    this.publishPresence();
  }

  protected override updated(): void {
    document.title = `${this.pageTitle()} · Kompas`;
  }

  private pageTitle(): string {
    const state = this.state;
    if (state.kind === 'problem') return state.problem.title;
    if (state.kind === 'loading') return 'Opening board';
    const refusal = this.refusal;
    if (refusal) return accessProblem(refusal.code, refusal.reason).title;
    return this.meta.meta?.title ?? state.info.title;
  }

  override render() {
    const state = this.state;
    if (state.kind === 'loading') {
      return html`<div class="loading" role="status"><div><div class="spinner"></div>Opening board…</div></div>`;
    }
    if (state.kind === 'problem') {
      return this.renderProblem(state.problem, state.retry);
    }
    if (state.kind === 'naming') {
      return html`<kompas-name-dialog
        .open=${true}
        .boardTitle=${state.info.title}
        @name-chosen=${this.onNameChosen}
      ></kompas-name-dialog>`;
    }
    const refusal = this.refusal;
    if (refusal) return this.renderProblem(accessProblem(refusal.code, refusal.reason), false);

    const { info, session, token } = state;
    const title = this.meta.meta?.title ?? info.title;
    const task = this.meta.meta?.task ?? info.task;
    const readOnly = this.readOnly;
    const position = this.facilitation.position;
    const notes = liveNoteSource(session.doc, session.draftsConnection ? session.draftsDoc : undefined);
    return html`<kompas-board-header
        .boardTitle=${title}
        .task=${task}
        .role=${info.role}
        .readOnly=${readOnly}
        .status=${this.connection.status}
        .peers=${this.presence.peers}
        .canUndo=${this.undo.canUndo}
        .canRedo=${this.undo.canRedo}
        .position=${position}
        .canLead=${this.canLead}
        .stepsOpen=${this.stepsOpen}
        .votingOpen=${this.votingOpen}
        @board-command=${this.onCommand}
      >
        <kompas-timer
          slot="timer"
          .connection=${session.controlConnection}
          .canLead=${this.canLead}
          .actor=${this.user.id}
        ></kompas-timer>
        <kompas-lock-status slot="lock" .mode=${this.lock.lock.mode} .phase=${this.currentPhase}></kompas-lock-status>
        <kompas-export-menu
          slot="export"
          .boardId=${info.id}
          .token=${token}
          .boardTitle=${title}
          .image=${this.boardImage}
          @export-failed=${(event: CustomEvent<ExportFailedDetail>) => this.toast.show(event.detail.message)}
        ></kompas-export-menu>
        <a slot="export" class="replay-link" href=${replayPath(info.id)} @click=${this.onReplayLink}>Replay</a>
      </kompas-board-header>
      <div class="body">
        ${
          session.newerSchema
            ? html`<div class="banner" role="note">
              This board was saved by a newer version of Kompas, so it is shown read-only.
            </div>`
            : nothing
        }
        <kompas-phase-announcement .position=${this.announcement}></kompas-phase-announcement>
        <kompas-follow-bar
          class=${this.votingOpen ? 'beside-panel' : ''}
          .session=${this.follow.session}
          .canLead=${this.canLead}
          .leading=${this.follow.leading}
          .following=${this.follow.following}
          .followerCount=${this.follow.followerCount}
          .leaderColor=${this.leaderColor}
          @follow-command=${this.onFollowCommand}
        >
          ${
            this.canLead
              ? html`<kompas-lock-menu .mode=${this.lock.lock.mode} @lock-change=${this.onLockChange}></kompas-lock-menu>
                  <kompas-brainstorm-start
                    .running=${this.privateRound.running}
                    @brainstorm-start=${this.onBrainstormStart}
                  ></kompas-brainstorm-start>`
              : nothing
          }
        </kompas-follow-bar>
        <kompas-board-canvas
          .notes=${notes}
          .awareness=${session.connection.awareness}
          .task=${task}
          .position=${position}
          .readOnly=${readOnly}
          .locked=${this.lockedPhases}
          .lockApplies=${this.lockApplies}
          .mayDelete=${this.mayDelete}
          @note-locked=${this.onNoteLocked}
          @note-create=${this.onNoteCreate}
          @note-edit=${this.onNoteEdit}
          @note-move=${this.onNoteMove}
          @note-recolor=${this.onNoteRecolor}
          @note-delete=${this.onNoteDelete}
          @cursor-move=${this.onCursorMove}
          @viewport-change=${this.onViewportChange}
          .votes=${this.voting.canvasVotes}
          @note-vote=${this.onNoteVote}
        ></kompas-board-canvas>
        <kompas-voting-status
          .state=${this.voting.state}
          .besidePanel=${this.votingOpen}
        ></kompas-voting-status>
        ${
          this.votingOpen
            ? html`<kompas-voting-panel
                .state=${this.voting.state}
                .canLead=${this.canLead}
                @voting-new=${() => {
                  this.votingDialogOpen = true;
                }}
                @voting-close=${this.onVotingClose}
                @note-vote=${this.onNoteVote}
              ></kompas-voting-panel>`
            : nothing
        }
        <kompas-notes-list .notes=${notes}></kompas-notes-list>
        <kompas-zoom-controls .zoom=${this.zoom} @board-command=${this.onCommand}></kompas-zoom-controls>
        <kompas-brainstorm-bar
          .running=${this.privateRound.running}
          .draftsConnection=${session.draftsConnection}
          .role=${info.role}
          .canLead=${this.canLead}
          @brainstorm-reveal=${this.onBrainstormReveal}
        ></kompas-brainstorm-bar>
        ${
          this.stepsOpen
            ? html`<kompas-steps-panel
                .doc=${session.doc}
                .facilitation=${this.facilitation.facilitation}
                .canLead=${this.canLead}
                @step-status-change=${this.onStepStatusChange}
              ></kompas-steps-panel>`
            : nothing
        }
      </div>
      <kompas-open-steps-dialog
        .steps=${this.openStepsToConfirm}
        @move-on=${this.onMoveOn}
        @stay=${this.onStay}
      ></kompas-open-steps-dialog>
      <kompas-voting-dialog
        .open=${this.votingDialogOpen}
        .phase=${position?.phase ?? null}
        @voting-start=${this.onVotingStart}
        @voting-cancel=${() => {
          this.votingDialogOpen = false;
        }}
      ></kompas-voting-dialog>
      <kompas-name-dialog
        .open=${!this.user.name}
        .boardTitle=${title}
        @name-chosen=${this.onNameChosen}
      ></kompas-name-dialog>
      <kompas-toast .message=${this.toast.message}></kompas-toast>`;
  }

  /** The server's refusal of any of the board's rooms: the board cannot be used without all three. */
  private get refusal(): Refusal | null {
    return this.connection.refusal ?? this.controlConnection.refusal ?? this.draftsConnection.refusal;
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

  private get canvas(): BoardCanvas | null {
    return this.renderRoot.querySelector('kompas-board-canvas');
  }

  // ---- presence ---------------------------------------------------------------------------------

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

  private onCursorMove(event: CustomEvent<CursorMoveDetail>): void {
    const awareness = this.session?.connection.awareness;
    if (!awareness || !this.user.name) return;
    awareness.setLocalStateField('cursor', event.detail.cursor);
  }

  // ---- writes -------------------------------------------------------------------------------------

  /** Runs one user action against the document as its own undo step; refusals become a toast. */
  private write(action: (session: BoardSession) => void): void {
    const session = this.session;
    if (!session || this.readOnly) return;
    session.undo.stopCapturing();
    try {
      action(session);
    } catch (error) {
      if (isModelError(error)) {
        this.toast.show(toastFor(error));
      } else {
        console.error(error);
        this.toast.show('Something went wrong; the change was not saved.');
      }
    }
    session.undo.stopCapturing();
  }

  private onNoteCreate(event: CustomEvent<NoteCreateDetail>): void {
    const { id, text, step, pos, color } = event.detail;
    const author = { id: this.user.id, name: this.user.name };
    // In a silent brainstorm every new note is a draft, a facilitator's too: only its author and the
    // facilitators see it until the reveal, so nobody's ideas steer the others'.
    this.write((session) => {
      const target = session.privateRoundRunning ? session.draftsDoc : session.doc;
      createNote(target, { id, text, step, pos, color, author });
    });
  }

  /** The document to change note `id` in; refuses someone else's draft, which only its author may change. */
  private noteDoc(session: BoardSession, id: string): Y.Doc {
    const doc = session.docOfNote(id);
    const draft = doc === session.draftsDoc ? getNote(doc, id) : undefined;
    if (draft && draft.authorId !== this.user.id) {
      throw new ModelError('private-note', 'Only its author can change a private note before it is revealed');
    }
    return doc;
  }

  private onNoteEdit(event: CustomEvent<NoteEditDetail>): void {
    this.write((session) =>
      editNote(this.noteDoc(session, event.detail.id), event.detail.id, event.detail.text),
    );
  }

  private onNoteMove(event: CustomEvent<NoteMoveDetail>): void {
    const { id, step, pos } = event.detail;
    this.write((session) => moveNote(this.noteDoc(session, id), id, step, pos));
  }

  private onNoteRecolor(event: CustomEvent<NoteRecolorDetail>): void {
    this.write((session) =>
      recolorNote(this.noteDoc(session, event.detail.id), event.detail.id, event.detail.color),
    );
  }

  private readonly mayDelete = (note: Note): boolean => {
    const role = this.state.kind === 'ready' ? this.state.info.role : 'observer';
    return mayDeleteNote(note, { person: this.user.id, role });
  };

  private onNoteDelete(event: CustomEvent<NoteDeleteDetail>): void {
    const { id } = event.detail;
    this.write((session) => {
      const doc = this.noteDoc(session, id);
      const note = getNote(doc, id);
      if (note && !this.mayDelete(note)) {
        throw new ModelError('not-your-note', 'Only its author or a facilitator can delete this note');
      }
      deleteNote(doc, id);
    });
  }

  /** Opens the replay in this tab without a page load; other clicks (new tab, window) go their own way. */
  private onReplayLink(event: MouseEvent): void {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(replayPath(this.boardId));
  }

  /** The board as it is now, for the export menu. */
  private readonly boardImage = (): Promise<Blob> =>
    this.canvas?.image() ?? Promise.reject(new Error('The board is not shown yet'));

  // ---- facilitation ---------------------------------------------------------------------------------

  /** Only facilitators lead; the relay drops anyone else's writes to the control room anyway. */
  private get canLead(): boolean {
    return this.state.kind === 'ready' && this.state.info.role === 'facilitator';
  }

  /** Moves the group through the model; a move that raced another facilitator's becomes a toast. */
  private lead(move: (doc: Y.Doc, opts: PhaseMoveOptions) => void): void {
    const session = this.session;
    if (!session || !this.canLead) return;
    try {
      move(session.controlDoc, { actor: this.user.id });
    } catch (error) {
      if (!isModelError(error)) throw error;
      this.toast.show(toastFor(error));
    }
  }

  /**
   * Moves on at once, or first asks when steps of the current phase are still open. The move is made from
   * the phase the facilitator saw: if a co-facilitator moved the group meanwhile, it is not moved again.
   */
  private askNextPhase(): void {
    const facilitation = this.facilitation.facilitation;
    if (!facilitation?.started) return;
    const from = { phase: facilitation.phase, round: facilitation.round };
    const openSteps = getPhase(facilitation.phase).steps.filter(
      (step) => facilitation.stepStatuses[step.id] === 'open',
    );
    if (openSteps.length > 0) {
      this.openStepsToConfirm = openSteps;
      this.moveOnFrom = from;
    } else {
      this.lead((doc, opts) => nextPhase(doc, { ...opts, from }));
    }
  }

  private onMoveOn(): void {
    const from = this.moveOnFrom ?? undefined;
    this.openStepsToConfirm = [];
    this.moveOnFrom = null;
    this.lead((doc, opts) => nextPhase(doc, { ...opts, from }));
  }

  private onStay(): void {
    this.openStepsToConfirm = [];
  }

  private onBrainstormStart(): void {
    this.lead((doc, opts) => startPrivateRound(doc, opts));
  }

  /** Everyone's drafts onto the board in one change, then the round ends: they are ordinary notes now. */
  private onBrainstormReveal(): void {
    const session = this.session;
    if (!session || !this.canLead) return;
    this.lead((doc, opts) => {
      publishDrafts(session.draftsDoc, session.doc);
      // Another facilitator may have revealed a moment ago: then the round is over already.
      if (isPrivateRoundRunning(doc)) endPrivateRound(doc, opts);
    });
  }

  private onVotingStart(event: CustomEvent<VotingStartDetail>): void {
    this.votingDialogOpen = false;
    this.lead((doc, opts) => openVotingRound(doc, event.detail, opts));
  }

  private onVotingClose(): void {
    this.lead((doc, opts) => closeVotingRound(doc, opts));
  }

  /** Places or takes back one of this person's votes in the open round. */
  private onNoteVote(event: CustomEvent<NoteVoteDetail>): void {
    const round = this.voting.state?.round;
    if (!round) return;
    const vote = { note: event.detail.id, voter: this.user.id };
    this.write(({ doc }) => {
      if (event.detail.takeBack) takeBackVote(doc, round, vote);
      else placeVote(doc, round, vote);
    });
  }

  private onStepStatusChange(event: CustomEvent<StepStatusChangeDetail>): void {
    const session = this.session;
    if (!session || !this.canLead) return;
    try {
      setStepStatus(session.controlDoc, event.detail.step, event.detail.status);
    } catch (error) {
      if (!isModelError(error)) throw error;
      this.toast.show(toastFor(error));
    }
  }

  private announce(position: PhasePosition): void {
    this.announcement = position;
    clearTimeout(this.announcementTimer);
    this.announcementTimer = setTimeout(() => {
      this.announcement = null;
    }, ANNOUNCEMENT_MS);
  }

  // ---- lock and follow ------------------------------------------------------------------------------

  /** The phase the group is in; round 1 Verkennen before the workshop starts. */
  private get currentPhase(): PhaseId {
    return this.facilitation.facilitation?.phase ?? 'verkennen';
  }

  /** The lock binds participants; facilitators keep arranging notes, and observers change nothing anyway. */
  private get lockApplies(): boolean {
    return this.state.kind === 'ready' && this.state.info.role === 'participant';
  }

  private get lockedPhases(): PhaseId[] {
    const { mode } = this.lock.lock;
    const current = this.currentPhase;
    const key = `${mode}:${current}`;
    if (this.lockedCache.key !== key) this.lockedCache = { key, phases: lockedPhases(mode, current) };
    return this.lockedCache.phases;
  }

  private onLockChange(event: CustomEvent<LockChangeDetail>): void {
    const mode: LockMode = event.detail.mode;
    this.lead((doc, opts) => setBoardLock(doc, mode, opts));
  }

  private onNoteLocked(event: CustomEvent<NoteLockedDetail>): void {
    this.toast.show(lockRefusalText(this.lock.lock.mode, this.currentPhase, event.detail.phase));
  }

  /** The colour of the person whose view is followed, for the frame around a follower's board. */
  private get leaderColor(): string {
    const leader = this.follow.session?.leader.id;
    return this.presence.peers.find((peer) => peer.user.id === leader)?.user.color ?? '';
  }

  private onFollowCommand(event: CustomEvent<FollowCommandDetail>): void {
    switch (event.detail.command) {
      case 'bring-everyone':
        this.lead((doc) => startFollowing(doc, { id: this.user.id, name: this.user.name }));
        break;
      case 'stop-bringing':
        this.lead((doc) => stopFollowing(doc));
        break;
      case 'stop-following':
        this.follow.stepOut();
        break;
      case 'follow-again':
        this.follow.followAgain();
        break;
    }
  }

  // ---- commands -----------------------------------------------------------------------------------

  private onCommand(event: CustomEvent<BoardCommandDetail>): void {
    const canvas = this.canvas;
    switch (event.detail.command) {
      case 'add-note':
        canvas?.addNote();
        break;
      case 'undo':
        this.runUndo('undo');
        break;
      case 'redo':
        this.runUndo('redo');
        break;
      case 'zoom-in':
        canvas?.zoomIn();
        break;
      case 'zoom-out':
        canvas?.zoomOut();
        break;
      case 'zoom-fit':
        canvas?.zoomToFit();
        break;
      case 'toggle-steps':
        this.stepsOpen = !this.stepsOpen;
        break;
      case 'toggle-voting':
        this.votingOpen = !this.votingOpen;
        break;
      case 'start-workshop':
        this.lead((doc, opts) => startFacilitation(doc, opts));
        break;
      case 'next-phase':
        this.askNextPhase();
        break;
      case 'previous-phase':
        this.lead((doc, opts) =>
          previousPhase(doc, { ...opts, from: this.facilitation.position ?? undefined }),
        );
        break;
    }
  }

  private runUndo(direction: 'undo' | 'redo'): void {
    const target = this.session?.undo.next(direction);
    if (!target || this.readOnly) return;
    const { manager, doc } = target;
    if (!this.lockApplies) {
      if (direction === 'undo') manager.undo();
      else manager.redo();
      return;
    }
    const { mode } = this.lock.lock;
    const current = this.currentPhase;
    const tryUndo = () =>
      undoWithinLock(manager, doc, direction, (change) => lockedPhaseOf(mode, current, change));
    // An undo the lock forbids is taken back at once: the server gets both as one update, which changes nothing.
    const { connection, draftsConnection } = this.session as BoardSession;
    const locked = connection.hold(() => (draftsConnection ? draftsConnection.hold(tryUndo) : tryUndo()));
    if (locked) this.toast.show(lockRefusalText(mode, current, locked));
  }

  private onViewportChange(event: CustomEvent<ViewportChangeDetail>): void {
    this.zoom = event.detail.scale;
    this.follow.viewChanged(event.detail.region, event.detail.byPerson);
  }

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    const command = undoKeyCommand(event);
    if (!command || isTypingTarget(event.composedPath()[0])) return;
    event.preventDefault();
    this.runUndo(command);
  };
}

customElements.define('kompas-board-page', BoardPage);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-board-page': BoardPage;
  }
}
