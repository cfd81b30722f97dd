import {
  createNote,
  getNote,
  LOCAL_ORIGIN,
  lockedPhaseOf,
  moveNote,
  type Note,
  notesType,
} from '@kompas/model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { changedPlaces, lockRefusalText, lockStatusText, undoWithinLock } from './lock.ts';

function note(id: string, step: string, changes: Partial<Note> = {}): Note {
  return {
    id,
    text: `Note ${id}`,
    step,
    phase: step.startsWith('richten') ? 'richten' : 'verkennen',
    pos: { r: 0.5, t: 0.5 },
    color: 'yellow',
    authorId: 'a',
    authorName: 'Ann',
    createdAt: 1,
    updatedAt: 1,
    ...changes,
  };
}

describe('lock texts', () => {
  it('names the lock for everyone', () => {
    expect(lockStatusText('none', 'richten')).toBeNull();
    expect(lockStatusText('board', 'richten')).toBe('Board locked');
    expect(lockStatusText('other-phases', 'richten')).toBe('Only Richten open');
  });

  it('explains a refusal by the phase that is locked', () => {
    expect(lockRefusalText('board', 'richten', 'richten')).toMatch(/locked the board/);
    expect(lockRefusalText('other-phases', 'richten', 'verkennen')).toBe(
      'Verkennen is locked for now: only Richten is open for adding and moving notes.',
    );
  });
});

describe('changedPlaces', () => {
  const a = note('a', 'verkennen.partners');
  const b = note('b', 'richten.ambitie');

  it('finds nothing when nothing changed', () => {
    expect(changedPlaces([a, b], [b, a])).toEqual([]);
  });

  it('finds added, removed, moved and edited notes with their steps', () => {
    const moved = note('a', 'richten.belangen', { updatedAt: 2 });
    const edited = note('b', 'richten.ambitie', { text: 'Changed', updatedAt: 2 });
    const added = note('c', 'verkennen.opgave');
    expect(changedPlaces([a, b], [moved, edited, added])).toEqual([
      { from: 'verkennen.partners', to: 'richten.belangen' },
      { from: 'richten.ambitie', to: 'richten.ambitie' },
      { to: 'verkennen.opgave' },
    ]);
    expect(changedPlaces([a, b], [b])).toEqual([{ from: 'verkennen.partners' }]);
  });
});

describe('undoWithinLock', () => {
  function setUp() {
    const doc = new Y.Doc();
    const manager = new Y.UndoManager(notesType(doc), { trackedOrigins: new Set([LOCAL_ORIGIN]) });
    const author = { id: 'pim', name: 'Pim' };
    createNote(doc, { id: 'n', text: 'Partners', step: 'verkennen.partners', author });
    manager.stopCapturing();
    moveNote(doc, 'n', 'richten.belangen', { r: 0.5, t: 0.5 });
    manager.stopCapturing();
    return { doc, manager };
  }

  it('undoes a change that stays out of locked phases', () => {
    const { doc, manager } = setUp();
    const locked = undoWithinLock(manager, doc, 'undo', (change) => lockedPhaseOf('none', 'richten', change));
    expect(locked).toBeNull();
    expect(getNote(doc, 'n')?.step).toBe('verkennen.partners');
  });

  it('puts back an undo that would move a note into a locked phase, and keeps it undoable later', () => {
    const { doc, manager } = setUp();
    const onlyRichten = (change: Parameters<typeof lockedPhaseOf>[2]) =>
      lockedPhaseOf('other-phases', 'richten', change);
    expect(undoWithinLock(manager, doc, 'undo', onlyRichten)).toBe('verkennen');
    expect(getNote(doc, 'n')?.step).toBe('richten.belangen');
    expect(manager.canRedo()).toBe(false);

    const open = (change: Parameters<typeof lockedPhaseOf>[2]) => lockedPhaseOf('none', 'richten', change);
    expect(undoWithinLock(manager, doc, 'undo', open)).toBeNull();
    expect(getNote(doc, 'n')?.step).toBe('verkennen.partners');
    expect(undoWithinLock(manager, doc, 'redo', onlyRichten)).toBe('verkennen');
    expect(getNote(doc, 'n')?.step).toBe('verkennen.partners');
  });

  it('does nothing with nothing to undo', () => {
    const doc = new Y.Doc();
    const manager = new Y.UndoManager(notesType(doc), { trackedOrigins: new Set([LOCAL_ORIGIN]) });
    expect(undoWithinLock(manager, doc, 'undo', () => 'verkennen')).toBeNull();
  });
});
