import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  createNote,
  DEFAULT_NOTE_COLOR,
  deleteNote,
  editNote,
  getNote,
  holdsMoreNotesThan,
  listNotes,
  moveNote,
  NOTE_COLOR_HEX,
  NOTE_COLORS,
  NOTE_TEXT_MAX,
  type NoteInput,
  normaliseText,
  notesChangedBy,
  notesType,
  observeNotes,
  recolorNote,
} from './note.ts';
import { LOCAL_ORIGIN, REMOTE_ORIGIN } from './origins.ts';
import { expectRefused } from './test-support.ts';

const author = { id: 'author-anna', name: 'Anna' };
const input: NoteInput = { id: 'note-1', text: 'Wie doen er mee?', step: 'verkennen.partners', author };

function docWithNote(overrides: Partial<NoteInput> = {}) {
  const doc = new Y.Doc();
  const note = createNote(doc, { ...input, ...overrides }, { now: 1000 });
  return { doc, note };
}

/** Writes a note with raw Yjs calls, as a buggy or hostile client could. */
function writeRaw(doc: Y.Doc, id: string, fields: Record<string, unknown>) {
  const valid = {
    text: 'valid',
    step: 'richten.belangen',
    pos: { r: 0.5, t: 0.5 },
    color: 'green',
    authorId: 'a',
    authorName: 'A',
    createdAt: 1,
    updatedAt: 1,
  };
  notesType(doc).set(id, new Y.Map(Object.entries({ ...valid, ...fields })));
}

