import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createNote, deleteNote, editNote, moveNote } from './note.ts';
import { unsentNoteIds } from './note-delivery.ts';

const author = { id: 'u1', name: 'Ann' };

function vectorOf(doc: Y.Doc): Map<number, number> {
  return Y.decodeStateVector(Y.encodeStateVector(doc));
}

/** A replica that received everything `doc` has now: what the server holds after an acknowledged sync. */
function serverCopyOf(doc: Y.Doc): Y.Doc {
  const server = new Y.Doc();
  Y.applyUpdate(server, Y.encodeStateAsUpdate(doc));
  return server;
}

describe('unsentNoteIds', () => {
  it('names every note when the server holds nothing, and none once it holds all', () => {
    const doc = new Y.Doc();
    createNote(doc, { id: 'a', text: 'Wijkteams', step: 'verkennen.eigen-situatie', author });
    createNote(doc, { id: 'b', text: 'Mantelzorg', step: 'verkennen.partners', author });
    expect(unsentNoteIds(doc, new Map())).toEqual(new Set(['a', 'b']));
    expect(unsentNoteIds(doc, vectorOf(doc))).toEqual(new Set());
  });

  it('names a note written after what the server holds, and one whose field changed since', () => {
    const doc = new Y.Doc();
    createNote(doc, { id: 'old', text: 'Al bekend', step: 'verkennen.eigen-situatie', author });
    createNote(doc, { id: 'kept', text: 'Blijft', step: 'verkennen.eigen-situatie', author });
    const held = vectorOf(serverCopyOf(doc));
    editNote(doc, 'old', 'Aangepast terwijl offline');
    createNote(doc, { id: 'new', text: 'Nieuw', step: 'verkennen.partners', author });
    expect(unsentNoteIds(doc, held)).toEqual(new Set(['old', 'new']));
  });

  it('takes notes received from others as held when the server sent them', () => {
    const other = new Y.Doc();
    createNote(other, { id: 'theirs', text: 'Van Bea', step: 'verkennen.partners', author });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    moveNote(doc, 'theirs', 'verkennen.partners', { r: 0.3, t: 0.3 });
    const server = serverCopyOf(other);
    expect(unsentNoteIds(doc, vectorOf(server))).toEqual(new Set(['theirs']));
    Y.applyUpdate(server, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(server)));
    expect(unsentNoteIds(doc, vectorOf(server))).toEqual(new Set());
  });

  it('forgets a note deleted here, though the server never had it', () => {
    const doc = new Y.Doc();
    createNote(doc, { id: 'gone', text: 'Weg', step: 'verkennen.eigen-situatie', author });
    deleteNote(doc, 'gone');
    expect(unsentNoteIds(doc, new Map())).toEqual(new Set());
  });
});
