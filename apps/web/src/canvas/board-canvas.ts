import {
  getStep,
  NOTE_COLOR_HEX,
  type Note,
  type NoteColor,
  PHASES,
  type PhaseId,
  type PhasePosition,
  pointToSlice,
  type SlicePosition,
  type StepId,
  slicePositionToPoint,
} from '@kompas/model';
import { css, html, LitElement, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import type * as Y from 'yjs';
import {
  boardEvent,
  type CursorMoveDetail,
  type NoteCreateDetail,
  type NoteDeleteDetail,
  type NoteEditDetail,
  type NoteLockedDetail,
  type NoteMoveDetail,
  type NoteRecolorDetail,
  type ViewportChangeDetail,
} from '../core/board-events.ts';
import { boardKeyCommand, isTypingTarget } from '../core/board-keys.ts';
import { type BoardRegion, fitRegion, visibleRegion } from '../core/board-region.ts';
import type { NoteEditorCommitDetail } from '../notes/note-editor.ts';
import { cssProperties } from '../ui/css-properties.ts';
import { BoardGestures } from './board-gestures.ts';
import { boardImage } from './board-image.ts';
import { BoardStage } from './board-stage.ts';
import { draftSession, type EditSession, editSession, savedEdit } from './edit-session.ts';
import { freeSpot } from './free-spot.ts';
import '../notes/note-editor.ts';
import '../notes/note-menu.ts';
import type { Peer } from '../core/presence.ts';
import { type Point, rectContains, ZOOM_STEP } from '../core/viewport.ts';
import type { NoteVoteDetail } from '../facilitation/voting/voting-panel.ts';
import type { CanvasVote } from '../facilitation/voting/voting-state.ts';
import type { NoteDocs } from '../notes/note-layer.ts';
import type { NoteView } from '../notes/note-view.ts';
import { NotesController } from '../notes/notes-controller.ts';
import { type Awareness, PresenceController } from '../presence/presence-controller.ts';
import { boardTestHooks, installTestHooks } from '../testing/board-hooks.ts';
import { TEST_BUILD } from '../testing/test-build.ts';
import { visuallyHidden } from '../ui/shared-styles.ts';
import { throttle } from '../ui/throttle.ts';
import { EDGE_MARGIN, editorPlacement, menuPlacement } from './overlay-placement.ts';

/** Cursor positions go out at most 20 times a second. */
const CURSOR_INTERVAL_MS = 50;

/**
 * The board: owns the Konva stage (see BoardStage) and turns gestures (see BoardGestures) and keys
 * into selecting, editing and moving notes. It never writes the document: it fires `note-create`,
 * `note-edit`, `note-move`, `note-recolor`, `note-delete` and `cursor-move`, and the board page
 * carries them out. `zoomIn()`, `zoomOut()`, `zoomToFit()` and `addNote()` are its commands.
 */
export class BoardCanvas extends LitElement {
  static override properties = {
    doc: { attribute: false },
    draftsDoc: { attribute: false },
    awareness: { attribute: false },
    task: { type: String },
    position: { attribute: false },
    readOnly: { type: Boolean, attribute: 'read-only' },
    locked: { attribute: false },
    lockApplies: { type: Boolean, attribute: 'lock-applies' },
    mayDelete: { attribute: false },
    editing: { state: true },
    selectedId: { state: true },
    dragging: { state: true },
    empty: { state: true },
    votes: { attribute: false },
    cursors: { attribute: false },
  };

  declare doc: Y.Doc | undefined;
  /** The drafts of a silent brainstorm this person may see (their own, or everyone's for a facilitator). */
  declare draftsDoc: Y.Doc | undefined;
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
  declare editing: EditSession | null;
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
  /** The region last shown while following someone's view; kept in view when the window resizes. */
  private followedRegion: BoardRegion | null = null;
  /** Set while the view changes by itself (a resize, following someone) rather than by this person. */
  private viewBySystem = false;
  private readonly publishCursor = throttle((cursor: Point | null) => {
    this.dispatchEvent(boardEvent<CursorMoveDetail>('cursor-move', { cursor }));
  }, CURSOR_INTERVAL_MS);

  constructor() {
    super();
    this.doc = undefined;
    this.draftsDoc = undefined;
    this.awareness = undefined;
    this.task = '';
    this.position = null;
    this.readOnly = false;
    this.locked = [];
    this.lockApplies = false;
    this.mayDelete = () => true;
    this.editing = null;
    this.selectedId = null;
    this.dragging = false;
    this.empty = false;
    this.votes = new Map();
    this.cursors = undefined;
    new NotesController(this, () => this.doc, { list: false, onChange: (ids) => this.onNotesChanged(ids) });
    new NotesController(this, () => this.draftsDoc, {
      list: false,
      onChange: (ids) => this.onNotesChanged(ids),
    });
    new PresenceController(this, () => this.awareness, {
      cursors: false,
      onChange: (peers) => this.board?.cursors.update(peers),
    });
  }

  static override styles = css`
    :host {
      position: relative;
      display: block;
      overflow: hidden;
      background: var(--k-color-canvas);
    }
    .stage {
      position: absolute;
      inset: 0;
      touch-action: none;
      user-select: none;
      -webkit-user-select: none;
      outline: none;
    }
    .stage:focus-visible {
      box-shadow: inset 0 0 0 2px rgba(59, 91, 219, 0.45);
    }
    .help {
      ${visuallyHidden}
    }
    kompas-note-menu {
      transform: translateX(-50%);
    }
    .hint {
      position: absolute;
      left: 50%;
      bottom: 20px;
      transform: translateX(-50%);
      margin: 0;
      padding: 9px 16px;
      border-radius: var(--k-radius-full);
      background: rgba(255, 255, 255, 0.92);
      border: 1px solid var(--k-color-border);
      box-shadow: var(--k-shadow-md);
      color: var(--k-color-text-muted);
      font-size: 13px;
      white-space: nowrap;
      pointer-events: none;
    }
    .hint strong {
      color: var(--k-color-text);
      font-weight: 600;
    }
  `;

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
    this.followedRegion = region;
    this.moveViewBySystem(() => board.setView(fitRegion(board.size, region)));
    return true;
  }

  /** Starts a new note in the step last worked in, or the emptiest step, at a free spot. */
  addNote(): void {
    const board = this.board;
    if (!board || this.readOnly) return;
    const open = PHASES.find((phase) => !this.lockApplies || !this.locked.includes(phase.id));
    if (!open) {
      this.tellLocked(this.locked[0] ?? 'verkennen');
      return;
    }
    const preferred =
      this.lastStep && !this.lockStops(this.lastStep)
        ? this.lastStep
        : this.locked.length > 0
          ? open.steps[0]?.id
          : undefined;
    const spot = freeSpot(board.notes.notes(), preferred);
    const centre = slicePositionToPoint(spot.step, spot.pos);
    const point = board.toScreen(centre);
    // The editor keeps itself on screen; only a spot out of sight needs the view to move.
    const margin = EDGE_MARGIN * 4;
    const onScreen =
      point.x > margin &&
      point.y > margin &&
      point.x < board.size.width - margin &&
      point.y < board.size.height - margin;
    if (!onScreen) board.centreOn(centre);
    this.startDraft(spot.step, spot.pos);
  }

  // ---- lifecycle ------------------------------------------------------------------------------

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this.onKeyDown);
    window.addEventListener('keyup', this.onKeyUp);
    window.addEventListener('blur', this.onWindowBlur);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('keydown', this.onKeyDown);
    window.removeEventListener('keyup', this.onKeyUp);
    window.removeEventListener('blur', this.onWindowBlur);
    this.publishCursor.cancel();
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
      press: (note) => this.select(note.note.id),
      canLift: (note) => !this.refuseLocked(note.note.step),
      canDrop: (_note, step) => !this.lockStops(step),
      tap: (point, note, double) => this.onTap(point, note, double),
      drop: (note, centre) => this.onDrop(note, centre),
      draggingChange: (dragging) => {
        this.dragging = dragging;
      },
      cursorMove: (point) => this.onCursorMove(point),
    });
    this.resizeObserver = new ResizeObserver(() => {
      this.moveViewBySystem(() => {
        board.resize({ width: container.clientWidth, height: container.clientHeight });
        if (this.followedRegion) board.setView(fitRegion(board.size, this.followedRegion));
      });
    });
    this.resizeObserver.observe(container);
    const docs = this.noteDocs;
    if (docs) board.notes.load(docs);
    board.notes.setVoteBadges(this.votes);
    container.addEventListener(
      'pointerdown',
      (event) => {
        this.altPress = event.altKey;
      },
      { capture: true },
    );
    this.empty = board.notes.count === 0;
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
      this.editing = null;
      this.select(null);
    }
  }

  private get stageElement(): HTMLDivElement {
    const element = this.renderRoot.querySelector<HTMLDivElement>('.stage');
    if (!element) throw new Error('board stage element missing');
    return element;
  }

  // ---- rendering ------------------------------------------------------------------------------

  override render() {
    return html`<div
        class="stage"
        role="application"
        aria-roledescription="circular board"
        aria-label="Workshop board"
        aria-describedby="board-help"
        tabindex="0"
      ></div>
      <p id="board-help" class="help">
        ${
          this.readOnly
            ? 'View only. Drag to move around, scroll or pinch to zoom.'
            : 'Drag empty space to move around, scroll or pinch to zoom. Double-click a step to add a note; ' +
              'double-click a note to edit it; drag a note to another step to move it. ' +
              'With a note selected, press Enter to edit and Delete to remove it.'
        }
        ${[...this.votes.values()].some((vote) => vote.canAdd || vote.canTakeBack) ? ' While voting, click the badge on a note to vote for it; Alt+click takes a vote back.' : ''}
      </p>
      ${this.renderEditor()} ${this.renderMenu()} ${this.renderHint()}`;
  }

  private renderHint() {
    if (!this.empty || this.readOnly || this.editing) return nothing;
    return html`<p class="hint" aria-hidden="true">
      <strong>Double-click</strong> a step to add a note, or use <strong>Add note</strong>.
    </p>`;
  }

  private renderEditor() {
    const session = this.editing;
    const board = this.board;
    if (!session || !board) return nothing;
    const centre = board.toScreen(slicePositionToPoint(session.step, session.pos));
    const place = editorPlacement(centre, board.view.scale, board.size);
    // One editor element per session: an editor that has committed never reopens.
    return keyed(
      session.id,
      html`<kompas-note-editor
      ${cssProperties({
        left: `${place.left}px`,
        top: `${place.top}px`,
        width: `${place.width}px`,
        height: `${place.height}px`,
      })}
      .text=${session.text}
      .color=${NOTE_COLOR_HEX[session.color]}
      .fontSize=${place.fontSize}
      @editor-commit=${this.onEditorCommit}
      @editor-cancel=${this.onEditorCancel}
    ></kompas-note-editor>`,
    );
  }

  private renderMenu() {
    const board = this.board;
    const view = this.selectedId ? board?.notes.get(this.selectedId) : undefined;
    if (!board || !view || this.readOnly || this.editing || this.dragging) return nothing;
    const topLeft = board.toScreen({ x: view.box.x, y: view.box.y });
    const scale = board.view.scale;
    const screenBox = { ...topLeft, width: view.box.width * scale, height: view.box.height * scale };
    const { x, y } = menuPlacement(screenBox, board.size);
    return html`<kompas-note-menu
      ${cssProperties({ left: `${x}px`, top: `${y}px` })}
      .color=${view.note.color}
      .canDelete=${this.mayDelete(view.note)}
      @menu-recolor=${(event: CustomEvent<{ color: NoteColor }>) => this.recolor(view.note.id, event.detail.color)}
      @menu-edit=${() => this.startEditing(view)}
      @menu-delete=${() => this.deleteNote(view.note.id)}
    ></kompas-note-menu>`;
  }

  // ---- notes ----------------------------------------------------------------------------------

  /** The board's document, then the drafts shown with it. */
  private get noteDocs(): NoteDocs | undefined {
    if (!this.doc) return undefined;
    return this.draftsDoc ? [this.doc, this.draftsDoc] : [this.doc];
  }

  private onNotesChanged(ids: Set<string> | null): void {
    const board = this.board;
    const docs = this.noteDocs;
    if (!board || !docs) return;
    if (ids === null) {
      board.notes.load(docs);
      this.empty = board.notes.count === 0;
      return;
    }
    const removed = board.notes.sync(docs, ids);
    this.empty = board.notes.count === 0;
    this.gestures?.forgetNotes(removed);
    if (this.selectedId && removed.includes(this.selectedId)) this.select(null);
    if (this.editing && !this.editing.isNew && removed.includes(this.editing.id)) this.editing = null;
    if (this.selectedId && ids.has(this.selectedId)) {
      board.updateSelectionRing();
      this.requestUpdate();
    }
  }

  private select(id: string | null): void {
    const view = id ? this.board?.notes.get(id) : undefined;
    this.selectedId = view ? id : null;
    if (view) {
      this.board?.notes.raise(view);
      this.lastStep = view.note.step;
    }
    this.board?.showSelection(view ?? null);
  }

  /** Whether the lock keeps this person from changing notes in `step`. */
  private lockStops(step: StepId): boolean {
    return this.lockApplies && this.locked.includes(getStep(step).phase);
  }

  /** True, after telling the page so, when the lock keeps this person out of any of `steps`. */
  private refuseLocked(...steps: StepId[]): boolean {
    const step = steps.find((candidate) => this.lockStops(candidate));
    if (step) this.tellLocked(getStep(step).phase);
    return step !== undefined;
  }

  private tellLocked(phase: PhaseId): void {
    this.dispatchEvent(boardEvent<NoteLockedDetail>('note-locked', { phase }));
  }

  private startDraft(step: StepId, pos: SlicePosition): void {
    if (this.readOnly || this.refuseLocked(step)) return;
    this.select(null);
    this.lastStep = step;
    this.editing = draftSession(step, pos);
  }

  private startEditing(view: NoteView): void {
    if (this.readOnly || this.refuseLocked(view.note.step)) return;
    this.select(view.note.id);
    this.editing = editSession(view.note);
  }

  private onEditorCommit(event: CustomEvent<NoteEditorCommitDetail>): void {
    const session = this.editing;
    this.editing = null;
    if (!session) return;
    const keepFocus = this.shadowRoot?.activeElement?.tagName === 'KOMPAS-NOTE-EDITOR';
    const saved = savedEdit(session, event.detail.text);
    // The facilitator may have locked the phase while the note was being written.
    if (saved && this.refuseLocked(session.step)) return;
    if (saved && 'create' in saved) {
      this.dispatchEvent(boardEvent<NoteCreateDetail>('note-create', saved.create));
      this.select(saved.create.id);
    } else if (saved) {
      this.dispatchEvent(boardEvent<NoteEditDetail>('note-edit', saved.edit));
    }
    if (keepFocus) this.stageElement.focus({ preventScroll: true });
  }

  private onEditorCancel(): void {
    this.editing = null;
    this.stageElement.focus({ preventScroll: true });
  }

  private recolor(id: string, color: NoteColor): void {
    const step = this.board?.notes.get(id)?.note.step;
    if (step && this.refuseLocked(step)) return;
    this.dispatchEvent(boardEvent<NoteRecolorDetail>('note-recolor', { id, color }));
  }

  private deleteNote(id: string): void {
    const step = this.board?.notes.get(id)?.note.step;
    if (step && this.refuseLocked(step)) return;
    this.dispatchEvent(boardEvent<NoteDeleteDetail>('note-delete', { id }));
    // The page may have refused; the document decides whether the note is still there.
    if (!this.board?.notes.get(id)) this.select(null);
    this.stageElement.focus({ preventScroll: true });
  }

  // ---- gestures -------------------------------------------------------------------------------

  private onTap(point: Point, note: NoteView | undefined, double: boolean): void {
    if (this.readOnly) return;
    if (note && this.voteFromBadge(note, point)) return;
    if (note) {
      if (double) this.startEditing(note);
      return;
    }
    this.select(null);
    if (!double) return;
    const slice = pointToSlice(point.x, point.y);
    if (slice) this.startDraft(slice.step, slice.pos);
  }

  /** A click on a note's voting badge votes (Alt+click takes a vote back); returns whether it hit the badge. */
  private voteFromBadge(note: NoteView, point: Point): boolean {
    const vote = this.votes.get(note.note.id);
    const badge = note.badgeBox;
    if (!vote || !badge || !rectContains(badge, point)) return false;
    const takeBack = this.altPress;
    if (takeBack ? vote.canTakeBack : vote.canAdd) {
      this.dispatchEvent(boardEvent<NoteVoteDetail>('note-vote', { id: note.note.id, takeBack }));
    }
    return true;
  }

  private onDrop(note: NoteView, centre: Point): void {
    const target = pointToSlice(centre.x, centre.y);
    if (!target || this.refuseLocked(note.note.step, target.step)) return;
    this.lastStep = target.step;
    this.dispatchEvent(
      boardEvent<NoteMoveDetail>('note-move', { id: note.note.id, step: target.step, pos: target.pos }),
    );
  }

  private onCursorMove(point: Point | null): void {
    if (point) {
      this.publishCursor(point);
      return;
    }
    this.publishCursor.cancel();
    this.dispatchEvent(boardEvent<CursorMoveDetail>('cursor-move', { cursor: null }));
  }

  // ---- keyboard ---------------------------------------------------------------------------------

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    const target = event.composedPath()[0];
    if (!this.board || isTypingTarget(target) || event.defaultPrevented) return;
    const onBoard =
      target === this.stageElement || target === document.body || target === document.documentElement;
    const selected = this.selectedId ? this.board.notes.get(this.selectedId) : undefined;
    const command = boardKeyCommand(event, {
      onBoard,
      noteSelected: Boolean(selected),
      readOnly: this.readOnly,
    });
    if (command && command !== 'escape') event.preventDefault();
    switch (command) {
      case 'hold-to-pan':
        this.gestures?.holdToPan(true);
        break;
      case 'delete-note':
        if (selected) this.deleteNote(selected.note.id);
        break;
      case 'edit-note':
        if (selected) this.startEditing(selected);
        break;
      case 'escape':
        if (this.gestures?.active) this.gestures.cancel();
        else this.select(null);
        break;
      case 'zoom-in':
        this.zoomIn();
        break;
      case 'zoom-out':
        this.zoomOut();
        break;
      case 'fit':
        this.zoomToFit();
        break;
    }
  };

  private readonly onKeyUp = (event: KeyboardEvent): void => {
    if (event.key === ' ') this.gestures?.holdToPan(false);
  };

  private readonly onWindowBlur = (): void => {
    this.gestures?.holdToPan(false);
  };

  // ---- view -------------------------------------------------------------------------------------

  private onViewChange(): void {
    const board = this.board;
    if (!board) return;
    if (this.editing || this.selectedId) this.requestUpdate();
    const byPerson = !this.viewBySystem;
    if (byPerson) this.followedRegion = null;
    this.dispatchEvent(
      boardEvent<ViewportChangeDetail>('viewport-change', {
        scale: board.view.scale,
        region: visibleRegion(board.view, board.size),
        byPerson,
      }),
    );
  }

  private moveViewBySystem(move: () => void): void {
    this.viewBySystem = true;
    try {
      move();
    } finally {
      this.viewBySystem = false;
    }
  }
}

customElements.define('kompas-board-canvas', BoardCanvas);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-board-canvas': BoardCanvas;
  }
}