describe('createNote', () => {
  it('writes a note with defaults and returns what getNote and listNotes read', () => {
    const { doc, note } = docWithNote({ text: '  Wie doen er mee?\n' });
    expect(note).toEqual({
      id: 'note-1',
      text: 'Wie doen er mee?',
      step: 'verkennen.partners',
      phase: 'verkennen',
      pos: { r: 0.5, t: 0.5 },
      color: DEFAULT_NOTE_COLOR,
      authorId: 'author-anna',
      authorName: 'Anna',
      createdAt: 1000,
      updatedAt: 1000,
    });
    expect(getNote(doc, 'note-1')).toEqual(note);
    expect(listNotes(doc)).toEqual([note]);
  });

  it('takes position, color and author as given, trimming the name', () => {
    const { note } = docWithNote({
      pos: { r: 0, t: 1 },
      color: 'purple',
      step: 'aan-de-slag.vitaliteit',
      author: { id: 'b', name: '  Bram ' },
    });
    expect(note).toMatchObject({
      pos: { r: 0, t: 1 },
      color: 'purple',
      phase: 'aan-de-slag',
      authorName: 'Bram',
    });
  });

  it('generates distinct ids when none is given and uses the clock by default', () => {
    const doc = new Y.Doc();
    const before = Date.now();
    const { id: _omitted, ...withoutId } = input;
    const a = createNote(doc, withoutId);
    const b = createNote(doc, withoutId);
    expect(a.id).not.toBe(b.id);
    expect(a.id.length).toBeGreaterThan(0);
    expect(a.createdAt).toBeGreaterThanOrEqual(before);
    expect(a.createdAt).toBeLessThanOrEqual(Date.now());
  });

  it('writes in one transaction with LOCAL_ORIGIN, or the origin given', () => {
    const doc = new Y.Doc();
    const origins: unknown[] = [];
    doc.on('afterTransaction', (transaction: Y.Transaction) => origins.push(transaction.origin));
    createNote(doc, { ...input, id: 'a' });
    const custom = { kind: 'test' };
    createNote(doc, { ...input, id: 'b' }, { origin: custom });
    expect(origins).toEqual([LOCAL_ORIGIN, custom]);
  });

  it("does not keep references to the caller's objects", () => {
    const pos = { r: 0.1, t: 0.2 };
    const { doc, note } = docWithNote({ pos });
    pos.r = 0.9;
    note.pos.t = 0.9;
    expect(getNote(doc, 'note-1')?.pos).toEqual({ r: 0.1, t: 0.2 });
  });

  it('accepts 500 characters, counting characters rather than UTF-16 units, with newlines and tabs', () => {
    expect(docWithNote({ text: 'x'.repeat(NOTE_TEXT_MAX) }).note.text).toHaveLength(NOTE_TEXT_MAX);
    expect(docWithNote({ text: '🙂'.repeat(NOTE_TEXT_MAX) }).note.text).toHaveLength(2 * NOTE_TEXT_MAX);
    expect(docWithNote({ text: 'a\n\tb' }).note.text).toBe('a\n\tb');
  });

  it.each([
    ['empty text', 'invalid-text', { text: '' }],
    ['blank text', 'invalid-text', { text: ' \n\t ' }],
    ['text of 501 characters', 'invalid-text', { text: 'x'.repeat(NOTE_TEXT_MAX + 1) }],
    ['501 emoji', 'invalid-text', { text: '🙂'.repeat(NOTE_TEXT_MAX + 1) }],
    ['a NUL character', 'invalid-text', { text: 'a\u0000b' }],
    ['a carriage return', 'invalid-text', { text: 'a\rb' }],
    ['an escape sequence', 'invalid-text', { text: '\u001b[31mred' }],
    ['a C1 control character', 'invalid-text', { text: 'a\u0085b' }],
    ['a lone surrogate', 'invalid-text', { text: 'a\ud83d' }],
    ['text that is not a string', 'invalid-text', { text: 42 }],
    ['an unknown step', 'unknown-step', { step: 'verkennen.nope' }],
    ['a phase id as step', 'unknown-step', { step: 'richten' }],
    ['a NaN position', 'invalid-position', { pos: { r: Number.NaN, t: 0.5 } }],
    ['a position above 1', 'invalid-position', { pos: { r: 0.5, t: 1.0001 } }],
    ['a negative position', 'invalid-position', { pos: { r: -0.0001, t: 0.5 } }],
    ['an infinite position', 'invalid-position', { pos: { r: Number.POSITIVE_INFINITY, t: 0 } }],
    ['a position without t', 'invalid-position', { pos: { r: 0.5 } }],
    ['a null position', 'invalid-position', { pos: null }],
    ['a color outside the palette', 'invalid-color', { color: 'red' }],
    ['a color in the wrong case', 'invalid-color', { color: 'Yellow' }],
    ['a missing author', 'invalid-author', { author: undefined }],
    ['an empty author id', 'invalid-author', { author: { id: '', name: 'Anna' } }],
    ['an author id of 65 characters', 'invalid-author', { author: { id: 'a'.repeat(65), name: 'Anna' } }],
    ['an empty author name', 'invalid-author', { author: { id: 'a', name: '' } }],
    ['a blank author name', 'invalid-author', { author: { id: 'a', name: '   ' } }],
    ['an author name of 61 characters', 'invalid-author', { author: { id: 'a', name: 'n'.repeat(61) } }],
    ['an author name with a newline', 'invalid-author', { author: { id: 'a', name: 'An\nna' } }],
    ['an empty note id', 'invalid-note-id', { id: '' }],
    ['a note id of 65 characters', 'invalid-note-id', { id: 'n'.repeat(65) }],
    ['a note id with a control character', 'invalid-note-id', { id: 'note\u0000' }],
    ['a note id every plain object has', 'invalid-note-id', { id: '__proto__' }],
    ['a note id that is not a string', 'invalid-note-id', { id: 7 }],
  ] as const)('refuses %s and writes nothing', (_case, code, overrides) => {
    const doc = new Y.Doc();
    expectRefused(doc, code, () => createNote(doc, { ...input, ...(overrides as object) }));
    expect(notesType(doc).size).toBe(0);
  });

  it('accepts a name of 60 characters and an id of 64', () => {
    const { note } = docWithNote({
      id: 'n'.repeat(64),
      author: { id: 'a'.repeat(64), name: 'n'.repeat(60) },
    });
    expect(note.id).toHaveLength(64);
  });

  it('refuses an invalid clock reading and an id that is taken', () => {
    const { doc } = docWithNote();
    expectRefused(doc, 'invalid-time', () => createNote(doc, { ...input, id: 'other' }, { now: Number.NaN }));
    expectRefused(doc, 'invalid-time', () => createNote(doc, { ...input, id: 'other' }, { now: -1 }));
    expectRefused(doc, 'duplicate-note', () => createNote(doc, input));
  });
});

