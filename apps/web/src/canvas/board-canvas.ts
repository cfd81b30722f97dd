import {
  type Note,
  type NoteColor,
  type PhaseId,
  type PhasePosition,
  pointToSlice,
  type SlicePosition,
  type StepId,
  slicePositionToPoint,
} from '@kompas/model';
import { html, LitElement, nothing } from 'lit';
import {
  boardEvent,
  type CanvasVote,
  type NoteDeleteDetail,
  type NoteMoveDetail,
  type NoteRecolorDetail,
  type ViewportChangeDetail,
} from '../core/board-events.ts';
import { type BoardRegion, visibleRegion } from '../core/board-region.ts';
import { peers } from '../core/board-values.ts';
import { ALL_NOTES, type NoteChanges, type NoteSource, noteUpdates } from '../core/note-source.ts';
import type { Awareness, Peer } from '../core/presence.ts';
import { type Point, ZOOM_STEP } from '../core/viewport.ts';
import type { NoteView } from '../notes/note-view.ts';
import { boardTestHooks, installTestHooks } from '../testing/board-hooks.ts';
import { TEST_BUILD } from '../testing/test-build.ts';
import { BoundValue } from '../ui/bound-value.ts';
import { badgeVote } from './badge-vote.ts';
import { boardCanvasStyles } from './board-canvas-styles.ts';
import { BoardGestures } from './board-gestures.ts';
import { boardImage } from './board-image.ts';
import { BoardStage } from './board-stage.ts';
import { CanvasKeys } from './canvas-keys.ts';
import { lockStops, refuseLocked, stepForNewNote } from './canvas-lock.ts';
import { boardHelpText, emptyBoardHint, noteMenuOverlay } from './canvas-overlays.ts';
import { CursorPublisher } from './cursor-publisher.ts';
import { FollowedView } from './followed-view.ts';
import { freeSpot, spotInStep } from './free-spot.ts';
import { NoteWriting } from './note-writing.ts';
import { EDGE_MARGIN } from './overlay-placement.ts';

