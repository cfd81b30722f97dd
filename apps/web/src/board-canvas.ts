import {
  NOTE_COLOR_HEX,
  type NoteColor,
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
  type NoteMoveDetail,
  type NoteRecolorDetail,
  type ViewportChangeDetail,
} from './board-events.ts';
import { boardKeyCommand, isTypingTarget } from './board-keys.ts';
import { BoardStage } from './board-stage.ts';
import { DoubleTapDetector } from './double-tap.ts';
import { freeSpot } from './free-spot.ts';
import { randomId } from './ids.ts';
import type { NoteEditorCommitDetail } from './note-editor.ts';
import './note-editor.ts';
import './note-menu.ts';
import type { NoteView } from './note-view.ts';
import { NotesController } from './notes-controller.ts';
import { EDGE_MARGIN, editorPlacement, menuPlacement } from './overlay-placement.ts';
import { type Awareness, PresenceController } from './presence-controller.ts';
import { visuallyHidden } from './shared-styles.ts';
import { boardTestHooks, installTestHooks } from './test-hooks.ts';
import { throttle } from './throttle.ts';
import {
  distance,
  type Point,
  panBy,
  pinchView,
  type Viewport,
  wheelZoomFactor,
  ZOOM_STEP,
} from './viewport.ts';

/** A note being written: a new one (not in the document until saved) or an existing one. */
interface EditSession {
  id: string;
  isNew: boolean;
  step: StepId;
  pos: SlicePosition;
  text: string;
  color: NoteColor;
}

type Gesture =
  | {
      kind: 'pan';
      pointerId: number;
      start: Point;
      startView: Viewport;
      moved: boolean;
      note: NoteView | undefined;
    }
  | { kind: 'press'; pointerId: number; start: Point; note: NoteView; grab: Point }
  | { kind: 'drag'; pointerId: number; note: NoteView; grab: Point; step: StepId | null }
  | { kind: 'pinch'; from: [Point, Point]; ids: [number, number]; startView: Viewport };

/** Pointer travel (px) before a press on a note becomes a drag, or a press on the board a pan. */
const DRAG_THRESHOLD = 4;
/** Cursor positions go out at most 20 times a second. */
const CURSOR_INTERVAL_MS = 50;
/** A wheel zoom counts as one gesture until the wheel rests this long. */
const WHEEL_IDLE_MS = 160;

/**
 * The board: owns the Konva stage (see BoardStage) and turns pointer, wheel and keyboard input into
 * panning, zooming, selecting, dragging and editing notes. It never writes the document: it fires
 * `note-create`, `note-edit`, `note-move`, `note-recolor`, `note-delete` and `cursor-move`, and the
 * board page carries them out. `zoomIn()`, `zoomOut()`, `zoomToFit()` and `addNote()` are its commands.
 */
export class BoardCanvas extends LitElement {
  static override properties = {
    doc: { attribute: false },
    awareness: { attribute: false },
    task: { type: String },
    readOnly: { type: Boolean, attribute: 'read-only' },
    editing: { state: true },
    selectedId: { state: true },
    dragging: { state: true },
    empty: { state: true },
  };

  declare doc: Y.Doc | undefined;
  declare awareness: Awareness | undefined;
  declare task: string;
  declare readOnly: boolean;
  declare editing: EditSession | null;
  declare selectedId: string | null;
  declare dragging: boolean;
  /** No notes yet: the canvas shows how to add one. */
  declare empty: boolean;

  private board: BoardStage | null = null;
  private gesture: Gesture | null = null;
  private readonly pointers = new Map<number, Point>();
  private readonly taps = new DoubleTapDetector();
  private spaceHeld = false;
  private wheelTimer: ReturnType<typeof setTimeout> | undefined;
  private resizeObserver: ResizeObserver | null = null;
  private removeTestHooks: (() => void) | null = null;
  /** The step last worked in: where "Add note" puts the next note. */
  private lastStep: StepId | undefined;
  private readonly publishCursor = throttle((cursor: Point | null) => {
    this.dispatchEvent(boardEvent<CursorMoveDetail>('cursor-move', { cursor }));
  }, CURSOR_INTERVAL_MS);