describe('editNote, moveNote, recolorNote, deleteNote', () => {
  it('edits the text and the update time only', () => {
    const { doc, note } = docWithNote();
    const edited = editNote(doc, 'note-1', ' Gemeente en woningcorporatie ', { now: 2000 });
    expect(edited).toEqual({ ...note, text: 'Gemeente en woningcorporatie', updatedAt: 2000 });
    expect(getNote(doc, 'note-1')).toEqual(edited);
  });

  it('moves a note to another step and position, and its phase with it', () => {
    const { doc, note } = docWithNote();
    const moved = moveNote(doc, 'note-1', 'inrichten.vorm', { r: 0.9, t: 0 }, { now: 3000 });
    expect(moved).toEqual({
      ...note,
      step: 'inrichten.vorm',
      phase: 'inrichten',
      pos: { r: 0.9, t: 0 },
      updatedAt: 3000,
    });
    expect(getNote(doc, 'note-1')).toEqual(moved);
  });

  it('recolors a note', () => {
    const { doc, note } = docWithNote();
    const recolored = recolorNote(doc, 'note-1', 'green', { now: 4000 });
    expect(recolored).toEqual({ ...note, color: 'green', updatedAt: 4000 });
    expect(getNote(doc, 'note-1')).toEqual(recolored);
  });

  it('deletes a note', () => {
    const { doc } = docWithNote();
    deleteNote(doc, 'note-1');
    expect(getNote(doc, 'note-1')).toBeUndefined();
    expect(listNotes(doc)).toEqual([]);
    expectRefused(doc, 'unknown-note', () => deleteNote(doc, 'note-1'));
  });

  it('writes nothing when a change changes nothing', () => {
    const { doc, note } = docWithNote();
    const change = (operation: () => unknown) => {
      let updates = 0;
      const count = () => updates++;
      doc.on('update', count);
      expect(operation()).toEqual(note);
      doc.off('update', count);
      expect(updates).toBe(0);
    };
    change(() => editNote(doc, 'note-1', ` ${note.text} `, { now: 9000 }));
    change(() => moveNote(doc, 'note-1', note.step, { ...note.pos }, { now: 9000 }));
    change(() => recolorNote(doc, 'note-1', note.color, { now: 9000 }));
  });

  it('refuses bad input and unknown notes, writing nothing', () => {
    const { doc, note } = docWithNote();
    expectRefused(doc, 'invalid-text', () => editNote(doc, 'note-1', '  '));
    expectRefused(doc, 'invalid-text', () => editNote(doc, 'note-1', 'x'.repeat(501)));
    expectRefused(doc, 'invalid-text', () => editNote(doc, 'note-1', 'bel\u0007'));
    expectRefused(doc, 'unknown-note', () => editNote(doc, 'note-2', 'tekst'));
    expectRefused(doc, 'unknown-step', () => moveNote(doc, 'note-1', 'nergens', { r: 0, t: 0 }));
    expectRefused(doc, 'invalid-position', () => moveNote(doc, 'note-1', note.step, { r: 0, t: Number.NaN }));
    expectRefused(doc, 'invalid-position', () => moveNote(doc, 'note-1', note.step, { r: 1.5, t: 0 }));
    expectRefused(doc, 'unknown-note', () => moveNote(doc, 'note-2', note.step, { r: 0, t: 0 }));
    expectRefused(doc, 'invalid-color', () => recolorNote(doc, 'note-1', 'black' as never));
    expectRefused(doc, 'unknown-note', () => recolorNote(doc, 'note-2', 'blue'));
    expectRefused(doc, 'unknown-note', () => deleteNote(doc, 'note-2'));
    expectRefused(doc, 'invalid-time', () =>
      editNote(doc, 'note-1', 'nieuw', { now: Number.POSITIVE_INFINITY }),
    );
    expect(getNote(doc, 'note-1')).toEqual(note);
  });

  it('merges a concurrent edit and move of the same note', () => {
    const { doc: a } = docWithNote();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    editNote(a, 'note-1', 'Nieuwe tekst', { now: 2000 });
    moveNote(b, 'note-1', 'richten.ambitie', { r: 0.2, t: 0.3 }, { now: 2000 });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(getNote(a, 'note-1')).toMatchObject({
      text: 'Nieuwe tekst',
      step: 'richten.ambitie',
      pos: { r: 0.2, t: 0.3 },
    });
    expect(getNote(b, 'note-1')).toEqual(getNote(a, 'note-1'));
  });

  it('can be undone per client with a Y.UndoManager tracking LOCAL_ORIGIN', () => {
    const { doc } = docWithNote();
    const undo = new Y.UndoManager(notesType(doc), { trackedOrigins: new Set([LOCAL_ORIGIN]) });
    editNote(doc, 'note-1', 'Mijn wijziging', { now: 2000 });
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    createNote(remote, { ...input, id: 'remote-note' }, { now: 2500 });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote), REMOTE_ORIGIN);
    undo.undo();
    expect(getNote(doc, 'note-1')?.text).toBe(input.text);
    expect(getNote(doc, 'remote-note')).toBeDefined();
  });
});

