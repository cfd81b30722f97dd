import {
  type NoteColor,
  type PhaseId,
  type PhasePosition,
  type StepId,
  slicePositionToPoint,
} from '@kompas/model';
import type { BoardStage } from '../canvas/board-stage.ts';
import { type BoardRegion, visibleRegion } from '../core/board-region.ts';
import type { Point } from '../core/viewport.ts';

/**
 * A small window API for browser tests (and debugging), installed while a board is shown:
 * `window.kompas`. Screen points are CSS pixels relative to the page viewport, the coordinates
 * `page.mouse.move(x, y)` takes; board points are board coordinates (circle of radius 1000 at 0,0).
 */
export interface KompasTestHooks {
  /** Board point -> page viewport point. */
  boardToScreen(x: number, y: number): Point;
  /** Page viewport point -> board point. */
  screenToBoard(x: number, y: number): Point;
  /** Page viewport point of a note's centre, or null if there is no such note. */
  notePosition(id: string): Point | null;
  /** The notes on the canvas, with their centres in page viewport points. */
  notes(): {
    id: string;
    text: string;
    color: NoteColor;
    step: StepId;
    phase: PhaseId;
    x: number;
    y: number;
    /** Whether the note carries the mark of changes the server has not stored yet. */
    pending: boolean;
    /** Whether it is drawn faded, as a note of an earlier round, and its round mark ("R1", "↻ R1"). */
    dimmed: boolean;
    roundMark: string | null;
  }[];
  /**
   * Each note's rectangle as drawn, in board units (its step may draw it smaller than full size, and keeps it
   * inside its slice), with the size it is drawn at.
   */
  noteBoxes(): {
    id: string;
    step: StepId;
    x: number;
    y: number;
    width: number;
    height: number;
    scale: number;
  }[];
  /** Other people's cursors on the board, in board coordinates. */
  remoteCursors(): { name: string; x: number; y: number }[];
  /** The camera: screen = board * scale + (x, y), relative to the canvas. */
  viewport(): { x: number; y: number; scale: number };
  /** The part of the board on screen: the board point at the canvas' centre and the radius it shows. */
  visibleRegion(): BoardRegion;
  /** The phase and round the board highlights, or null before the workshop starts. */
  currentPhase(): { phase: string; round: number } | null;
  /**
   * The font size a note's text is drawn at, in board units (times the viewport's scale for CSS pixels),
   * or null if there is no such note.
   */
  noteFontSize(id: string): number | null;
  /** A note's text as drawn: its lines, and whether the end had to be cut; null if there is no such note. */
  noteText(id: string): { lines: string[]; cut: boolean } | null;
  /** A note's voting badge: its text and its centre in page viewport points, or null when it shows none. */
  voteBadge(id: string): { text: string; x: number; y: number } | null;
}

declare global {
  interface Window {
    kompas?: KompasTestHooks;
  }
}

/** Installs the hooks; the returned function removes them if they are still the ones installed. */
export function installTestHooks(hooks: KompasTestHooks): () => void {
  window.kompas = hooks;
  return () => {
    if (window.kompas === hooks) delete window.kompas;
  };
}

/** The hooks for a board drawn by `board` into `container`, showing the group at `position()`. */
export function boardTestHooks(
  board: BoardStage,
  container: HTMLElement,
  position: () => PhasePosition | null,
): KompasTestHooks {
  const toPage = (point: Point): Point => {
    const rect = container.getBoundingClientRect();
    const screen = board.toScreen(point);
    return { x: rect.left + screen.x, y: rect.top + screen.y };
  };
  return {
    boardToScreen: (x, y) => toPage({ x, y }),
    screenToBoard: (x, y) => {
      const rect = container.getBoundingClientRect();
      return board.toBoard({ x: x - rect.left, y: y - rect.top });
    },
    notePosition: (id) => {
      const view = board.notes.get(id);
      return view ? toPage(view.centre) : null;
    },
    notes: () => {
      // One layout read for all the notes: a thousand reads cost more than the board's own frame.
      const rect = container.getBoundingClientRect();
      return board.notes.notes().map((note) => {
        const view = board.notes.get(note.id);
        // Where the note is drawn: its spot, unless its step keeps it further inside the slice.
        const screen = board.toScreen(view?.centre ?? slicePositionToPoint(note.step, note.pos));
        const centre = { x: rect.left + screen.x, y: rect.top + screen.y };
        return {
          id: note.id,
          text: note.text,
          color: note.color,
          step: note.step,
          phase: note.phase,
          ...centre,
          pending: view?.pending ?? false,
          dimmed: view?.dimmed ?? false,
          roundMark: view?.roundLabel ?? null,
        };
      });
    },
    noteBoxes: () =>
      board.notes.notes().flatMap((note) => {
        const view = board.notes.get(note.id);
        return view ? [{ id: note.id, step: note.step, ...view.box, scale: view.scale }] : [];
      }),
    remoteCursors: () => board.cursors.list(),
    viewport: () => ({ ...board.view }),
    visibleRegion: () => visibleRegion(board.view, board.size),
    noteFontSize: (id) => {
      const view = board.notes.get(id);
      return view ? view.fittedText.fontSize * view.group.scaleX() : null;
    },
    noteText: (id) => {
      const fitted = board.notes.get(id)?.fittedText;
      return fitted ? { lines: [...fitted.lines], cut: fitted.cut } : null;
    },
    voteBadge: (id) => {
      const view = board.notes.get(id);
      const box = view?.badgeBox;
      const text = view?.badgeLabel;
      if (!box || text == null) return null;
      return { text, ...toPage({ x: box.x + box.width / 2, y: box.y + box.height / 2 }) };
    },
    currentPhase: () => {
      const current = position();
      return current ? { phase: current.phase, round: current.round } : null;
    },
  };
}
