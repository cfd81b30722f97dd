import { pointToSlice, type StepId } from '@kompas/model';
import { distance, type Point, panBy, pinchView, type Viewport, wheelZoomFactor } from '../core/viewport.ts';
import type { NoteView } from '../notes/note-view.ts';
import type { BoardStage } from './board-stage.ts';
import { DoubleTapDetector } from './double-tap.ts';

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
/** A fingertip wobbles more than a mouse: a tap may travel this far and stay a tap. */
const TOUCH_DRAG_THRESHOLD = 10;
/** How far apart (px) the two taps of a finger's double tap may land. */
const TOUCH_DOUBLE_TAP_DISTANCE = 28;
/** A wheel zoom counts as one gesture until the wheel rests this long. */
const WHEEL_IDLE_MS = 160;
/** A finger held still on a note this long shows the note's menu instead of opening it. */
const LONG_PRESS_MS = 500;

/** What the gestures mean to the board's owner, which turns them into selection, editing and events. */
export interface GestureHandlers {
  /** Read only: every press pans, and notes show no move cursor. */
  isReadOnly(): boolean;
  /** A press landed on a note. */
  press(note: NoteView): void;
  /** A finger stayed on a note without moving: its menu, not its card. */
  longPress(note: NoteView): void;
  /** A press let go without moving, at a board point; `double` when it completes a double tap. */
  tap(point: Point, note: NoteView | undefined, double: boolean): void;
  /** Whether a pressed note may be dragged at all; false leaves it where it is. */
  canLift?(note: NoteView): boolean;
  /** Whether a note may be dropped into a step; false shows it faded, and it would snap back. */
  canDrop?(note: NoteView, step: StepId): boolean;
  /** A dragged note was let go with its centre at a board point; the document decides where it stays. */
  drop(note: NoteView, centre: Point): void;
  draggingChange(dragging: boolean): void;
  /** The pointer is over the board at a board point, or has left it (null). */
  cursorMove(point: Point | null): void;
}

/**
 * Pointer and wheel input on the board's stage element: pans the view with a drag (or a held space
 * bar, or the middle button), zooms with the wheel or a pinch, drags notes with a drop-target preview,
 * and recognises taps and double taps. It moves only the view and the drawing; the handlers decide
 * what a tap or drop means.
 */
