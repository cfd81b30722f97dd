import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoard } from './board.ts';
import { setBoardLock } from './board-lock.ts';
import { findMalformedBoardUpdate } from './change-check.ts';
import { findMalformedControlUpdate } from './control-change-check.ts';
import { createNote, deleteNote, editNote, moveNote, NOTES_KEY } from './note.ts';
import { LOCAL_ORIGIN } from './origins.ts';
import { nextPhase, startFacilitation } from './phase-history.ts';
import { notesAddedBy } from './update-precheck.ts';
import { closeVotingRound, openVotingRound, placeVote } from './voting.ts';

/** What `change` sends when made to a copy of `board`, as a browser holding the board would send it. */
function changeTo(board: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(board));
  const updates: Uint8Array[] = [];
  copy.on('update', (update: Uint8Array) => updates.push(update));
  change(copy);
  return Y.mergeUpdates(updates);
}

/** The update `write` makes to a new document. */
function updateOf(write: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  write(doc);
  return Y.encodeStateAsUpdate(doc);
}

describe('updates that cannot be valid writes, told from the update alone', () => {
  it('lets what the model writes through', () => {
    const author = { id: 'p-ans', name: 'Ans' };
    const board = updateOf((doc) => {
      initBoard(doc, { title: 'Zorgregio', task: 'Samen organiseren' });
      createNote(doc, {
        id: 'n1',
        text: 'Wij hebben drie wijkteams',
        step: 'verkennen.eigen-situatie',
        author,
      });
      const round = openVotingRound(new Y.Doc(), { budget: 3, scope: { kind: 'board' }, results: 'live' });
      placeVote(doc, round, { note: 'n1', voter: author.id });
    });
    expect(findMalformedBoardUpdate(board)).toBeNull();
    const control = updateOf((doc) => {
      startFacilitation(doc);
      openVotingRound(doc, { budget: 3, scope: { kind: 'board' }, results: 'live' });
    });
    expect(findMalformedControlUpdate(control)).toBeNull();
  });

  it('refuses binary, BigInts, shared text, huge values, nested types and unknown top-level names', () => {
    const inNotes = (value: unknown) => updateOf((doc) => doc.getMap(NOTES_KEY).set('x', value));
    expect(findMalformedBoardUpdate(inNotes(new Uint8Array([1, 2])))).toMatch(/never holds/);
    expect(findMalformedBoardUpdate(inNotes(10n))).toMatch(/not plain data/);
    expect(findMalformedBoardUpdate(inNotes({ deep: { er: { still: { more: { x: 1 } } } } }))).toMatch(
      /plain/,
    );
    expect(findMalformedBoardUpdate(inNotes('x'.repeat(200_000)))).toMatch(/too large/);
    expect(findMalformedBoardUpdate(inNotes(new Y.Text('tekst')))).toMatch(/nested type/);
    expect(findMalformedBoardUpdate(updateOf((doc) => doc.getText('notes').insert(0, 'x')))).toMatch(
      /never holds/,
    );
    expect(findMalformedBoardUpdate(updateOf((doc) => doc.getMap('extra').set('a', 1)))).toMatch(
      /unknown top-level/,
    );
    const longKey = updateOf((doc) => doc.getMap(NOTES_KEY).set('k'.repeat(1000), 1));
    expect(findMalformedBoardUpdate(longKey)).toMatch(/key is too long/);
    // The control document holds no nested types at all.
    const nested = updateOf((doc) => doc.getMap('lock').set('current', new Y.Map()));
    expect(findMalformedControlUpdate(nested)).toMatch(/nested type/);
  });

  it('refuses a note under someone else’s name and a vote under someone else’s id', () => {
    const ans = { person: 'p-ans', role: 'participant' as const };
    const note = (authorId: string) =>
      updateOf((doc) =>
        createNote(doc, { text: 'Idee', step: 'verkennen.partners', author: { id: authorId, name: 'X' } }),
      );
    expect(findMalformedBoardUpdate(note('p-ans'), ans)).toBeNull();
    expect(findMalformedBoardUpdate(note('p-bram'), ans)).toMatch(/own name/);
    // A facilitator reveals drafts under their authors' names.
    expect(findMalformedBoardUpdate(note('p-bram'), { person: 'p-fenna', role: 'facilitator' })).toBeNull();
    const round = openVotingRound(new Y.Doc(), { budget: 3, scope: { kind: 'board' }, results: 'live' });
    const vote = (voter: string) =>
      updateOf((doc) => doc.getMap('votes').set('v1', { round: round.id, voter, note: 'n1', at: 1 }));
    expect(findMalformedBoardUpdate(vote('p-ans'), ans)).toBeNull();
    expect(findMalformedBoardUpdate(vote('p-bram'), ans)).toMatch(/own id/);
  });

  it('refuses removing another’s note or vote, and a participant changing the title, from the document as it is', () => {
    const board = new Y.Doc();
    initBoard(board, { title: 'Zorgregio', task: 'Samen organiseren' });
    createNote(board, {
      id: 'bram-1',
      text: 'Van Bram',
      step: 'verkennen.partners',
      author: { id: 'p-bram', name: 'Bram' },
    });
    createNote(board, {
      id: 'ans-1',
      text: 'Van Ans',
      step: 'verkennen.partners',
      author: { id: 'p-ans', name: 'Ans' },
    });
    const round = openVotingRound(new Y.Doc(), { budget: 3, scope: { kind: 'board' }, results: 'live' });
    placeVote(board, round, { note: 'ans-1', voter: 'p-bram', id: 'vote-bram' });
    const ans = { person: 'p-ans', role: 'participant' as const };
    const fenna = { person: 'p-fenna', role: 'facilitator' as const };
    const check = (writer: typeof ans | typeof fenna, change: (doc: Y.Doc) => void) =>
      findMalformedBoardUpdate(changeTo(board, change), writer, board);
    expect(check(ans, (doc) => doc.getMap(NOTES_KEY).delete('bram-1'))).toMatch(
      /only its author or a facilitator/,
    );
    expect(check(ans, (doc) => doc.getMap(NOTES_KEY).delete('ans-1'))).toBeNull();
    expect(check(fenna, (doc) => doc.getMap(NOTES_KEY).delete('bram-1'))).toBeNull();
    expect(check(ans, (doc) => doc.getMap('votes').delete('vote-bram'))).toMatch(/only the voter/);
    expect(check(fenna, (doc) => doc.getMap('votes').delete('vote-bram'))).toMatch(/only the voter/);
    expect(check(ans, (doc) => doc.getMap('meta').set('title', 'Overgenomen'))).toMatch(/only facilitators/);
    expect(check(fenna, (doc) => doc.getMap('meta').set('title', 'Nieuwe titel'))).toBeNull();
    // Editing someone's note in place deletes its old text, which is not deleting the note.
    expect(check(ans, (doc) => editNote(doc, 'bram-1', 'Van Bram, aangevuld'))).toBeNull();
  });

  it('refuses a value no note may hold there, and a new author or creation time for a note that exists', () => {
    const board = new Y.Doc();
    createNote(board, {
      id: 'bram-1',
      text: 'Van Bram',
      step: 'verkennen.partners',
      author: { id: 'p-bram', name: 'Bram' },
    });
    const ans = { person: 'p-ans', role: 'participant' as const };
    const check = (change: (doc: Y.Doc) => void) =>
      findMalformedBoardUpdate(changeTo(board, change), ans, board);
    const field = (key: string, value: unknown) => (doc: Y.Doc) =>
      (doc.getMap(NOTES_KEY).get('bram-1') as Y.Map<unknown>).set(key, value);
    expect(check(field('text', 'x'.repeat(501)))).toMatch(/"bram-1" is not a valid note/);
    expect(check(field('step', 'nergens'))).toMatch(/not a valid note/);
    expect(check(field('pos', { r: 0.5, t: 0.5, z: 1 }))).toMatch(/not a valid note/);
    expect(check(field('extra', 'x'))).toMatch(/not a valid note/);
    expect(check(field('authorName', 'Ans'))).toMatch(/author and creation time never change/);
    expect(check(field('createdAt', 5))).toMatch(/author and creation time never change/);
    // What the model writes passes: an edit, a move, a new note of one's own.
    expect(check((doc) => editNote(doc, 'bram-1', 'Van Bram, aangevuld'))).toBeNull();
    expect(check((doc) => moveNote(doc, 'bram-1', 'richten.belangen', { r: 0.2, t: 0.8 }))).toBeNull();
    expect(
      check((doc) =>
        createNote(doc, { text: 'Van Ans', step: 'verkennen.opgave', author: { id: 'p-ans', name: 'Ans' } }),
      ),
    ).toBeNull();
    const newNote = (doc: Y.Doc) =>
      doc.getMap(NOTES_KEY).set(
        'n',
        new Y.Map<unknown>([
          ['text', 'x'.repeat(501)],
          ['authorId', 'p-ans'],
        ]),
      );
    expect(check(newNote)).toMatch(/"n" is not a valid note/);
  });

  it('keeps a participant out of a locked phase, but lets an undo taken back at once through', () => {
    const board = new Y.Doc();
    createNote(board, {
      id: 'n1',
      text: 'In Verkennen',
      step: 'verkennen.partners',
      author: { id: 'p-ans', name: 'Ans' },
    });
    const control = new Y.Doc();
    startFacilitation(control);
    nextPhase(control); // the group is in Richten; Verkennen is locked
    setBoardLock(control, 'other-phases');
    const ans = { person: 'p-ans', role: 'participant' as const };
    const check = (
      writer: typeof ans | { person: string; role: 'facilitator' },
      change: (doc: Y.Doc) => void,
    ) => findMalformedBoardUpdate(changeTo(board, change), writer, board, control);
    expect(check(ans, (doc) => editNote(doc, 'n1', 'Anders'))).toBe('Verkennen is locked');
    expect(check(ans, (doc) => moveNote(doc, 'n1', 'richten.belangen', { r: 0.5, t: 0.5 }))).toBe(
      'Verkennen is locked',
    );
    expect(check(ans, (doc) => deleteNote(doc, 'n1'))).toBe('Verkennen is locked');
    const intoVerkennen = (doc: Y.Doc) =>
      createNote(doc, { text: 'Nieuw', step: 'verkennen.opgave', author: { id: 'p-ans', name: 'Ans' } });
    expect(check(ans, intoVerkennen)).toBe('Verkennen is locked');
    expect(
      check({ person: 'p-fenna', role: 'facilitator' }, (doc) => editNote(doc, 'n1', 'Opgeruimd')),
    ).toBeNull();
    // A move made before the lock, undone and redone at once: sent as one update, it changes nothing.
    setBoardLock(control, 'none');
    const local = new Y.Doc();
    Y.applyUpdate(local, Y.encodeStateAsUpdate(board));
    const undo = new Y.UndoManager(local.getMap(NOTES_KEY), { trackedOrigins: new Set([LOCAL_ORIGIN]) });
    moveNote(local, 'n1', 'verkennen.opgave', { r: 0.3, t: 0.3 });
    Y.applyUpdate(board, Y.encodeStateAsUpdate(local, Y.encodeStateVector(board)));
    setBoardLock(control, 'other-phases');
    const updates: Uint8Array[] = [];
    local.on('update', (update: Uint8Array) => updates.push(update));
    undo.undo();
    undo.redo();
    expect(updates).toHaveLength(2);
    expect(findMalformedBoardUpdate(Y.mergeUpdates(updates), ans, board, control)).toBeNull();
    // The undo alone would take the note out of where it is, into a locked step.
    expect(findMalformedBoardUpdate(updates[0] as Uint8Array, ans, board, control)).toBe(
      'Verkennen is locked',
    );
  });

  it('refuses votes outside the open round, its scope or the voter’s budget, with the facilitation state', () => {
    const board = new Y.Doc();
    createNote(board, {
      id: 'v1',
      text: 'Verkennen',
      step: 'verkennen.partners',
      author: { id: 'p-ans', name: 'Ans' },
    });
    createNote(board, {
      id: 'r1',
      text: 'Richten',
      step: 'richten.belangen',
      author: { id: 'p-ans', name: 'Ans' },
    });
    const control = new Y.Doc();
    const round = openVotingRound(control, {
      budget: 2,
      maxPerNote: 1,
      scope: { kind: 'phase', phase: 'verkennen' },
      results: 'live',
    });
    const ans = { person: 'p-ans', role: 'participant' as const };
    const cast = (...votes: { id: string; round?: string; note: string }[]) =>
      changeTo(board, (doc) => {
        for (const { id, round: r = round.id, note } of votes) {
          doc.getMap('votes').set(id, { round: r, voter: 'p-ans', note, at: 1 });
        }
      });
    expect(findMalformedBoardUpdate(cast({ id: 'a', note: 'v1' }), ans, board, control)).toBeNull();
    expect(
      findMalformedBoardUpdate(cast({ id: 'a', note: 'v1', round: 'old' }), ans, board, control),
    ).toMatch(/no voting round is open/);
    expect(findMalformedBoardUpdate(cast({ id: 'a', note: 'r1' }), ans, board, control)).toMatch(
      /not part of the voting round/,
    );
    expect(
      findMalformedBoardUpdate(cast({ id: 'a', note: 'v1' }, { id: 'b', note: 'v1' }), ans, board, control),
    ).toMatch(/no votes left/);
    closeVotingRound(control);
    expect(findMalformedBoardUpdate(cast({ id: 'a', note: 'v1' }), ans, board, control)).toMatch(
      /no voting round is open/,
    );
  });

  it('counts the notes an update adds to the board', () => {
    const board = new Y.Doc();
    const author = { id: 'p-ans', name: 'Ans' };
    createNote(board, { id: 'n1', text: 'Er al', step: 'verkennen.partners', author });
    const write = (change: (doc: Y.Doc) => void) => notesAddedBy(changeTo(board, change), board);
    expect(write((doc) => createNote(doc, { text: 'Een', step: 'verkennen.partners', author }))).toBe(1);
    expect(
      write((doc) => {
        createNote(doc, { text: 'Een', step: 'verkennen.partners', author });
        createNote(doc, { text: 'Twee', step: 'verkennen.partners', author });
      }),
    ).toBe(2);
    expect(write((doc) => editNote(doc, 'n1', 'Anders'))).toBe(0);
    // One that also removes something is counted by trying it.
    expect(
      write((doc) => {
        deleteNote(doc, 'n1');
        createNote(doc, { text: 'Een', step: 'verkennen.partners', author });
      }),
    ).toBe(0);
  });

  it('looks only at what is new to the document: resending what it holds writes nothing', () => {
    const board = new Y.Doc();
    createNote(board, {
      text: 'Van Bram',
      step: 'verkennen.partners',
      author: { id: 'p-bram', name: 'Bram' },
    });
    // A browser of Ans's sends everything it has, as after a reload: Bram's note is already on the board.
    const everything = Y.encodeStateAsUpdate(board);
    const ans = { person: 'p-ans', role: 'participant' as const };
    expect(findMalformedBoardUpdate(everything, ans, board)).toBeNull();
    expect(findMalformedBoardUpdate(everything, ans, new Y.Doc())).toMatch(/own name/);
  });
});
