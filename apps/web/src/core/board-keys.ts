import { msg } from '@lit/localize';
import type { NoteStepping } from './note-order.ts';

/** The keyboard shortcuts of a board's canvas, as pure decisions over key events (so they can be tested). */

export type KeyInput = Pick<KeyboardEvent, 'key' | 'code' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey'>;

/** The parts of the `?` list of shortcuts. */
export type ShortcutGroup = 'notes' | 'board' | 'facilitation';

/** What a key asks of the canvas. */
export type BoardKeyCommand =
  | { kind: 'hold-to-pan' }
  | { kind: 'select'; to: NoteStepping }
  | { kind: 'open-note' }
  | { kind: 'delete-note' }
  | { kind: 'move-note'; by: 1 | -1 }
  | { kind: 'recolor-note' }
  | { kind: 'vote'; takeBack: boolean }
  | { kind: 'escape' }
  | { kind: 'pan'; x: -1 | 0 | 1; y: -1 | 0 | 1 }
  | { kind: 'zoom-in' }
  | { kind: 'zoom-out' }
  | { kind: 'fit' }
  | { kind: 'focus-phase'; index: number };

export interface BoardKeyContext {
  /** The board itself (or nothing in particular) has the focus, not a button or other control. */
  onBoard: boolean;
  noteSelected: boolean;
  readOnly: boolean;
}

/** One line of the shortcuts list and the key presses it stands for. */
export interface BoardKey {
  group: ShortcutGroup;
  /** The keys as the shortcuts list shows them. */
  keys(): string;
  label(): string;
  command(event: KeyInput, context: BoardKeyContext): BoardKeyCommand | null;
}

const ARROWS: Record<string, { x: -1 | 0 | 1; y: -1 | 0 | 1 }> = {
  ArrowLeft: { x: -1, y: 0 },
  ArrowRight: { x: 1, y: 0 },
  ArrowUp: { x: 0, y: -1 },
  ArrowDown: { x: 0, y: 1 },
};

const plain = (event: KeyInput): boolean => !(event.ctrlKey || event.metaKey || event.altKey);
/** A plain key that acts on the board only while the board has the focus (a control keeps its own keys). */
const onBoardPlain = (event: KeyInput, { onBoard }: BoardKeyContext): boolean => onBoard && plain(event);
/** The letter's key, by what it types or, on other layouts, by where it sits. */
const letter = (event: KeyInput, name: string): boolean =>
  event.key.toLowerCase() === name || event.code === `Key${name.toUpperCase()}`;

/**
 * The canvas's keys, in the order the shortcuts list shows them. With a note selected the arrow keys go from
 * note to note (← → by step round the circle, ↑ ↓ within a step); with none they move around the board, as
 * Shift with the arrows always does.
 */
