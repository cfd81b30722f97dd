import { pointToSlice, type StepId } from '@kompas/model';
import { boardEvent, type CanvasVote, type NoteMoveDetail } from '../core/board-events.ts';
import type { FocusArea } from '../core/commands.ts';
import type { Point } from '../core/viewport.ts';
import type { NoteView } from '../notes/note-view.ts';
import { badgeVote } from './badge-vote.ts';
import type { GestureHandlers } from './board-gestures.ts';
import type { BoardStage } from './board-stage.ts';
import { type LockedCanvas, lockStops, refuseLocked } from './canvas-lock.ts';
import type { CursorPublisher } from './cursor-publisher.ts';
import { focusAreaAt } from './focus-area.ts';
import { spotInStep } from './free-spot.ts';
import type { NoteOpening } from './note-opening.ts';
import type { NoteWriting } from './note-writing.ts';

/** The canvas as pointer gestures act on it. */
export interface PointerCanvas extends LockedCanvas {
  readonly readOnly: boolean;
  readonly votes: ReadonlyMap<string, CanvasVote>;
  dragging: boolean;
  selectNote(id: string | null, byKeyboard?: boolean): void;
  editNote(view: NoteView): void;
  focusOn(area: FocusArea): void;
  moved(step: StepId): void;
}

/** The canvas's parts the gestures use. */
export interface PointerParts {
  board: BoardStage;
  opening: NoteOpening;
  writing: NoteWriting;
  cursor: CursorPublisher;
  /** Whether Alt was held at the last press, for taking a vote back from a badge. */
  altPress(): boolean;
}

/**
 * What the board's gestures mean: a press selects a note, a tap opens it, a long press on a touch screen shows
 * its menu, a double tap edits it or writes a new note, and a drop moves it to the step it was let go in.
 */
export function gestureHandlers(canvas: PointerCanvas, parts: PointerParts): GestureHandlers {
  const { opening } = parts;
  return {
    isReadOnly: () => canvas.readOnly,
    press: (note) => canvas.selectNote(note.note.id, false),
    longPress: (note) => {
      canvas.selectNote(note.note.id, false);
      opening.close();
    },
    canLift: (note) => !refuseLocked(canvas, note.note.step),
    canDrop: (_note, step) => !lockStops(canvas, step),
    tap: (point, note, double) => tap(canvas, parts, point, note, double),
    drop: (note, centre) => drop(canvas, note, centre),
    draggingChange: (dragging) => {
      canvas.dragging = dragging;
      if (dragging) opening.close();
    },
    cursorMove: (point) => parts.cursor.moved(point),
  };
}

/**
 * A tap opens a note (read-only boards, whose presses only pan, included), a double tap edits it. A double
 * tap on a phase's band or a step's name focuses there; elsewhere in a step it writes a note.
 */
function tap(
  canvas: PointerCanvas,
  { board, opening, writing, altPress }: PointerParts,
  point: Point,
  note: NoteView | undefined,
  double: boolean,
): void {
  if (note && !canvas.readOnly && badgeVote(canvas, canvas.votes, note, point, altPress())) return;
  const tapped = note ?? (canvas.readOnly ? board.notes.hitTest(point) : undefined);
  if (tapped) {
    if (double && !canvas.readOnly) canvas.editNote(tapped);
    else opening.open(tapped);
    return;
  }
  canvas.selectNote(null);
  if (!double) return;
  const area = focusAreaAt(point);
  if (area) {
    canvas.focusOn(area);
    return;
  }
  const slice = canvas.readOnly ? null : pointToSlice(point.x, point.y);
  if (slice) writing.startDraft(slice.step, spotInStep(board.notes.notes(), slice.step, slice.pos));
}

function drop(canvas: PointerCanvas, note: NoteView, centre: Point): void {
  const target = pointToSlice(centre.x, centre.y);
  if (!target || refuseLocked(canvas, note.note.step, target.step)) return;
  canvas.moved(target.step);
  canvas.dispatchEvent(
    boardEvent<NoteMoveDetail>('note-move', { id: note.note.id, step: target.step, pos: target.pos }),
  );
}