  constructor() {
    super();
    this.doc = undefined;
    this.awareness = undefined;
    this.task = '';
    this.readOnly = false;
    this.editing = null;
    this.selectedId = null;
    this.dragging = false;
    this.empty = false;
    new NotesController(this, () => this.doc, { list: false, onChange: (ids) => this.onNotesChanged(ids) });
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

  /** Starts a new note in the step last worked in, or the emptiest step, at a free spot. */
  addNote(): void {
    const board = this.board;
    if (!board || this.readOnly) return;
    const spot = freeSpot(board.notes.notes(), this.lastStep);
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
    clearTimeout(this.wheelTimer);
    this.resizeObserver?.disconnect();
    this.removeTestHooks?.();
    this.board?.destroy();
    this.board = null;
  }

  protected override firstUpdated(): void {
    const container = this.stageElement;
    const board = new BoardStage(container, this.task, () => this.onViewChange());
    this.board = board;
    container.addEventListener('wheel', this.onWheel, { passive: false });
    this.resizeObserver = new ResizeObserver(() => {
      board.resize({ width: container.clientWidth, height: container.clientHeight });
    });
    this.resizeObserver.observe(container);
    if (this.doc) board.notes.load(this.doc);
    this.empty = board.notes.count === 0;
    this.removeTestHooks = installTestHooks(boardTestHooks(board, container));
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('task') && changed.get('task') !== undefined) this.board?.setTask(this.task);
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
        @pointerdown=${this.onPointerDown}
        @pointermove=${this.onPointerMove}
        @pointerup=${this.onPointerUp}
        @pointercancel=${this.onPointerCancel}
        @pointerleave=${this.onPointerLeave}
        @contextmenu=${preventDefault}
      ></div>
      <p id="board-help" class="help">
        ${
          this.readOnly
            ? 'View only. Drag to move around, scroll or pinch to zoom.'
            : 'Drag empty space to move around, scroll or pinch to zoom. Double-click a step to add a note; ' +
              'double-click a note to edit it; drag a note to another step to move it. ' +
              'With a note selected, press Enter to edit and Delete to remove it.'
        }
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
      style="left:${place.left}px;top:${place.top}px;width:${place.width}px;height:${place.height}px"
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
      style="left:${x}px;top:${y}px"
      .color=${view.note.color}
      @menu-recolor=${(event: CustomEvent<{ color: NoteColor }>) => this.recolor(view.note.id, event.detail.color)}
      @menu-edit=${() => this.startEditing(view)}
      @menu-delete=${() => this.deleteNote(view.note.id)}
    ></kompas-note-menu>`;
  }

  // ---- notes ----------------------------------------------------------------------------------

  private onNotesChanged(ids: Set<string> | null): void {
    const board = this.board;
    const doc = this.doc;
    if (!board || !doc) return;
    if (ids === null) {
      board.notes.load(doc);
      this.empty = board.notes.count === 0;
      return;
    }
    const removed = board.notes.sync(doc, ids);
    this.empty = board.notes.count === 0;
    const gesture = this.gesture;
    if ((gesture?.kind === 'drag' || gesture?.kind === 'press') && removed.includes(gesture.note.note.id)) {
      // Someone else deleted the note in our hand.
      this.gesture = null;
      this.dragging = false;
      board.showDropTarget(null);
    }
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

  private startDraft(step: StepId, pos: SlicePosition): void {
    if (this.readOnly) return;
    this.select(null);
    this.lastStep = step;
    this.editing = { id: randomId(), isNew: true, step, pos, text: '', color: 'yellow' };
  }

  private startEditing(view: NoteView): void {
    if (this.readOnly) return;
    const { note } = view;
    this.select(note.id);
    this.editing = {
      id: note.id,
      isNew: false,
      step: note.step,
      pos: note.pos,
      text: note.text,
      color: note.color,
    };
  }

  private onEditorCommit(event: CustomEvent<NoteEditorCommitDetail>): void {
    const session = this.editing;
    this.editing = null;
    if (!session) return;
    const text = event.detail.text;
    const keepFocus = this.shadowRoot?.activeElement?.tagName === 'KOMPAS-NOTE-EDITOR';
    if (session.isNew) {
      if (text.trim()) {
        const { id, step, pos, color } = session;
        this.dispatchEvent(boardEvent<NoteCreateDetail>('note-create', { id, step, pos, text, color }));
        this.select(id);
      }
    } else if (text.trim() && text.trim() !== session.text) {
      this.dispatchEvent(boardEvent<NoteEditDetail>('note-edit', { id: session.id, text }));
    }
    if (keepFocus) this.stageElement.focus({ preventScroll: true });
  }

  private onEditorCancel(): void {
    this.editing = null;
    this.stageElement.focus({ preventScroll: true });
  }

  private recolor(id: string, color: NoteColor): void {
    this.dispatchEvent(boardEvent<NoteRecolorDetail>('note-recolor', { id, color }));
  }

  private deleteNote(id: string): void {
    this.dispatchEvent(boardEvent<NoteDeleteDetail>('note-delete', { id }));
    // The page may have refused; the document decides whether the note is still there.
    if (!this.board?.notes.get(id)) this.select(null);
    this.stageElement.focus({ preventScroll: true });
  }

  // ---- pointer input ----------------------------------------------------------------------------

  private localPoint(event: PointerEvent | WheelEvent | MouseEvent): Point {
    const rect = this.stageElement.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  }

  private readonly onPointerDown = (event: PointerEvent): void => {
    const board = this.board;
    if (!board) return;
    if (event.pointerType === 'mouse' && event.button !== 0 && event.button !== 1) return;
    event.preventDefault();
    this.stageElement.focus({ preventScroll: true });
    const point = this.localPoint(event);
    this.pointers.set(event.pointerId, point);
    this.stageElement.setPointerCapture(event.pointerId);

    if (this.pointers.size === 2) {
      this.startPinch(board);
      return;
    }
    if (this.pointers.size > 2) return;

    const note = board.notes.hitTest(board.toBoard(point));
    const panOnly = event.button === 1 || this.spaceHeld || this.readOnly;
    if (note && !panOnly) {
      this.select(note.note.id);
      const centre = board.toScreen(note.centre);
      const grab = { x: point.x - centre.x, y: point.y - centre.y };
      this.gesture = { kind: 'press', pointerId: event.pointerId, start: point, note, grab };
    } else {
      this.gesture = {
        kind: 'pan',
        pointerId: event.pointerId,
        start: point,
        startView: board.view,
        moved: false,
        note: panOnly ? undefined : note,
      };
    }
    this.updateCursorStyle(note);
  };

  private readonly onPointerMove = (event: PointerEvent): void => {
    const board = this.board;
    if (!board) return;
    const point = this.localPoint(event);
    this.publishCursor(board.toBoard(point));
    if (this.pointers.has(event.pointerId)) this.pointers.set(event.pointerId, point);
    const gesture = this.gesture;
    if (!gesture) {
      this.updateCursorStyle(board.notes.hitTest(board.toBoard(point)));
      return;
    }
    if (gesture.kind === 'pinch') {
      const [a, b] = gesture.ids.map((id) => this.pointers.get(id));
      if (a && b) board.setView(pinchView(gesture.startView, gesture.from, [a, b]));
      return;
    }
    if (event.pointerId !== gesture.pointerId) return;
    if (gesture.kind === 'pan') {
      if (!gesture.moved && distance(point, gesture.start) < DRAG_THRESHOLD) return;
      if (!gesture.moved) {
        gesture.moved = true;
        board.beginGesture();
        this.updateCursorStyle(undefined);
      }
      board.setView(panBy(gesture.startView, point.x - gesture.start.x, point.y - gesture.start.y));
    } else if (gesture.kind === 'press') {
      if (distance(point, gesture.start) < DRAG_THRESHOLD) return;
      this.gesture = {
        kind: 'drag',
        pointerId: gesture.pointerId,
        note: gesture.note,
        grab: gesture.grab,
        step: null,
      };
      this.dragging = true;
      board.lift(gesture.note);
      this.moveDraggedNote(point);
    } else {
      this.moveDraggedNote(point);
    }
  };

  private moveDraggedNote(point: Point): void {
    const board = this.board;
    const gesture = this.gesture;
    if (!board || gesture?.kind !== 'drag') return;
    const centre = board.toBoard({ x: point.x - gesture.grab.x, y: point.y - gesture.grab.y });
    const target = pointToSlice(centre.x, centre.y);
    const step = target?.step ?? null;
    if (step !== gesture.step) {
      gesture.step = step;
      board.showDropTarget(step);
    }
    board.moveLifted(gesture.note, centre, target !== null);
    this.updateCursorStyle(gesture.note);
  }

  private readonly onPointerUp = (event: PointerEvent): void => {
    const board = this.board;
    this.pointers.delete(event.pointerId);
    const gesture = this.gesture;
    if (!board || !gesture) return;
    if (gesture.kind === 'pinch') {
      if (this.pointers.size < 2) this.endGesture();
      return;
    }
    if (event.pointerId !== gesture.pointerId) return;
    const point = this.localPoint(event);
    this.gesture = null;
    if (gesture.kind === 'pan') {
      if (gesture.moved) board.endGesture();
      else this.onTap(point, gesture.note, event.timeStamp);
    } else if (gesture.kind === 'press') {
      this.onTap(point, gesture.note, event.timeStamp);
    } else {
      this.drop(gesture.note, point, gesture.grab);
    }
    this.updateCursorStyle(board.notes.hitTest(board.toBoard(point)));
  };

  private readonly onPointerCancel = (event: PointerEvent): void => {
    this.pointers.delete(event.pointerId);
    this.endGesture();
  };

  private readonly onPointerLeave = (event: PointerEvent): void => {
    if (this.pointers.has(event.pointerId)) return;
    this.publishCursor.cancel();
    this.dispatchEvent(boardEvent<CursorMoveDetail>('cursor-move', { cursor: null }));
  };

  private onTap(point: Point, note: NoteView | undefined, time: number): void {
    const board = this.board;
    if (!board) return;
    const double = this.taps.tap(point, time);
    if (this.readOnly) return;
    if (note) {
      if (double) this.startEditing(note);
      return;
    }
    this.select(null);
    if (!double) return;
    const boardPoint = board.toBoard(point);
    const slice = pointToSlice(boardPoint.x, boardPoint.y);
    if (slice) this.startDraft(slice.step, slice.pos);
  }

  private drop(note: NoteView, point: Point, grab: Point): void {
    const board = this.board;
    if (!board) return;
    this.dragging = false;
    const centre = board.toBoard({ x: point.x - grab.x, y: point.y - grab.y });
    const target = pointToSlice(centre.x, centre.y);
    if (target) {
      this.lastStep = target.step;
      this.dispatchEvent(
        boardEvent<NoteMoveDetail>('note-move', { id: note.note.id, step: target.step, pos: target.pos }),
      );
    }
    // The document now has the note at the drop spot, or still at its old one (dropped off the
    // slices, or refused): then it glides back.
    board.settle(note, distance(note.centre, centre) > 1);
  }

  private startPinch(board: BoardStage): void {
    this.cancelDrag();
    const [first, second] = [...this.pointers.entries()];
    if (!first || !second) return;
    this.gesture = {
      kind: 'pinch',
      ids: [first[0], second[0]],
      from: [first[1], second[1]],
      startView: board.view,
    };
    board.beginGesture();
  }

  private cancelDrag(): void {
    const gesture = this.gesture;
    if (gesture?.kind === 'drag') {
      this.dragging = false;
      this.board?.settle(gesture.note, true);
    }
  }

  /** Ends whatever is in progress without acting on it (pointer cancelled, second finger, Escape). */
  private endGesture(): void {
    this.cancelDrag();
    this.gesture = null;
    this.board?.endGesture();
    this.taps.reset();
  }

  private readonly onWheel = (event: WheelEvent): void => {
    const board = this.board;
    if (!board) return;
    event.preventDefault();
    board.beginGesture();
    board.zoomBy(wheelZoomFactor(event.deltaY, event.deltaMode), this.localPoint(event));
    clearTimeout(this.wheelTimer);
    this.wheelTimer = setTimeout(() => board.endGesture(), WHEEL_IDLE_MS);
  };

  private updateCursorStyle(hover: NoteView | undefined): void {
    const gesture = this.gesture;
    let cursor = 'default';
    if (gesture?.kind === 'drag' || (gesture?.kind === 'pan' && gesture.moved)) cursor = 'grabbing';
    else if (this.spaceHeld) cursor = 'grab';
    else if (hover && !this.readOnly) cursor = 'move';
    this.stageElement.style.cursor = cursor;
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
        if (!this.spaceHeld) {
          this.spaceHeld = true;
          this.updateCursorStyle(undefined);
        }
        break;
      case 'delete-note':
        if (selected) this.deleteNote(selected.note.id);
        break;
      case 'edit-note':
        if (selected) this.startEditing(selected);
        break;
      case 'escape':
        if (this.gesture) this.endGesture();
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
    if (event.key === ' ' && this.spaceHeld) {
      this.spaceHeld = false;
      this.updateCursorStyle(undefined);
    }
  };

  private readonly onWindowBlur = (): void => {
    this.spaceHeld = false;
  };

  // ---- view -------------------------------------------------------------------------------------

  private onViewChange(): void {
    const board = this.board;
    if (!board) return;
    if (this.editing || this.selectedId) this.requestUpdate();
    this.dispatchEvent(boardEvent<ViewportChangeDetail>('viewport-change', { scale: board.view.scale }));
  }
}

function preventDefault(event: Event): void {
  event.preventDefault();
}

customElements.define('kompas-board-canvas', BoardCanvas);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-board-canvas': BoardCanvas;
  }
}
