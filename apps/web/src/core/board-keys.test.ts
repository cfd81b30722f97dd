import { describe, expect, it } from 'vitest';
import { boardKeyCommand, type KeyInput, undoKeyCommand } from './board-keys.ts';

function key(key: string, extra: Partial<KeyInput> = {}): KeyInput {
  return { key, code: '', shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...extra };
}

const onBoard = { onBoard: true, noteSelected: true, readOnly: false };

describe('boardKeyCommand', () => {
  it('deletes and edits the selected note', () => {
    expect(boardKeyCommand(key('Delete'), onBoard)).toBe('delete-note');
    expect(boardKeyCommand(key('Backspace'), onBoard)).toBe('delete-note');
    expect(boardKeyCommand(key('Enter'), onBoard)).toBe('edit-note');
  });

  it('never edits for observers or without a selection', () => {
    expect(boardKeyCommand(key('Delete'), { ...onBoard, readOnly: true })).toBeNull();
    expect(boardKeyCommand(key('Enter'), { ...onBoard, noteSelected: false })).toBeNull();
  });

  it('leaves Space and Enter to a focused control', () => {
    const onButton = { ...onBoard, onBoard: false };
    expect(boardKeyCommand(key(' '), onButton)).toBeNull();
    expect(boardKeyCommand(key('Enter'), onButton)).toBeNull();
    expect(boardKeyCommand(key('Delete'), onButton)).toBe('delete-note');
    expect(boardKeyCommand(key(' '), onBoard)).toBe('hold-to-pan');
  });

  it('zooms and fits', () => {
    expect(boardKeyCommand(key('+'), onBoard)).toBe('zoom-in');
    expect(boardKeyCommand(key('='), onBoard)).toBe('zoom-in');
    expect(boardKeyCommand(key('-'), onBoard)).toBe('zoom-out');
    expect(boardKeyCommand(key('!', { code: 'Digit1', shiftKey: true }), onBoard)).toBe('fit');
    expect(boardKeyCommand(key('-', { ctrlKey: true }), onBoard)).toBeNull();
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