describe('reading', () => {
  it('lists notes oldest first, ties by id', () => {
    const doc = new Y.Doc();
    createNote(doc, { ...input, id: 'c' }, { now: 5 });
    createNote(doc, { ...input, id: 'b' }, { now: 7 });
    createNote(doc, { ...input, id: 'a' }, { now: 7 });
    expect(listNotes(doc).map((note) => note.id)).toEqual(['c', 'a', 'b']);
  });

  it.each([
    ['text too long', { text: 'x'.repeat(501) }],
    ['empty text', { text: '' }],
    ['untrimmed text', { text: ' padded ' }],
    ['text with control characters', { text: 'a\u0000' }],
    ['text that is a number', { text: 5 }],
    ['an unknown step', { step: 'elders' }],
    ['a position out of range', { pos: { r: 1.2, t: 0 } }],
    ['a NaN position', { pos: { r: Number.NaN, t: 0 } }],
    ['a position that is an array', { pos: [0.5, 0.5] }],
    ['a color outside the palette', { color: 'red' }],
    ['a missing author id', { authorId: undefined }],
    ['an author name too long', { authorName: 'n'.repeat(61) }],
    ['a created time that is a string', { createdAt: '2026-01-01' }],
    ['a negative update time', { updatedAt: -5 }],
  ])('skips a stored note with %s', (_case, fields) => {
    const doc = new Y.Doc();
    writeRaw(doc, 'good', {});
    writeRaw(doc, 'bad', fields);
    expect(listNotes(doc).map((note) => note.id)).toEqual(['good']);
    expect(getNote(doc, 'bad')).toBeUndefined();
    expectRefused(doc, 'unknown-note', () => editNote(doc, 'bad', 'repair'));
    expectRefused(doc, 'unknown-note', () => deleteNote(doc, 'bad'));
  });

  it('skips entries that are not note maps or have unusable ids', () => {
    const doc = new Y.Doc();
    notesType(doc).set('plain', 'not a map');
    notesType(doc).set('array', new Y.Array());
    writeRaw(doc, 'i'.repeat(65), {});
    expect(listNotes(doc)).toEqual([]);
    expect(getNote(doc, 'plain')).toBeUndefined();
    expect(getNote(doc, 42 as never)).toBeUndefined();
  });

  it('reads from a transaction, in the update event, the note ids observeNotes gives', () => {
    const writer = new Y.Doc();
    const server = new Y.Doc();
    notesType(server);
    const observed: string[][] = [];
    const read: string[][] = [];
    observeNotes(server, (ids) => observed.push([...ids].sort()));
    server.on('update', (_update: Uint8Array, _origin: unknown, doc: Y.Doc, transaction: Y.Transaction) => {
      const ids = notesChangedBy(doc, transaction);
      if (ids.size > 0) read.push([...ids].sort());
    });
    writer.on('update', (update: Uint8Array) => Y.applyUpdate(server, update, REMOTE_ORIGIN));
    createNote(writer, input, { now: 1000 });
    createNote(writer, { ...input, id: 'note-2' }, { now: 1000 });
    editNote(writer, 'note-1', 'Bijgewerkt');
    writer.transact(() => {
      moveNote(writer, 'note-1', 'richten.ambitie', { r: 0, t: 0 });
      deleteNote(writer, 'note-2');
      createNote(writer, { ...input, id: 'note-3' });
    });
    writer.transact(() => {
      createNote(writer, { ...input, id: 'note-4' });
      deleteNote(writer, 'note-4');
    });
    recolorNote(writer, 'note-3', 'pink');
    expect(read).toEqual(observed);
    // A note added and removed in one transaction changed nothing.
    expect(read).toEqual([['note-1'], ['note-2'], ['note-1'], ['note-1', 'note-2', 'note-3'], ['note-3']]);
  });

  it('reports changed note ids with the transaction origin', () => {
    const { doc } = docWithNote();
    const seen: [string[], unknown][] = [];
    const stop = observeNotes(doc, (ids, origin) => seen.push([[...ids].sort(), origin]));
    createNote(doc, { ...input, id: 'note-2' });
    editNote(doc, 'note-1', 'Bijgewerkt');
    doc.transact(() => {
      moveNote(doc, 'note-1', 'richten.ambitie', { r: 0, t: 0 });
      deleteNote(doc, 'note-2');
    });
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    recolorNote(remote, 'note-1', 'pink');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote), REMOTE_ORIGIN);
    stop();
    createNote(doc, { ...input, id: 'note-3' });
    expect(seen).toEqual([
      [['note-2'], LOCAL_ORIGIN],
      [['note-1'], LOCAL_ORIGIN],
      [['note-1', 'note-2'], null],
      [['note-1'], REMOTE_ORIGIN],
    ]);
  });
});