/**
 * The board: owns the Konva stage (see BoardStage) and turns gestures (see BoardGestures) and keys
 * into selecting, editing and moving notes. It draws the notes of a note source, plain values, and never
 * writes: it fires `note-create`, `note-edit`, `note-move`, `note-recolor`, `note-delete`, `note-vote` and
 * `cursor-move`, and the page carries them out. `zoomIn()`, `zoomOut()`, `zoomToFit()` and `addNote()` are
 * its commands.
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
    selectedId: { state: true },
    dragging: { state: true },
    empty: { state: true },
    votes: { attribute: false },
    cursors: { attribute: false },
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
  /** People's cursors to draw when there is no awareness (a replay draws the recorded ones). */
  declare cursors: readonly Peer[] | undefined;
  /** Whether Alt was held at the last press, for taking a vote back from a badge. */
  private altPress = false;

  private board: BoardStage | null = null;
  private gestures: BoardGestures | null = null;
  private resizeObserver: ResizeObserver | null = null;
  private removeTestHooks: (() => void) | null = null;
  /** The step last worked in: where "Add note" puts the next note. */
  private lastStep: StepId | undefined;
  private readonly view = new FollowedView();
  private readonly writing = new NoteWriting(this);
  private readonly cursor = new CursorPublisher(this);

  constructor() {
    super();
    this.notes = undefined;
    this.awareness = undefined;
    this.task = '';
    this.position = null;
    this.readOnly = false;
    this.locked = [];
    this.lockApplies = false;
    this.mayDelete = () => true;
    this.selectedId = null;
    this.dragging = false;
    this.empty = false;
    this.votes = new Map();
    this.cursors = undefined;
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
    new BoundValue(this, () => this.awareness, peers(true), [], {
      rerender: false,
      onChange: (present) => this.board?.cursors.update(present),
    });
    new CanvasKeys(this, {
      shown: () =>
        this.board
          ? { stage: this.stageElement, selected: this.selectedView, readOnly: this.readOnly }
          : null,
      holdToPan: (held) => this.gestures?.holdToPan(held),
      deleteNote: (view) => this.deleteNote(view.note.id),
      editNote: (view) => this.writing.startEditing(view.note),
      escape: () => {
        if (this.gestures?.active) this.gestures.cancel();
        else this.selectNote(null);
      },
      zoomIn: () => this.zoomIn(),
      zoomOut: () => this.zoomOut(),
      fit: () => this.zoomToFit(),
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

  /** The whole board as it is now, as a PNG image. */
  async image(): Promise<Blob> {
    if (!this.board) throw new Error('The board is not shown yet');
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

  /** Starts a new note in the step last worked in, or the emptiest step, at a free spot. */
  addNote(): void {
    const board = this.board;
    if (!board || this.readOnly) return;
    const preferred = stepForNewNote(this, this.lastStep);
    if (preferred === null) return;
    const spot = freeSpot(board.notes.notes(), preferred);
    // The editor keeps itself on screen; only a spot out of sight needs the view to move.
    board.bringIntoView(slicePositionToPoint(spot.step, spot.pos), EDGE_MARGIN * 4);
    this.startDraft(spot.step, spot.pos);
  }

  // ---- lifecycle ------------------------------------------------------------------------------

  override disconnectedCallback(): void {
    super.disconnectedCallback();
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
    this.gestures = new BoardGestures(container, board, {
      isReadOnly: () => this.readOnly,
      press: (note) => this.selectNote(note.note.id),
      canLift: (note) => !refuseLocked(this, note.note.step),
      canDrop: (_note, step) => !lockStops(this, step),
      tap: (point, note, double) => this.onTap(point, note, double),
      drop: (note, centre) => this.onDrop(note, centre),
      draggingChange: (dragging) => {
        this.dragging = dragging;
      },
      cursorMove: (point) => this.cursor.moved(point),
    });
    this.resizeObserver = new ResizeObserver(() => {
      this.view.resize(board, { width: container.clientWidth, height: container.clientHeight });
    });
    this.resizeObserver.observe(container);
    this.loadNotes();
    board.notes.setVoteBadges(this.votes);
    container.addEventListener(
      'pointerdown',
      (event) => {
        this.altPress = event.altKey;
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
    const voting = [...this.votes.values()].some((vote) => vote.canAdd || vote.canTakeBack);
    return html`<div
        class="stage"
        role="application"
        aria-roledescription="circular board"
        aria-label="Workshop board"
        aria-describedby="board-help"
        tabindex="0"
      ></div>
      <p id="board-help" class="help">${boardHelpText(this.readOnly, voting)}</p>
      ${this.writing.render(this.board)} ${this.renderMenu()}
      ${this.empty && !this.readOnly && !this.writing.session ? emptyBoardHint() : nothing}`;
  }

  private renderMenu() {
    const view = this.selectedView;
    if (!this.board || !view || this.readOnly || this.writing.session || this.dragging) return nothing;
    return noteMenuOverlay(this.board, view, this.mayDelete(view.note), {
      recolor: (color) => this.recolor(view.note.id, color),
      edit: () => this.writing.startEditing(view.note),
      delete: () => this.deleteNote(view.note.id),
    });
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

  /** Selects the note with `id`, raising it to the top; null selects none. */
  selectNote(id: string | null): void {
    const view = id ? this.board?.notes.get(id) : undefined;
    this.selectedId = view ? id : null;
    if (view) {
      this.board?.notes.raise(view);
      this.lastStep = view.note.step;
    }
    this.board?.showSelection(view ?? null);
  }

  private startDraft(step: StepId, pos: SlicePosition): void {
    if (this.writing.startDraft(step, pos)) this.lastStep = step;
  }

  focusBoard(): void {
    this.stageElement.focus({ preventScroll: true });
  }

  private recolor(id: string, color: NoteColor): void {
    const step = this.board?.notes.get(id)?.note.step;
    if (step && refuseLocked(this, step)) return;
    this.dispatchEvent(boardEvent<NoteRecolorDetail>('note-recolor', { id, color }));
  }

  private deleteNote(id: string): void {
    const step = this.board?.notes.get(id)?.note.step;
    if (step && refuseLocked(this, step)) return;
    this.dispatchEvent(boardEvent<NoteDeleteDetail>('note-delete', { id }));
    // The page may have refused; the note source says whether the note is still there.
    if (!this.board?.notes.get(id)) this.selectNote(null);
    this.focusBoard();
  }

  // ---- gestures -------------------------------------------------------------------------------

  private onTap(point: Point, note: NoteView | undefined, double: boolean): void {
    if (this.readOnly) return;
    if (note && badgeVote(this, this.votes, note, point, this.altPress)) return;
    if (note) {
      if (double) this.writing.startEditing(note.note);
      return;
    }
    this.selectNote(null);
    if (!double) return;
    const slice = pointToSlice(point.x, point.y);
    if (slice && this.board)
      this.startDraft(slice.step, spotInStep(this.board.notes.notes(), slice.step, slice.pos));
  }

  private onDrop(note: NoteView, centre: Point): void {
    const target = pointToSlice(centre.x, centre.y);
    if (!target || refuseLocked(this, note.note.step, target.step)) return;
    this.lastStep = target.step;
    this.dispatchEvent(
      boardEvent<NoteMoveDetail>('note-move', { id: note.note.id, step: target.step, pos: target.pos }),
    );
  }

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