export const BOARD_KEYS: readonly BoardKey[] = [
  {
    group: 'notes',
    keys: () => msg('Home / End', { desc: 'Key names' }),
    label: () => msg('Select the first or last note'),
    command: (event, context) => {
      if (!onBoardPlain(event, context) || event.shiftKey) return null;
      if (event.key === 'Home') return { kind: 'select', to: 'first' };
      return event.key === 'End' ? { kind: 'select', to: 'last' } : null;
    },
  },
  {
    group: 'notes',
    keys: () => '← / →',
    label: () => msg('Go to the notes of the previous or next step'),
    command: (event, context) => {
      if (!onBoardPlain(event, context) || event.shiftKey || !context.noteSelected) return null;
      if (event.key === 'ArrowLeft') return { kind: 'select', to: 'previous-step' };
      return event.key === 'ArrowRight' ? { kind: 'select', to: 'next-step' } : null;
    },
  },
  {
    group: 'notes',
    keys: () => '↑ / ↓',
    label: () => msg('Go to the previous or next note'),
    command: (event, context) => {
      if (!onBoardPlain(event, context) || event.shiftKey || !context.noteSelected) return null;
      if (event.key === 'ArrowUp') return { kind: 'select', to: 'previous' };
      return event.key === 'ArrowDown' ? { kind: 'select', to: 'next' } : null;
    },
  },
  {
    group: 'notes',
    keys: () => msg('Enter', { desc: 'The name of the Enter key' }),
    label: () => msg('Open the selected note; Enter again edits it'),
    command: (event, context) =>
      event.key === 'Enter' && onBoardPlain(event, context) && context.noteSelected
        ? { kind: 'open-note' }
        : null,
  },
  {
    group: 'notes',
    keys: () => 'Alt+← / Alt+→',
    label: () => msg('Move the selected note to the previous or next step'),
    command: (event, { onBoard, noteSelected, readOnly }) => {
      if (!onBoard || !noteSelected || readOnly || !event.altKey || event.ctrlKey || event.metaKey)
        return null;
      if (event.shiftKey) return null;
      if (event.key === 'ArrowLeft') return { kind: 'move-note', by: -1 };
      return event.key === 'ArrowRight' ? { kind: 'move-note', by: 1 } : null;
    },
  },
  {
    group: 'notes',
    keys: () => 'C',
    label: () => msg('Give the selected note the next color'),
    command: (event, context) =>
      letter(event, 'c') && onBoardPlain(event, context) && context.noteSelected && !context.readOnly
        ? { kind: 'recolor-note' }
        : null,
  },
  {
    group: 'notes',
    keys: () => msg('Delete / Backspace'),
    label: () => msg('Delete the selected note (Ctrl+Z brings it back)'),
    command: (event, { noteSelected, readOnly }) =>
      (event.key === 'Delete' || event.key === 'Backspace') && plain(event) && noteSelected && !readOnly
        ? { kind: 'delete-note' }
        : null,
  },
  {
    group: 'notes',
    keys: () => msg('V / Shift+V', { desc: 'Key names' }),
    label: () => msg('During a voting round: vote for the selected note, or take a vote back'),
    command: (event, context) =>
      letter(event, 'v') && onBoardPlain(event, context) && context.noteSelected && !context.readOnly
        ? { kind: 'vote', takeBack: event.shiftKey }
        : null,
  },
  {
    group: 'notes',
    keys: () => msg('Esc', { desc: 'The name of the Escape key' }),
    label: () => msg('Close the note, or put the selection away'),
    command: (event) => (event.key === 'Escape' ? { kind: 'escape' } : null),
  },
  {
    group: 'board',
    keys: () => msg('Shift+arrows, or arrows with no note selected'),
    label: () => msg('Move around the board'),
    command: (event, context) => {
      const direction = ARROWS[event.key];
      if (!direction || !onBoardPlain(event, context)) return null;
      return event.shiftKey || !context.noteSelected ? { kind: 'pan', ...direction } : null;
    },
  },
  {
    group: 'board',
    keys: () => msg('Hold Space and drag'),
    label: () => msg('Move around the board with the mouse'),
    command: (event, { onBoard }) => (event.key === ' ' && onBoard ? { kind: 'hold-to-pan' } : null),
  },
  {
    group: 'board',
    keys: () => '+ / −',
    label: () => msg('Zoom in or out'),
    command: (event, context) => {
      if (!onBoardPlain(event, context)) return null;
      if (event.key === '+' || event.key === '=') return { kind: 'zoom-in' };
      return event.key === '-' ? { kind: 'zoom-out' } : null;
    },
  },
  {
    group: 'board',
    keys: () => '0',
    label: () => msg('Fit to screen'),
    command: (event, context) => {
      if (!onBoardPlain(event, context)) return null;
      const fit = event.key === '0' || (event.code === 'Digit1' && event.shiftKey);
      return fit ? { kind: 'fit' } : null;
    },
  },
  {
    group: 'board',
    keys: () => '1 – 4',
    label: () => msg('Show phase 1, 2, 3 or 4'),
    command: (event, context) => {
      if (!onBoardPlain(event, context) || event.shiftKey) return null;
      const index = ['1', '2', '3', '4'].indexOf(event.key);
      return index >= 0 ? { kind: 'focus-phase', index } : null;
    },
  },
];

/** What a key press asks of the canvas, if anything. */
export function boardKeyCommand(event: KeyInput, context: BoardKeyContext): BoardKeyCommand | null {
  for (const key of BOARD_KEYS) {
    const command = key.command(event, context);
    if (command) return command;
  }
  return null;
}

/** Ctrl/Cmd+Z undoes; Ctrl/Cmd+Shift+Z and Ctrl/Cmd+Y redo. */
export function undoKeyCommand(event: KeyInput): 'undo' | 'redo' | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  const key = event.key.toLowerCase();
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (key === 'y') return 'redo';
  return null;
}

/** Keys typed into a field belong to the field (which has its own undo, Enter and Space). */
export function isTypingTarget(target: EventTarget | undefined): boolean {
  if (typeof target !== 'object' || target === null) return false;
  const { isContentEditable, tagName } = target as { isContentEditable?: unknown; tagName?: unknown };
  return isContentEditable === true || (typeof tagName === 'string' && TYPING_TAGS.includes(tagName));
}

const TYPING_TAGS = ['INPUT', 'TEXTAREA', 'SELECT'];