describe('palette and text', () => {
  it('has a fill colour for every palette colour', () => {
    expect(NOTE_COLORS).toEqual(['yellow', 'orange', 'pink', 'purple', 'blue', 'green']);
    for (const color of NOTE_COLORS) expect(NOTE_COLOR_HEX[color]).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('normalises text by trimming, and throws instead of stripping', () => {
    expect(normaliseText('  hallo\n')).toBe('hallo');
    expect(normaliseText('regel 1\n\tregel 2')).toBe('regel 1\n\tregel 2');
    expect(() => normaliseText('a\u0008b')).toThrowError(expect.objectContaining({ code: 'invalid-text' }));
    expect(() => normaliseText('')).toThrowError(/must not be empty/);
    expect(() => normaliseText('x'.repeat(501))).toThrowError(/at most 500 characters \(got 501\)/);
  });
});

describe('holdsMoreNotesThan', () => {
  it('counts the notes there are, not the deleted ones the map still keeps', () => {
    const { doc } = docWithNote();
    createNote(doc, { ...input, id: 'note-2' });
    createNote(doc, { ...input, id: 'note-3' });
    deleteNote(doc, 'note-3');
    expect(holdsMoreNotesThan(doc, 1)).toBe(true);
    expect(holdsMoreNotesThan(doc, 2)).toBe(false);
    expect(holdsMoreNotesThan(new Y.Doc(), 0)).toBe(false);
  });
});
