import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoard, META_KEY, setBoardMeta } from './board.ts';
import { setBoardLock } from './board-lock.ts';
import { createNote, deleteNote, editNote, moveNote, NOTES_KEY, recolorNote } from './note.ts';
import { nextPhase, startFacilitation } from './phase-history.ts';
import { SCHEMA_KEY } from './schema.ts';
import { attemptWrite } from './test-support.ts';
import { closeVotingRound, openVotingRound, placeVote, takeBackVote, VOTES_KEY } from './voting.ts';
import type { WriteContext, Writer } from './writer.ts';

const anna: Writer = { person: 'p-anna', role: 'participant', name: 'Anna' };
const bert: Writer = { person: 'p-bert', role: 'participant', name: 'Bert' };
const fenna: Writer = { person: 'p-fenna', role: 'facilitator', name: 'Fenna' };
const asAuthor = (writer: Writer) => ({ id: writer.person, name: writer.name ?? '' });

/** A server's board with one note of Anna's in Verkennen, its facilitation state, and a way to try a change. */
function setUp() {
  const board = new Y.Doc();
  initBoard(board, { title: 'Zorgregio West', task: 'Samen de wijkzorg organiseren', createdAt: 1 });
  createNote(board, {
    id: 'anna-1',
    text: 'Wij hebben drie wijkteams en te weinig mensen',
    step: 'verkennen.eigen-situatie',
    author: asAuthor(anna),
  });
  const control = new Y.Doc();
  startFacilitation(control);
  /** What the server says of the change `write` makes to a synced client's copy, sent by `writer`. */
  function attempt(writer: Writer, write: (doc: Y.Doc) => void, extra: Partial<WriteContext> = {}) {
    return attemptWrite(board, write, { writer, control, ...extra });
  }
  /** Applies a change as accepted, so the next attempt starts from it. */
  function accept(write: (doc: Y.Doc) => void) {
    write(board);
  }
  return { board, control, attempt, accept };
}

