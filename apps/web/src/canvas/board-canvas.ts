import type { Note, PhaseId, PhasePosition, StepId } from '@kompas/model';
import { LOCALE_STATUS_EVENT, msg, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement, nothing } from 'lit';
import { boardEvent, type CanvasVote, type ViewportChangeDetail } from '../core/board-events.ts';
import { type BoardRegion, visibleRegion } from '../core/board-region.ts';
import { peers } from '../core/board-values.ts';
import type { FocusArea } from '../core/commands.ts';
import {
  ALL_NOTES,
  type NoteChanges,
  type NoteSource,
  noteUpdates,
  type ShownNote,
} from '../core/note-source.ts';
import type { Awareness, Peer } from '../core/presence.ts';
import { ZOOM_STEP } from '../core/viewport.ts';
import { withTexts } from '../i18n/language.ts';
import type { NoteView } from '../notes/note-view.ts';
import { boardTestHooks, installTestHooks } from '../testing/board-hooks.ts';
import { TEST_BUILD } from '../testing/test-build.ts';
import { BoundValue } from '../ui/bound-value.ts';
import { boardCanvasStyles } from './board-canvas-styles.ts';
import { BoardGestures } from './board-gestures.ts';
import { BoardStage } from './board-stage.ts';
import { CanvasKeys } from './canvas-keys.ts';
import { boardHelpText, emptyBoardHint, loadOverlays } from './canvas-overlays.ts';
import { CursorPublisher } from './cursor-publisher.ts';
import { FollowedView } from './followed-view.ts';
import { runBoardKey } from './keyboard-actions.ts';
import { NoteOpening } from './note-opening.ts';
import { NoteWriting } from './note-writing.ts';
import { gestureHandlers } from './pointer-actions.ts';

/**
 * The board: owns the Konva stage (see BoardStage) and turns gestures (see BoardGestures) and keys
 * into selecting, editing and moving notes. It draws the notes of a note source, plain values, and never
 * writes: it fires `note-create`, `note-edit`, `note-move`, `note-recolor`, `note-delete`, `note-issue`,
 * `note-carry`, `note-vote` and `cursor-move`, and the page carries them out. `zoomIn()`, `zoomOut()`, `zoomToFit()` and
 * `addNote()` are its commands.
 */
export class BoardCanvas extends LitElement {
  static override properties = {
    notes: { attribute: false },
    awareness: { attribute: false },
    task: { type: String },
    position: { attribute: false },
    readOnly: { type: Boolean, attribute: 'read-only' },
    locked: { attribute: false },
    lockApplies: { type: Boolean, attribute: 'lock-applies' },
    mayDelete: { attribute: false },
    mayCarry: { attribute: false },
    canRaiseIssues: { type: Boolean, attribute: 'can-raise-issues' },
    selectedId: { state: true },
    dragging: { state: true },
    empty: { state: true },
    votes: { attribute: false },
    pending: { attribute: false },
    cursors: { attribute: false },
    announcement: { state: true },
  };

  /** The notes to draw: the live board's (with the drafts this person may see), or a replay's. */
  declare notes: NoteSource | undefined;
  declare awareness: Awareness | undefined;
  declare task: string;
  /** Where the group is on the circle, or null before the workshop starts. */
  declare position: PhasePosition | null;
  declare readOnly: boolean;
  /** Whether this person may delete a note (its author and the facilitators may); the menu offers it then. */
  declare mayDelete: (note: Note) => boolean;
  /** Whether this person may carry a note of an earlier round into the current one (`note-carry`). */
  declare mayCarry: (shown: ShownNote) => boolean;
  /** Facilitators turn a note into an issue in hand from its menu (`note-issue`). */
  declare canRaiseIssues: boolean;
  /** The phases the facilitator has locked; shaded for everyone. */
  declare locked: readonly PhaseId[];
  /** Whether the lock stops this person (participants) from adding and changing notes there. */
  declare lockApplies: boolean;
  declare selectedId: string | null;
  declare dragging: boolean;
  /** No notes yet: the canvas shows how to add one. */
  declare empty: boolean;
  /** Notes' voting badges; clicking one fires `note-vote` (Alt+click takes a vote back). */
  declare votes: ReadonlyMap<string, CanvasVote>;
  /** The notes with changes the server has not stored yet: they carry a mark. */
  declare pending: ReadonlySet<string>;
  /** People's cursors to draw when there is no awareness (a replay draws the recorded ones). */
  declare cursors: readonly Peer[] | undefined;
  /** What the keyboard did last, for screen readers (a live region). */
  declare announcement: string;
  /** Whether Alt was held at the last press, for taking a vote back from a badge. */
  private altPress = false;
  /** The note was selected with the keyboard: it carries the focus ring until a pointer selects. */
  private keyboardSelection = false;

