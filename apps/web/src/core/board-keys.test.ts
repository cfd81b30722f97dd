import { describe, expect, it } from 'vitest';
import { boardKeyCommand, type KeyInput, undoKeyCommand } from './board-keys.ts';

function key(key: string, extra: Partial<KeyInput> = {}): KeyInput {
  return { key, code: '', shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...extra };
}

const onBoard = { onBoard: true, noteSelected: true, readOnly: false };
const nothingSelected = { ...onBoard, noteSelected: false };
const kind = (event: KeyInput, context = onBoard) => boardKeyCommand(event, context);

describe('boardKeyCommand', () => {
  it('deletes and opens the selected note', () => {
    expect(kind(key('Delete'))).toEqual({ kind: 'delete-note' });
    expect(kind(key('Backspace'))).toEqual({ kind: 'delete-note' });
    expect(kind(key('Enter'))).toEqual({ kind: 'open-note' });
  });

  it('never changes notes for observers, and opens nothing without a selection', () => {
    const observer = { ...onBoard, readOnly: true };
    expect(kind(key('Delete'), observer)).toBeNull();
    expect(kind(key('ArrowRight', { altKey: true }), observer)).toBeNull();
    expect(kind(key('c'), observer)).toBeNull();
    expect(kind(key('v'), observer)).toBeNull();
    expect(kind(key('Enter'), observer)).toEqual({ kind: 'open-note' });
    expect(kind(key('Enter'), nothingSelected)).toBeNull();
  });

  it('leaves Space, Enter and arrows to a focused control', () => {
    const onButton = { ...onBoard, onBoard: false };
    expect(kind(key(' '), onButton)).toBeNull();
    expect(kind(key('Enter'), onButton)).toBeNull();
    expect(kind(key('ArrowDown'), onButton)).toBeNull();
    expect(kind(key('Delete'), onButton)).toEqual({ kind: 'delete-note' });
    expect(kind(key(' '))).toEqual({ kind: 'hold-to-pan' });
  });

  it('goes from note to note with a note selected, and selects the first or last with Home and End', () => {
    expect(kind(key('ArrowDown'))).toEqual({ kind: 'select', to: 'next' });
    expect(kind(key('ArrowUp'))).toEqual({ kind: 'select', to: 'previous' });
    expect(kind(key('ArrowRight'))).toEqual({ kind: 'select', to: 'next-step' });
    expect(kind(key('ArrowLeft'))).toEqual({ kind: 'select', to: 'previous-step' });
    expect(kind(key('Home'), nothingSelected)).toEqual({ kind: 'select', to: 'first' });
    expect(kind(key('End'), nothingSelected)).toEqual({ kind: 'select', to: 'last' });
  });

  it('pans with the arrows when no note is selected, and with Shift and the arrows always', () => {
    expect(kind(key('ArrowRight'), nothingSelected)).toEqual({ kind: 'pan', x: 1, y: 0 });
    expect(kind(key('ArrowUp', { shiftKey: true }))).toEqual({ kind: 'pan', x: 0, y: -1 });
  });

  it('moves, recolours and votes on the selected note', () => {
    expect(kind(key('ArrowRight', { altKey: true }))).toEqual({ kind: 'move-note', by: 1 });
    expect(kind(key('ArrowLeft', { altKey: true }))).toEqual({ kind: 'move-note', by: -1 });
    expect(kind(key('ArrowLeft', { altKey: true }), nothingSelected)).toBeNull();
    expect(kind(key('c'))).toEqual({ kind: 'recolor-note' });
    expect(kind(key('v'))).toEqual({ kind: 'vote', takeBack: false });
    expect(kind(key('V', { shiftKey: true }))).toEqual({ kind: 'vote', takeBack: true });
  });

  it('zooms, fits and shows a phase', () => {
    expect(kind(key('+'))).toEqual({ kind: 'zoom-in' });
    expect(kind(key('='))).toEqual({ kind: 'zoom-in' });
    expect(kind(key('-'))).toEqual({ kind: 'zoom-out' });
    expect(kind(key('0'))).toEqual({ kind: 'fit' });
    expect(kind(key('!', { code: 'Digit1', shiftKey: true }))).toEqual({ kind: 'fit' });
    expect(kind(key('3'))).toEqual({ kind: 'focus-phase', index: 2 });
    expect(kind(key('-', { ctrlKey: true }))).toBeNull();
  });
});

describe('undoKeyCommand', () => {
  it('maps the usual shortcuts', () => {
    expect(undoKeyCommand(key('z', { ctrlKey: true }))).toBe('undo');
    expect(undoKeyCommand(key('z', { metaKey: true }))).toBe('undo');
    expect(undoKeyCommand(key('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(undoKeyCommand(key('y', { ctrlKey: true }))).toBe('redo');
    expect(undoKeyCommand(key('z'))).toBeNull();
  });
});