export class BoardGestures {
  private gesture: Gesture | null = null;
  private readonly pointers = new Map<number, Point>();
  private readonly taps = new DoubleTapDetector();
  private spaceHeld = false;
  /** The latest press was a finger's: taps and drags get a finger's tolerance. */
  private touch = false;
  private wheelTimer: ReturnType<typeof setTimeout> | undefined;
  private longPressTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly element: HTMLElement,
    private readonly board: BoardStage,
    private readonly handlers: GestureHandlers,
  ) {
    element.addEventListener('pointerdown', this.onPointerDown);
    element.addEventListener('pointermove', this.onPointerMove);
    element.addEventListener('pointerup', this.onPointerUp);
    element.addEventListener('pointercancel', this.onPointerCancel);
    element.addEventListener('pointerleave', this.onPointerLeave);
    element.addEventListener('contextmenu', preventDefault);
    element.addEventListener('wheel', this.onWheel, { passive: false });
  }

  get active(): boolean {
    return this.gesture !== null;
  }

  /** Space held down: a press anywhere pans, even on a note. */
  holdToPan(held: boolean): void {
    if (this.spaceHeld === held) return;
    this.spaceHeld = held;
    this.updateCursorStyle(undefined);
  }

  /** Ends whatever is in progress without acting on it (pointer cancelled, second finger, Escape). */
  cancel(): void {
    clearTimeout(this.longPressTimer);
    this.cancelDrag();
    this.gesture = null;
    this.board.endGesture();
    this.taps.reset();
  }

  /** Drops a press or drag on a note someone else has just deleted. */
  forgetNotes(removedIds: readonly string[]): void {
    const gesture = this.gesture;
    if (
      (gesture?.kind === 'drag' || gesture?.kind === 'press') &&
      removedIds.includes(gesture.note.note.id)
    ) {
      this.gesture = null;
      this.handlers.draggingChange(false);
      this.board.showDropTarget(null);
    }
  }

  destroy(): void {
    const element = this.element;
    element.removeEventListener('pointerdown', this.onPointerDown);
    element.removeEventListener('pointermove', this.onPointerMove);
    element.removeEventListener('pointerup', this.onPointerUp);
    element.removeEventListener('pointercancel', this.onPointerCancel);
    element.removeEventListener('pointerleave', this.onPointerLeave);
    element.removeEventListener('contextmenu', preventDefault);
    element.removeEventListener('wheel', this.onWheel);
    clearTimeout(this.wheelTimer);
    clearTimeout(this.longPressTimer);
  }

  private localPoint(event: PointerEvent | WheelEvent): Point {
    const rect = this.element.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  }

  private readonly onPointerDown = (event: PointerEvent): void => {
    const board = this.board;
    if (event.pointerType === 'mouse' && event.button !== 0 && event.button !== 1) return;
    event.preventDefault();
    this.element.focus({ preventScroll: true });
    this.touch = event.pointerType === 'touch';
    const point = this.localPoint(event);
    this.pointers.set(event.pointerId, point);
    this.element.setPointerCapture(event.pointerId);

    if (this.pointers.size === 2) {
      clearTimeout(this.longPressTimer);
      this.startPinch();
      return;
    }
    if (this.pointers.size > 2) return;

    const note = board.notes.hitTest(board.toBoard(point));
    const panOnly = event.button === 1 || this.spaceHeld || this.handlers.isReadOnly();
    if (note && !panOnly) {
      this.handlers.press(note);
      const centre = board.toScreen(note.centre);
      const grab = { x: point.x - centre.x, y: point.y - centre.y };
      this.gesture = { kind: 'press', pointerId: event.pointerId, start: point, note, grab };
      if (this.touch) this.awaitLongPress(this.gesture);
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
    const point = this.localPoint(event);
    const boardPoint = board.toBoard(point);
    this.handlers.cursorMove(boardPoint);
    if (this.pointers.has(event.pointerId)) this.pointers.set(event.pointerId, point);
    const gesture = this.gesture;
    if (!gesture) {
      this.updateCursorStyle(board.notes.hitTest(boardPoint));
      return;
    }
    if (gesture.kind === 'pinch') {
      const a = this.pointers.get(gesture.ids[0]);
      const b = this.pointers.get(gesture.ids[1]);
      if (a && b) board.setView(pinchView(gesture.startView, gesture.from, [a, b]));
      return;
    }
    if (event.pointerId !== gesture.pointerId) return;
    if (gesture.kind === 'pan') {
      if (!gesture.moved && distance(point, gesture.start) < this.dragThreshold) return;
      if (!gesture.moved) {
        gesture.moved = true;
        board.beginGesture();
        this.updateCursorStyle(undefined);
      }
      board.setView(panBy(gesture.startView, point.x - gesture.start.x, point.y - gesture.start.y));
    } else if (gesture.kind === 'press') {
      if (distance(point, gesture.start) < this.dragThreshold) return;
      clearTimeout(this.longPressTimer);
      if (this.handlers.canLift?.(gesture.note) === false) {
        this.gesture = null;
        return;
      }
      const drag: Gesture = {
        kind: 'drag',
        pointerId: gesture.pointerId,
        note: gesture.note,
        grab: gesture.grab,
        step: null,
      };
      this.gesture = drag;
      this.handlers.draggingChange(true);
      board.lift(gesture.note);
      this.moveDraggedNote(drag, point);
    } else {
      this.moveDraggedNote(gesture, point);
    }
  };

  private readonly onPointerUp = (event: PointerEvent): void => {
    const board = this.board;
    this.pointers.delete(event.pointerId);
    clearTimeout(this.longPressTimer);
    const gesture = this.gesture;
    if (!gesture) return;
    if (gesture.kind === 'pinch') {
      if (this.pointers.size < 2) this.cancel();
      return;
    }
    if (event.pointerId !== gesture.pointerId) return;
    const point = this.localPoint(event);
    this.gesture = null;
    if (gesture.kind === 'pan') {
      if (gesture.moved) board.endGesture();
      else this.tap(point, gesture.note, event.timeStamp);
    } else if (gesture.kind === 'press') {
      this.tap(point, gesture.note, event.timeStamp);
    } else {
      this.drop(gesture.note, point, gesture.grab);
    }
    this.updateCursorStyle(board.notes.hitTest(board.toBoard(point)));
  };

  private readonly onPointerCancel = (event: PointerEvent): void => {
    this.pointers.delete(event.pointerId);
    this.cancel();
  };

  private readonly onPointerLeave = (event: PointerEvent): void => {
    // A captured pointer still belongs to the board while it is outside.
    if (this.pointers.has(event.pointerId)) return;
    this.handlers.cursorMove(null);
  };

  private readonly onWheel = (event: WheelEvent): void => {
    const board = this.board;
    event.preventDefault();
    board.beginGesture();
    board.zoomBy(wheelZoomFactor(event.deltaY, event.deltaMode), this.localPoint(event));
    clearTimeout(this.wheelTimer);
    this.wheelTimer = setTimeout(() => board.endGesture(), WHEEL_IDLE_MS);
  };

  /** A finger that stays on the note ends the press: letting go then neither opens nor drags it. */
  private awaitLongPress(press: Extract<Gesture, { kind: 'press' }>): void {
    clearTimeout(this.longPressTimer);
    this.longPressTimer = setTimeout(() => {
      if (this.gesture !== press) return;
      this.gesture = null;
      this.taps.reset();
      this.handlers.longPress(press.note);
    }, LONG_PRESS_MS);
  }

  private get dragThreshold(): number {
    return this.touch ? TOUCH_DRAG_THRESHOLD : DRAG_THRESHOLD;
  }

  private tap(point: Point, note: NoteView | undefined, time: number): void {
    const double = this.taps.tap(point, time, this.touch ? TOUCH_DOUBLE_TAP_DISTANCE : undefined);
    this.handlers.tap(this.board.toBoard(point), note, double);
  }

  private moveDraggedNote(drag: Extract<Gesture, { kind: 'drag' }>, point: Point): void {
    const board = this.board;
    const centre = board.toBoard({ x: point.x - drag.grab.x, y: point.y - drag.grab.y });
    const target = pointToSlice(centre.x, centre.y);
    const allowed = target !== null && this.handlers.canDrop?.(drag.note, target.step) !== false;
    const step = allowed && target ? target.step : null;
    if (step !== drag.step) {
      drag.step = step;
      board.showDropTarget(step);
    }
    board.moveLifted(drag.note, centre, allowed);
    this.updateCursorStyle(drag.note);
  }

  private drop(note: NoteView, point: Point, grab: Point): void {
    const released = this.board.toBoard({ x: point.x - grab.x, y: point.y - grab.y });
    // A note let go over a slice's edge or its label stays in that slice, wholly: it glides in.
    const target = pointToSlice(released.x, released.y);
    const centre = target ? this.board.notes.dropCentre(note, target.step, released) : released;
    this.handlers.draggingChange(false);
    this.handlers.drop(note, centre);
    // The document now has the note at the drop spot, or still at its old one (dropped off the
    // slices, or refused): then it glides back.
    this.board.settle(note, distance(note.centre, released) > 1);
  }

  private startPinch(): void {
    this.cancelDrag();
    const [first, second] = [...this.pointers.entries()];
    if (!first || !second) return;
    this.gesture = {
      kind: 'pinch',
      ids: [first[0], second[0]],
      from: [first[1], second[1]],
      startView: this.board.view,
    };
    this.board.beginGesture();
  }

  private cancelDrag(): void {
    const gesture = this.gesture;
    if (gesture?.kind === 'drag') {
      this.handlers.draggingChange(false);
      this.board.settle(gesture.note, true);
    }
  }

  private updateCursorStyle(hover: NoteView | undefined): void {
    const gesture = this.gesture;
    let cursor = 'default';
    if (gesture?.kind === 'drag' || (gesture?.kind === 'pan' && gesture.moved)) cursor = 'grabbing';
    else if (this.spaceHeld) cursor = 'grab';
    else if (hover && !this.handlers.isReadOnly()) cursor = 'move';
    this.element.style.cursor = cursor;
  }
}

function preventDefault(event: Event): void {
  event.preventDefault();
}
