import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoard, META_KEY } from './board.ts';
import { findInvalidChange } from './change-check.ts';
import { createNote, deleteNote, editNote, moveNote, NOTE_TEXT_MAX, NOTES_KEY, recolorNote } from './note.ts';
import { CURRENT_SCHEMA_VERSION, migrateBoard, SCHEMA_KEY } from './schema.ts';
import { checkSentChange } from './test-support.ts';
import { openVotingRound, placeVote, takeBackVote, VOTES_KEY } from './voting.ts';

const author = { id: 'author-anna', name: 'Anna' };
const VALID_NOTE = {
  text: 'valid',
  step: 'richten.belangen',
  pos: { r: 0.5, t: 0.5 },
  color: 'green',
  authorId: 'a',
  authorName: 'A',
  createdAt: 1,
  updatedAt: 1,
};

/** A server's copy of a board with one note, and a client synced to it. */
function setUp() {
  const server = new Y.Doc();
  initBoard(server, { title: 'Zorgregio', task: 'Samen zorg organiseren', createdAt: 1 });
  createNote(server, { id: 'note-1', text: 'Eerste', step: 'verkennen.partners', author });
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return { server, client };
}

function check(server: Y.Doc, client: Y.Doc): string | null {
  return checkSentChange(server, client, findInvalidChange);
}

function rawNotes(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(NOTES_KEY);
}

