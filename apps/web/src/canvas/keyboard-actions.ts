import { getStep, PHASES, slicePositionToPoint } from '@kompas/model';
import { msg, str } from '@lit/localize';
import {
  boardEvent,
  type CanvasVote,
  type NoteMoveDetail,
  type NoteVoteDetail,
} from '../core/board-events.ts';
import type { BoardKeyCommand } from '../core/board-keys.ts';
import type { FocusArea } from '../core/commands.ts';
import { noteDescription, stepPlace } from '../core/note-label.ts';
import { neighbourStep, steppedNote } from '../core/note-order.ts';
import { panBy } from '../core/viewport.ts';
import { colorName, nextColor } from '../notes/note-colors.ts';
import type { NoteView } from '../notes/note-view.ts';
import type { BoardStage } from './board-stage.ts';
import { type LockedCanvas, refuseLocked } from './canvas-lock.ts';
import { freeSpot } from './free-spot.ts';
import type { NoteOpening } from './note-opening.ts';
import { EDGE_MARGIN } from './overlay-placement.ts';

/** How far one arrow key press moves the board, in screen pixels. */
const PAN_STEP = 120;

/** The canvas as its keys act on it. */
export interface KeyboardCanvas extends LockedCanvas {
  readonly readOnly: boolean;
  readonly votes: ReadonlyMap<string, CanvasVote>;
  selectNote(id: string | null, byKeyboard?: boolean): void;
  editNote(view: NoteView): void;
  focusOn(area: FocusArea): void;
  zoomIn(): void;
  zoomOut(): void;
  zoomToFit(): void;
  /** Says something to screen readers, politely. */
  announce(text: string): void;
  /** A note this person moved to another step: "Add note" goes there next. */
  moved(step: string): void;
}

/**
 * What the canvas's keys do (see BOARD_KEYS in core/board-keys.ts): go from note to note, open, move,
 * recolour, delete and vote on the selected note, move around and zoom. Every change is fired as the same
 * event a gesture or the note's menu fires; what happens is told to screen readers.
 */
export function runBoardKey(
  command: BoardKeyCommand,
  canvas: KeyboardCanvas,
  board: BoardStage,
  selected: NoteView | undefined,
  opening: NoteOpening,
): void {
  switch (command.kind) {
    case 'select':
      select(canvas, board, selected, command.to);
      break;
    case 'open-note':
      if (!selected) break;
      if (opening.isOpen(selected) && !canvas.readOnly) canvas.editNote(selected);
      else opening.open(selected);
      break;
    case 'delete-note':
      if (!selected) break;
      opening.delete(selected);
      if (!board.notes.get(selected.note.id)) canvas.announce(msg('Note deleted. Ctrl+Z brings it back.'));
      break;
    case 'move-note':
      if (selected) moveToStep(canvas, board, selected, command.by);
      break;
    case 'recolor-note':
      if (selected) recolor(canvas, selected, opening);
      break;
    case 'vote':
      if (selected) vote(canvas, selected, command.takeBack);
      break;
    case 'pan':
      board.setView(panBy(board.view, -command.x * PAN_STEP, -command.y * PAN_STEP));
      break;
    case 'zoom-in':
      canvas.zoomIn();
      break;
    case 'zoom-out':
      canvas.zoomOut();
      break;
    case 'fit':
      canvas.zoomToFit();
      break;
    case 'focus-phase': {
      const phase = PHASES[command.index];
      if (phase) canvas.focusOn({ kind: 'phase', phase: phase.id });
      break;
    }
    case 'hold-to-pan':
    case 'escape':
      break;
  }
}

function select(
  canvas: KeyboardCanvas,
  board: BoardStage,
  selected: NoteView | undefined,
  to: Extract<BoardKeyCommand, { kind: 'select' }>['to'],
): void {
  const note = steppedNote(board.notes.notes(), selected?.note.id ?? null, to);
  const view = note && board.notes.get(note.id);
  if (!view) {
    canvas.announce(msg('There are no notes on the board yet.'));
    return;
  }
  canvas.selectNote(view.note.id, true);
  board.bringIntoView(view.centre, EDGE_MARGIN * 4);
  canvas.announce(noteDescription(view.note));
}

/** Moves the note to the next or previous step round the circle, into its first free slot there. */
function moveToStep(canvas: KeyboardCanvas, board: BoardStage, view: NoteView, by: 1 | -1): void {
  const { id, step: from } = view.note;
  const step = neighbourStep(from, by);
  if (refuseLocked(canvas, from, step)) return;
  const { pos } = freeSpot(
    board.notes.notes().filter((note) => note.id !== id),
    step,
  );
  canvas.moved(step);
  canvas.dispatchEvent(boardEvent<NoteMoveDetail>('note-move', { id, step, pos }));
  board.bringIntoView(slicePositionToPoint(step, pos), EDGE_MARGIN * 4);
  canvas.announce(msg(str`Moved to ${stepPlace({ step, phase: getStep(step).phase })}.`));
}

function recolor(canvas: KeyboardCanvas, view: NoteView, opening: NoteOpening): void {
  const color = nextColor(view.note.color);
  opening.recolor(view, color);
  canvas.announce(msg(str`Color: ${colorName(color)}`));
}

function vote(canvas: KeyboardCanvas, view: NoteView, takeBack: boolean): void {
  const vote = canvas.votes.get(view.note.id);
  if (!vote) {
    canvas.announce(msg('No voting round is open.'));
    return;
  }
  if (!(takeBack ? vote.canTakeBack : vote.canAdd)) {
    canvas.announce(takeBack ? msg('You have no vote on this note.') : msg('You have no votes left.'));
    return;
  }
  canvas.dispatchEvent(boardEvent<NoteVoteDetail>('note-vote', { id: view.note.id, takeBack }));
  canvas.announce(takeBack ? msg('Vote taken back.') : msg('Vote placed.'));
}