describe('who may write what on a board', () => {
  it('lets a person create notes under their own name only (a facilitator also under others’, to reveal drafts)', () => {
    const { attempt } = setUp();
    const note = (author: { id: string; name: string }) => (doc: Y.Doc) =>
      createNote(doc, { text: 'Huisarts erbij halen', step: 'verkennen.partners', author });
    expect(attempt(bert, note(asAuthor(bert)))).toBeNull();
    expect(attempt(bert, note(asAuthor(anna)))?.reason).toMatch(/own name/);
    expect(attempt(bert, note({ id: bert.person, name: 'Anna' }))?.reason).toMatch(/registered name/);
    expect(attempt(fenna, note(asAuthor(anna)))).toBeNull();
  });

  it('lets anyone edit, move and recolour any note, but never its author or creation time', () => {
    const { attempt } = setUp();
    expect(attempt(bert, (doc) => editNote(doc, 'anna-1', 'Drie wijkteams, twee vacatures'))).toBeNull();
    expect(
      attempt(bert, (doc) => moveNote(doc, 'anna-1', 'richten.belangen', { r: 0.4, t: 0.6 })),
    ).toBeNull();
    expect(attempt(bert, (doc) => recolorNote(doc, 'anna-1', 'pink'))).toBeNull();
    const rewrite = (key: string, value: unknown) => (doc: Y.Doc) =>
      (doc.getMap(NOTES_KEY).get('anna-1') as Y.Map<unknown>).set(key, value);
    expect(attempt(bert, rewrite('authorId', bert.person))?.reason).toMatch(/author and creation time/);
    expect(attempt(bert, rewrite('authorName', 'Bert'))?.reason).toMatch(/author and creation time/);
    expect(attempt(fenna, rewrite('createdAt', 5))?.reason).toMatch(/author and creation time/);
  });

  it('lets only a note’s author or a facilitator delete it', () => {
    const { attempt } = setUp();
    const remove = (doc: Y.Doc) => deleteNote(doc, 'anna-1');
    expect(attempt(bert, remove)?.reason).toMatch(/only its author or a facilitator/);
    expect(attempt(anna, remove)).toBeNull();
    expect(attempt(fenna, remove)).toBeNull();
  });

  it('keeps participants out of a locked phase: no new notes, no moves in or out, no edits', () => {
    const { attempt, control } = setUp();
    nextPhase(control); // the group is in Richten
    setBoardLock(control, 'other-phases');
    const inRichten = (doc: Y.Doc) =>
      createNote(doc, { text: 'Wat drijft ons?', step: 'richten.belangen', author: asAuthor(bert) });
    const inVerkennen = (doc: Y.Doc) =>
      createNote(doc, { text: 'Nog een partner', step: 'verkennen.partners', author: asAuthor(bert) });
    expect(attempt(bert, inRichten)).toBeNull();
    expect(attempt(bert, inVerkennen)?.reason).toBe('Verkennen is locked');
    expect(attempt(anna, (doc) => editNote(doc, 'anna-1', 'Toch vier wijkteams'))?.reason).toMatch(/locked/);
    expect(
      attempt(anna, (doc) => moveNote(doc, 'anna-1', 'richten.belangen', { r: 0.5, t: 0.5 }))?.reason,
    ).toMatch(/locked/);
    expect(attempt(anna, (doc) => deleteNote(doc, 'anna-1'))?.reason).toMatch(/locked/);
    expect(attempt(fenna, (doc) => editNote(doc, 'anna-1', 'Opgeruimd door de begeleider'))).toBeNull();
    // A write that leaves the note as it was (an undo taken back at once, sent as one update) changes nothing.
    const rewriteSame = (doc: Y.Doc) => {
      const note = doc.getMap(NOTES_KEY).get('anna-1') as Y.Map<unknown>;
      note.set('step', note.get('step'));
    };
    expect(attempt(anna, rewriteSame)).toBeNull();
    setBoardLock(control, 'board');
    expect(attempt(bert, inRichten)?.reason).toBe('Richten is locked');
  });

  it('lets only facilitators change the title and task', () => {
    const { attempt } = setUp();
    const retitle = (doc: Y.Doc) => doc.getMap(META_KEY).set('title', 'Overgenomen');
    expect(attempt(anna, retitle)?.reason).toMatch(/only facilitators/);
    expect(attempt(fenna, retitle)).toBeNull();
  });

  it('passes a facilitator’s edit of the title and task through setBoardMeta, and refuses a participant’s', () => {
    const { attempt } = setUp();
    const edit = (doc: Y.Doc) =>
      setBoardMeta(doc, {
        title: 'Zorgregio West 2025',
        task: 'Samen de wijkzorg en de huisartsen organiseren',
      });
    expect(attempt(fenna, edit)).toBeNull();
    expect(attempt(bert, edit)?.reason).toMatch(/only facilitators/);
  });

  it('refuses a facilitator’s title or task that setBoardMeta would not write', () => {
    const { attempt } = setUp();
    const tooLong = (doc: Y.Doc) => doc.getMap(META_KEY).set('task', 't'.repeat(501));
    const empty = (doc: Y.Doc) => doc.getMap(META_KEY).set('title', '');
    const extraField = (doc: Y.Doc) => doc.getMap(META_KEY).set('subtitle', 'Erbij');
    for (const write of [tooLong, empty, extraField]) {
      expect(attempt(fenna, write)?.reason).toBe('board title, task or creation time is invalid');
    }
  });

  it('lets an observer write nothing, not even a note under their own name', () => {
    const { attempt } = setUp();
    const otto: Writer = { person: 'p-otto', role: 'observer', name: 'Otto' };
    const note = (doc: Y.Doc) =>
      createNote(doc, { text: 'Even meeschrijven', step: 'verkennen.partners', author: asAuthor(otto) });
    expect(attempt(otto, note)?.reason).toMatch(/observers do not write/);
    expect(attempt(otto, (doc) => editNote(doc, 'anna-1', 'Bijgewerkt'))?.reason).toMatch(
      /observers do not write/,
    );
  });

  it('lets nobody remove a recorded migration, which would make every client migrate the board again', () => {
    const { attempt } = setUp();
    const forget = (doc: Y.Doc) => doc.getMap(SCHEMA_KEY).clear();
    expect(attempt(bert, forget)?.reason).toMatch(/recorded migration cannot be removed/);
    expect(attempt(fenna, forget)?.reason).toMatch(/recorded migration cannot be removed/);
  });

  it('takes votes only from their voter, while the round is open, in scope and within the budget', () => {
    const { attempt, accept, control } = setUp();
    const round = openVotingRound(control, {
      budget: 2,
      maxPerNote: 1,
      scope: { kind: 'phase', phase: 'verkennen' },
      results: 'live',
    });
    accept((doc) =>
      createNote(doc, { id: 'bert-1', text: 'Richten', step: 'richten.belangen', author: asAuthor(bert) }),
    );
    const vote =
      (voter: string, note = 'anna-1', id?: string) =>
      (doc: Y.Doc) =>
        placeVote(doc, round, { note, voter, ...(id ? { id } : {}) });
    expect(attempt(bert, vote(bert.person))).toBeNull();
    expect(attempt(bert, vote('p-invented'))?.reason).toMatch(/own id/);
    const outOfScope = (doc: Y.Doc) =>
      doc.getMap(VOTES_KEY).set('out', { round: round.id, voter: bert.person, note: 'bert-1', at: 2 });
    expect(attempt(bert, outOfScope)?.reason).toMatch(/not part of the voting round/);
    accept(vote(bert.person, 'anna-1', 'bert-vote'));
    // Past the limit of one per note, written by hand as a hostile client would.
    const second = (doc: Y.Doc) =>
      doc.getMap(VOTES_KEY).set('again', { round: round.id, voter: bert.person, note: 'anna-1', at: 2 });
    expect(attempt(bert, second)?.reason).toMatch(/no votes left/);
    // Only the voter takes a vote back.
    const takeBack = (doc: Y.Doc) => takeBackVote(doc, round, { note: 'anna-1', voter: bert.person });
    expect(attempt(anna, (doc) => doc.getMap(VOTES_KEY).delete('bert-vote'))?.reason).toMatch(
      /only the voter/,
    );
    expect(attempt(bert, takeBack)).toBeNull();
    closeVotingRound(control);
    expect(attempt(bert, (doc) => doc.getMap(VOTES_KEY).delete('bert-vote'))?.reason).toMatch(/closed round/);
    expect(attempt(anna, second)?.reason).toMatch(/own id/);
    const late = (doc: Y.Doc) =>
      doc.getMap(VOTES_KEY).set('late', { round: round.id, voter: anna.person, note: 'anna-1', at: 3 });
    expect(attempt(anna, late)?.reason).toMatch(/no voting round is open/);
  });

  it('refuses anything beside the known fields, and values that are not plain data', () => {
    const { attempt } = setUp();
    const inNote = (key: string, value: unknown) => (doc: Y.Doc) =>
      (doc.getMap(NOTES_KEY).get('anna-1') as Y.Map<unknown>).set(key, value);
    expect(attempt(anna, inNote('extra', 'x'.repeat(200_000)))?.reason).toMatch(/not a valid note/);
    expect(attempt(anna, inNote('pos', { r: 0.5, t: 0.5, big: 'x' }))?.reason).toMatch(/not a valid note/);
    expect(attempt(anna, inNote('text', 10n))?.reason).toMatch(/not a valid note/);
    const vote = (value: unknown) => (doc: Y.Doc) => doc.getMap(VOTES_KEY).set('v', value);
    expect(
      attempt(anna, vote({ round: 'r', voter: anna.person, note: 'anna-1', at: 1, extra: 1n }))?.reason,
    ).toMatch(/not a valid vote/);
    expect(attempt(fenna, (doc) => doc.getMap(META_KEY).set('banner', 'x'))?.reason).toMatch(/title, task/);
  });

  it('refuses a note past the board’s budget as over budget, and lets notes be deleted there', () => {
    const { attempt } = setUp();
    const add = (doc: Y.Doc) =>
      createNote(doc, { text: 'Nog een', step: 'verkennen.partners', author: asAuthor(bert) });
    expect(attempt(bert, add, { maxNotes: 1 })).toEqual({
      reason: 'a board holds at most 1 notes',
      overBudget: true,
    });
    expect(attempt(bert, add, { maxNotes: 2 })).toBeNull();
    expect(attempt(anna, (doc) => deleteNote(doc, 'anna-1'), { maxNotes: 0 })).toBeNull();
  });
});