describe('findInvalidChange', () => {
  it('passes what the typed operations write: create, edit, move, recolor, delete', () => {
    const { server, client } = setUp();
    createNote(client, { id: 'note-2', text: 'Tweede', step: 'richten.belangen', author });
    expect(check(server, client)).toBeNull();
    editNote(client, 'note-1', 'Aangepast');
    expect(check(server, client)).toBeNull();
    moveNote(client, 'note-1', 'aan-de-slag.vitaliteit', { r: 0.9, t: 0.1 });
    expect(check(server, client)).toBeNull();
    recolorNote(client, 'note-2', 'pink');
    expect(check(server, client)).toBeNull();
    deleteNote(client, 'note-1');
    expect(check(server, client)).toBeNull();
    expect(check(server, client)).toBeNull(); // an update that changes nothing
  });

  it('passes a new board being initialised', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    initBoard(client, { title: 'Nieuw', task: '' });
    expect(check(server, client)).toBeNull();
  });

  const invalidNotes: Array<[string, Record<string, unknown>]> = [
    ['text over the limit', { text: 'x'.repeat(NOTE_TEXT_MAX + 100) }],
    ['an unknown step', { step: 'richten.onbekend' }],
    ['a position outside the slice', { pos: { r: 2, t: 0.5 } }],
    ['control characters', { text: 'bel\u0007l' }],
    ['a nested type as text', { text: new Y.Text('rich') }],
  ];
  for (const [what, fields] of invalidNotes) {
    it(`refuses a hand-written note with ${what}`, () => {
      const { server, client } = setUp();
      rawNotes(client).set('bad', new Y.Map(Object.entries({ ...VALID_NOTE, ...fields })));
      expect(check(server, client)).toBe('note "bad" is not a valid note');
    });
  }

  it('refuses a note or a vote under a name every plain object has, which replays would lose', () => {
    for (const id of ['__proto__', 'constructor', 'hasOwnProperty']) {
      const { server, client } = setUp();
      rawNotes(client).set(id, new Y.Map(Object.entries({ ...VALID_NOTE })));
      expect(check(server, client)).toBe(`note "${id}" is not a valid note`);
      const second = setUp();
      second.client.getMap(VOTES_KEY).set(id, { round: 'round-1', voter: 'pim', note: 'note-1', at: 5 });
      expect(check(second.server, second.client)).toBe(`vote "${id}" is not a valid vote`);
    }
  });

  it('refuses a hand-written note with missing fields, and a note that is no map', () => {
    const { server, client } = setUp();
    const { color: _color, ...withoutColor } = VALID_NOTE;
    rawNotes(client).set('bad', new Y.Map(Object.entries(withoutColor)));
    expect(check(server, client)).toBe('note "bad" is not a valid note');

    const second = setUp();
    rawNotes(second.client).set('plain', { ...VALID_NOTE });
    expect(check(second.server, second.client)).toBe('note "plain" is not a valid note');
  });

  it('refuses a raw edit that breaks an existing note, and passes a valid raw edit', () => {
    const { server, client } = setUp();
    const note = rawNotes(client).get('note-1') as Y.Map<unknown>;
    note.set('text', 'ook geldig');
    expect(check(server, client)).toBeNull();
    note.set('text', 'x'.repeat(600));
    expect(check(server, client)).toBe('note "note-1" is not a valid note');
  });

  it('refuses a note under an invalid id', () => {
    const { server, client } = setUp();
    rawNotes(client).set('', new Y.Map(Object.entries(VALID_NOTE)));
    expect(check(server, client)).toBe('note "" is not a valid note');
  });

  it('passes votes being placed and taken back', () => {
    const { server, client } = setUp();
    const round = openVotingRound(new Y.Doc(), { budget: 3, scope: { kind: 'board' }, results: 'hidden' });
    placeVote(client, round, { note: 'note-1', voter: 'pim' });
    placeVote(client, round, { note: 'note-1', voter: 'pim' });
    expect(check(server, client)).toBeNull();
    takeBackVote(client, round, { note: 'note-1', voter: 'pim' });
    expect(check(server, client)).toBeNull();
  });

  const VALID_VOTE = { round: 'round-1', voter: 'pim', note: 'note-1', at: 5 };
  const NOT_A_VOTE = 'vote "bad" is not a valid vote';
  const invalidVotes: Array<[string, unknown, string]> = [
    ['a missing voter', { round: 'round-1', note: 'note-1', at: 5 }, NOT_A_VOTE],
    ['an empty note id', { ...VALID_VOTE, note: '' }, NOT_A_VOTE],
    ['a negative time', { ...VALID_VOTE, at: -1 }, NOT_A_VOTE],
    ['a plain string', 'pim likes this', NOT_A_VOTE],
    ['a list', ['round-1', 'pim', 'note-1', 5], NOT_A_VOTE],
    ['an empty map', new Y.Map(), NOT_A_VOTE],
    ['a map', new Y.Map(Object.entries(VALID_VOTE)), NOT_A_VOTE],
  ];
  for (const [what, value, expected] of invalidVotes) {
    it(`refuses a hand-written vote as ${what}`, () => {
      const { server, client } = setUp();
      client.getMap(VOTES_KEY).set('bad', value);
      expect(check(server, client)).toBe(expected);
    });
  }

  it('passes a valid hand-written vote, and refuses one under an invalid id or as a list', () => {
    const { server, client } = setUp();
    client.getMap(VOTES_KEY).set('vote-1', { ...VALID_VOTE });
    expect(check(server, client)).toBeNull();
    client.getMap(VOTES_KEY).set('x'.repeat(100), { ...VALID_VOTE });
    expect(check(server, client)).toMatch(/is not a valid vote/);

    const second = setUp();
    second.client.getArray(VOTES_KEY).insert(0, [VALID_VOTE]);
    expect(check(second.server, second.client)).toBe('top-level type "votes" must be a map');
  });

  it('refuses an unknown top-level type, of any kind', () => {
    const { server, client } = setUp();
    client.getMap('drafts').set('x', 1);
    expect(check(server, client)).toBe('unknown top-level type "drafts"');

    const second = setUp();
    second.client.getText('notes-archive').insert(0, 'hello');
    expect(check(second.server, second.client)).toBe('unknown top-level type "notes-archive"');
  });

  it('refuses list content in a top-level map', () => {
    const { server, client } = setUp();
    client.getArray(NOTES_KEY).insert(0, ['sneaked in']);
    expect(check(server, client)).toBe('top-level type "notes" must be a map');
  });

  it('refuses corrupted metadata, and passes a valid raw edit of it', () => {
    const { server, client } = setUp();
    const meta = client.getMap(META_KEY);
    meta.set('title', 'Andere titel');
    expect(check(server, client)).toBeNull();
    meta.set('title', 'twee\nregels');
    expect(check(server, client)).toBe('board title, task or creation time is invalid');

    const second = setUp();
    second.client.getMap(META_KEY).delete('createdAt');
    expect(check(second.server, second.client)).toBe('board title, task or creation time is invalid');
  });

  it('refuses a schema entry this code does not know, and passes the real migration being recorded', () => {
    const fresh = new Y.Doc();
    const client = new Y.Doc();
    migrateBoard(client);
    expect(check(fresh, client)).toBeNull();

    const { server, client: other } = setUp();
    other.getMap(SCHEMA_KEY).set('kompas.board/99-future', 99);
    expect(check(server, other)).toBe('schema records a migration this server does not know');

    const third = setUp();
    const [id] = [...third.client.getMap(SCHEMA_KEY).keys()];
    third.client.getMap(SCHEMA_KEY).set(id ?? '', CURRENT_SCHEMA_VERSION + 1);
    expect(check(third.server, third.client)).toBe('schema records a migration this server does not know');
  });
});
