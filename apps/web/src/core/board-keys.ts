/** The keyboard shortcuts of a board, as pure decisions over key events (so they can be tested). */

export type KeyInput = Pick<KeyboardEvent, 'key' | 'code' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey'>;

export type BoardKeyCommand =
  | 'hold-to-pan'
  | 'delete-note'
  | 'edit-note'
  | 'escape'
  | 'zoom-in'
  | 'zoom-out'
  | 'fit';

export interface BoardKeyContext {
  /** The board itself (or nothing in particular) has the focus, not a button or other control. */
  onBoard: boolean;
  noteSelected: boolean;
  readOnly: boolean;
}

/**
 * Space (held) pans; Delete/Backspace deletes the selected note, Enter edits it; Escape deselects or
 * cancels a drag; + and - zoom, Shift+1 fits. Keys that a focused control would use (Space, Enter)
 * act on the board only when the board has the focus.
 */
export function boardKeyCommand(event: KeyInput, context: BoardKeyContext): BoardKeyCommand | null {
  const { onBoard, noteSelected, readOnly } = context;
  if (event.key === ' ') return onBoard ? 'hold-to-pan' : null;
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if ((event.key === 'Delete' || event.key === 'Backspace') && noteSelected && !readOnly)
    return 'delete-note';
  if (event.key === 'Enter') return onBoard && noteSelected && !readOnly ? 'edit-note' : null;
  if (event.key === 'Escape') return 'escape';
  if (!onBoard) return null;
  if (event.key === '+' || event.key === '=') return 'zoom-in';
  if (event.key === '-') return 'zoom-out';
  if (event.code === 'Digit1' && event.shiftKey) return 'fit';
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