  private board: BoardStage | null = null;
  private gestures: BoardGestures | null = null;
  private resizeObserver: ResizeObserver | null = null;
  private removeTestHooks: (() => void) | null = null;
  private readonly view = new FollowedView();
  private readonly writing = new NoteWriting(this);
  private readonly opening = new NoteOpening(
    this,
    () => this.board,
    (view) => this.editNote(view),
  );
  private readonly cursor = new CursorPublisher(this);

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.notes = undefined;
    this.awareness = undefined;
    this.task = '';
    this.position = null;
    this.readOnly = false;
    this.locked = [];
    this.lockApplies = false;
    this.mayDelete = () => true;
    this.mayCarry = () => false;
    this.canRaiseIssues = false;
    this.selectedId = null;
    this.dragging = false;
    this.empty = false;
    this.votes = new Map();
    this.pending = new Set();
    this.cursors = undefined;
    this.announcement = '';
    new BoundValue(this, () => this.notes, noteUpdates(), ALL_NOTES, {
      rerender: false,
      onChange: (update) => {
        const source = this.notes;
        if (!source) return;
        if (update.all) this.loadNotes();
        else this.onNotesChanged(source, update.changes);
      },
    });
    // Cursors are drawn from every reading of the awareness; the canvas itself never re-renders for them.
    new BoundValue(this, () => this.awareness, peers, [], {
      rerender: false,
      onChange: (present) => this.board?.cursors.update(present),
    });
    new CanvasKeys(this, {
      shown: () =>
        this.board
          ? { stage: this.stageElement, noteSelected: Boolean(this.selectedView), readOnly: this.readOnly }
          : null,
      holdToPan: (held) => this.gestures?.holdToPan(held),
      run: (command) => {
        if (command.kind === 'escape') this.escape();
        else if (this.board) runBoardKey(command, this, this.board, this.selectedView, this.opening);
      },
    });
  }

  static override styles = boardCanvasStyles;

  // ---- commands -------------------------------------------------------------------------------

  zoomIn(): void {
    this.board?.zoomBy(ZOOM_STEP);
  }

  zoomOut(): void {
    this.board?.zoomBy(1 / ZOOM_STEP);
  }

  zoomToFit(): void {
    if (this.board) this.board.setView(this.board.fitView());
  }

  focusOn(area: FocusArea): void {
    this.board?.focusOn(area);
  }

  /** The whole board as it is now, as a PNG image. */
  async image(): Promise<Blob> {
    if (!this.board) throw new Error('The board is not shown yet');
    // Drawing a picture is rare: its code is downloaded when first asked for.
    const { boardImage } = await withTexts(import('./board-image.ts'));
    return boardImage(this.board);
  }

  /**
   * Shows `region` (someone else's view) fitted to this screen, and keeps it there on resizes until this
   * person moves the board. Returns false, showing nothing, while a gesture is under way.
   */
  showRegion(region: BoardRegion): boolean {
    const board = this.board;
    if (!board || this.gestures?.active) return false;
    this.view.show(board, region);
    return true;
  }

  /** Starts a new note in a step of the current phase (see NoteWriting.add). */
  addNote(): void {
    if (this.board) this.writing.add(this.board);
  }

  // ---- lifecycle ------------------------------------------------------------------------------

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('pointerdown', this.onPressElsewhere, { capture: true });
    window.addEventListener(LOCALE_STATUS_EVENT, this.onLocaleStatus);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('pointerdown', this.onPressElsewhere, { capture: true });
    window.removeEventListener(LOCALE_STATUS_EVENT, this.onLocaleStatus);
    this.cursor.cancel();
    this.gestures?.destroy();
    this.gestures = null;
    this.resizeObserver?.disconnect();
    this.removeTestHooks?.();
    this.board?.destroy();
    this.board = null;
  }

  protected override firstUpdated(): void {
    const container = this.stageElement;
    const board = new BoardStage(container, this.task, () => this.onViewChange());
    board.setPhase(this.position?.phase ?? null);
    this.board = board;
    this.gestures = new BoardGestures(
      container,
      board,
      gestureHandlers(this, {
        board,
        opening: this.opening,
        writing: this.writing,
        cursor: this.cursor,
        altPress: () => this.altPress,
      }),
    );
    this.resizeObserver = new ResizeObserver(() => {
      this.view.resize(board, { width: container.clientWidth, height: container.clientHeight });
    });
    this.resizeObserver.observe(container);
    this.loadNotes();
    loadOverlays().catch(() => {});
    board.notes.setVoteBadges(this.votes);
    board.notes.setPending(this.pending);
    container.addEventListener(
      'pointerdown',
      (event) => {
        this.altPress = event.altKey;
        this.keyboardSelection = false;
      },
      { capture: true },
    );
    board.setLocked(this.locked);
    if (TEST_BUILD) {
      this.removeTestHooks = installTestHooks(boardTestHooks(board, container, () => this.position));
    }
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('task') && changed.get('task') !== undefined) this.board?.setTask(this.task);
    if (changed.has('position')) this.board?.setPhase(this.position?.phase ?? null);
    if (changed.has('votes')) this.board?.notes.setVoteBadges(this.votes);
    if (changed.has('pending')) this.board?.notes.setPending(this.pending);
    if (changed.has('cursors') && this.cursors) this.board?.cursors.update(this.cursors);
    if (changed.has('locked')) this.board?.setLocked(this.locked);
    if (changed.has('readOnly') && this.readOnly) {
      this.writing.stop();
      this.selectNote(null);
    }
  }

  private get stageElement(): HTMLDivElement {
    const element = this.renderRoot.querySelector<HTMLDivElement>('.stage');
    if (!element) throw new Error('board stage element missing');
    return element;
  }

  // ---- rendering ------------------------------------------------------------------------------

  override render() {
    // An overlay opened before its code could be downloaded (offline, not kept yet) asks for it again.
    if (this.writing.session || this.selectedId) loadOverlays().catch(() => {});
    const voting = [...this.votes.values()].some((vote) => vote.canAdd || vote.canTakeBack);
    return html`<div
        class="stage"
        role="application"
        aria-roledescription=${msg('circular board')}
        aria-label=${msg('Workshop board')}
        aria-describedby="board-help"
        tabindex="0"
      ></div>
      <p id="board-help" class="help">${boardHelpText(this.readOnly, voting)}</p>
      <p class="help" aria-live="polite">${this.announcement}</p>
      ${this.writing.render(this.board)}
      ${this.writing.session || this.dragging ? nothing : this.opening.render(this.selectedView)}
      ${this.empty && !this.readOnly && !this.writing.session ? emptyBoardHint() : nothing}`;
  }

  // ---- notes ----------------------------------------------------------------------------------

  private get selectedView(): NoteView | undefined {
    return this.selectedId ? this.board?.notes.get(this.selectedId) : undefined;
  }

  private loadNotes(): void {
    const board = this.board;
    if (!board || !this.notes) return;
    board.notes.load(this.notes);
    this.empty = board.notes.count === 0;
  }

  private onNotesChanged(source: NoteSource, changes: NoteChanges): void {
    const board = this.board;
    if (!board) return;
    const removed = board.notes.sync(source, changes);
    this.empty = board.notes.count === 0;
    this.gestures?.forgetNotes(removed);
    if (this.selectedId && removed.includes(this.selectedId)) this.selectNote(null);
    const session = this.writing.session;
    if (session && !session.isNew && removed.includes(session.id)) this.writing.stop();
    if (this.selectedId && changes.updated.includes(this.selectedId)) {
      board.updateSelectionRing();
      this.requestUpdate();
    }
  }

  /**
   * Selects the note with `id`, raising it to the top; null selects none. Selected `byKeyboard`, it carries
   * the focus ring; a note selected again keeps the ring it had.
   */
  selectNote(id: string | null, byKeyboard?: boolean): void {
    const view = id ? this.board?.notes.get(id) : undefined;
    if (byKeyboard !== undefined) this.keyboardSelection = byKeyboard;
    this.selectedId = view ? id : null;
    this.opening.selectionChanged(this.selectedId);
    if (view) this.board?.notes.raise(view);
    this.board?.showSelection(view ?? null, this.keyboardSelection);
  }

  /** Says `text` to screen readers; the same words twice are said twice. */
  announce(text: string): void {
    this.announcement = text === this.announcement.trim() ? `${text}\u00a0` : text;
  }

  /** A note this person moved into `step`: "Add note" in its phase goes there next. */
  moved(step: StepId): void {
    this.writing.moved(step);
  }

  editNote(view: NoteView): void {
    this.opening.close();
    this.writing.startEditing(view.note);
  }

  focusBoard(): void {
    this.stageElement.focus({ preventScroll: true });
  }

  // ---- keys and pointer --------------------------------------------------------------------

  /** Escape: ends a gesture, else closes the open note, else puts the selection away. */
  private escape(): void {
    if (this.gestures?.active) this.gestures.cancel();
    else if (this.opening.anyOpen) this.opening.close();
    else this.selectNote(null);
  }

  /** The board's own words (step names, "no joint task yet") are drawn again in the new language. */
  private readonly onLocaleStatus = (event: Event): void => {
    if ((event as CustomEvent<{ status: string }>).detail.status === 'ready') this.board?.relabel();
  };

  /** A press outside the board (the header, a panel) puts the selected note and its toolbar away. */
  private readonly onPressElsewhere = (event: PointerEvent): void => {
    if (this.selectedId && !event.composedPath().includes(this)) this.selectNote(null);
  };

  private onViewChange(): void {
    const board = this.board;
    if (!board) return;
    if (this.writing.session || this.selectedId) this.requestUpdate();
    this.dispatchEvent(
      boardEvent<ViewportChangeDetail>('viewport-change', {
        scale: board.view.scale,
        region: visibleRegion(board.view, board.size),
        byPerson: this.view.changedByPerson(),
      }),
    );
  }
}

customElements.define('kompas-board-canvas', BoardCanvas);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-board-canvas': BoardCanvas;
  }
}
