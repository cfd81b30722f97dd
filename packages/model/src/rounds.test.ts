import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { findRefusedChange } from './change-check.ts';
import { findInvalidControlChange } from './control-change-check.ts';
import { createNote, getNote, listNotes, NOTES_KEY } from './note.ts';
import {
  currentPosition,
  nextPhase,
  previousPhase,
  readPhaseHistory,
  startFacilitation,
} from './phase-history.ts';
import {
  carryId,
  carryNote,
  notePlace,
  noteRound,
  readRoundStarts,
  readRounds,
  roundStartsType,
  setEarlierNotes,
  startNextRound,
} from './rounds.ts';
import { attemptWrite, checkSentChange, expectRefused } from './test-support.ts';
import type { WriteRefusal, Writer } from './writer.ts';

const anna: Writer = { person: 'p-anna', role: 'participant', name: 'Anna' };
const bert: Writer = { person: 'p-bert', role: 'participant', name: 'Bert' };
const fenna: Writer = { person: 'p-fenna', role: 'facilitator', name: 'Fenna' };
const asAuthor = (writer: Writer) => ({ id: writer.person, name: writer.name ?? '' });

/** A control document with the group at Aan de slag of round 1, moved there a minute apart from t = 0. */
function atEndOfRound1(): Y.Doc {
  const control = new Y.Doc();
  startFacilitation(control, { now: 0, actor: 'p-fenna' });
  for (let minute = 1; minute <= 3; minute++) nextPhase(control, { now: minute * 60_000, actor: 'p-fenna' });
  return control;
}

describe('starting a new round', () => {
  it('moves on from Aan de slag into Verkennen of round 2 and records the choice for the earlier notes', () => {
    const control = atEndOfRound1();
    const visit = startNextRound(control, { earlier: 'archived', now: 300_000, actor: 'p-fenna' });
    expect(visit).toMatchObject({ phase: 'verkennen', round: 2, at: 300_000 });
    expect(currentPosition(readPhaseHistory(control))).toEqual({ phase: 'verkennen', round: 2 });
    expect(readRoundStarts(control)).toEqual([
      { round: 2, earlier: 'archived', at: 300_000, actor: 'p-fenna' },
    ]);
  });

  it('refuses anywhere but at Aan de slag, and when another facilitator moved the group meanwhile', () => {
    const control = new Y.Doc();
    startFacilitation(control, { now: 0 });
    expectRefused(control, 'not-at-round-end', () => startNextRound(control, { earlier: 'dimmed' }));
    const end = atEndOfRound1();
    expectRefused(end, 'phase-moved', () =>
      startNextRound(end, { earlier: 'dimmed', from: { phase: 'aan-de-slag', round: 2 } }),
    );
    expectRefused(end, 'invalid-earlier-notes', () =>
      startNextRound(end, { earlier: 'hidden' as unknown as 'dimmed' }),
    );
  });

  it('lets a facilitator change the choice afterwards, for a round that has started only', () => {
    const control = atEndOfRound1();
    startNextRound(control, { earlier: 'archived', now: 300_000 });
    setEarlierNotes(control, 2, 'dimmed', { now: 400_000, actor: 'p-fenna' });
    expect(readRoundStarts(control)).toEqual([
      { round: 2, earlier: 'dimmed', at: 400_000, actor: 'p-fenna' },
    ]);
    expectRefused(control, 'invalid-round', () => setEarlierNotes(control, 3, 'archived'));
    expectRefused(control, 'invalid-round', () => setEarlierNotes(control, 1, 'archived'));
  });

  it('passes the server’s check, which refuses round starts the model would not write', () => {
    const server = new Y.Doc();
    const client = atEndOfRound1();
    expect(checkSentChange(server, client, findInvalidControlChange)).toBeNull();
    startNextRound(client, { earlier: 'dimmed', now: 300_000, actor: 'p-fenna' });
    expect(checkSentChange(server, client, findInvalidControlChange)).toBeNull();
    for (const [key, value] of [
      ['1', { earlier: 'dimmed', at: 1 }],
      ['02', { earlier: 'dimmed', at: 1 }],
      ['3', { earlier: 'hidden', at: 1 }],
      ['3', { earlier: 'dimmed', at: 1, extra: true }],
      ['3', { earlier: 'dimmed', at: -1 }],
    ] as const) {
      const hostile = new Y.Doc();
      Y.applyUpdate(hostile, Y.encodeStateAsUpdate(server));
      roundStartsType(hostile).set(key, value);
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(server));
      expect(
        checkSentChange(copy, hostile, findInvalidControlChange),
        `${key}: ${JSON.stringify(value)}`,
      ).toMatch(/round start/);
    }
  });
});

describe('where notes of earlier rounds are', () => {
  it('dims them, or archives them from the round whose start archived them on', () => {
    const dimmed = [{ round: 2, earlier: 'dimmed' as const, at: 1 }];
    expect(notePlace(1, 1, [])).toBe('current');
    expect(notePlace(1, 2, dimmed)).toBe('dimmed');
    expect(notePlace(2, 2, dimmed)).toBe('current');
    const thenArchived = [...dimmed, { round: 3, earlier: 'archived' as const, at: 2 }];
    expect(notePlace(1, 3, thenArchived)).toBe('archived');
    expect(notePlace(2, 3, thenArchived)).toBe('archived');
    // Archived once stays archived when a later round keeps its earlier notes dimmed.
    const archivedFirst = [
      { round: 2, earlier: 'archived' as const, at: 1 },
      { round: 3, earlier: 'dimmed' as const, at: 2 },
    ];
    expect(notePlace(1, 3, archivedFirst)).toBe('archived');
    expect(notePlace(2, 3, archivedFirst)).toBe('dimmed');
    // A group that went back to round 1 sees round 2's notes as its own again.
    expect(notePlace(2, 1, archivedFirst)).toBe('current');
  });

  it('places a note from before rounds were recorded by its creation time', () => {
    const control = atEndOfRound1();
    startNextRound(control, { earlier: 'dimmed', now: 300_000 });
    const history = readPhaseHistory(control);
    expect(noteRound({ createdAt: 10 }, history)).toBe(1);
    expect(noteRound({ createdAt: 299_999 }, history)).toBe(1);
    expect(noteRound({ createdAt: 300_000 }, history)).toBe(2);
    expect(noteRound({ createdAt: 10, round: 2 }, history)).toBe(2);
    expect(readRounds(control).placeOf({ createdAt: 10 })).toBe('dimmed');
  });
});

describe('carrying a note into the current round', () => {
  function workshop() {
    const control = atEndOfRound1();
    const content = new Y.Doc();
    createNote(
      content,
      {
        id: 'anna-1',
        text: 'De huisarts wil aansluiten bij het wijkteam',
        step: 'richten.belangen',
        pos: { r: 0.4, t: 0.6 },
        color: 'blue',
        author: asAuthor(anna),
        round: 1,
      },
      { now: 120_000 },
    );
    return { control, content };
  }

  it('writes a new note in the current round, linked to the one it came from, under its author', () => {
    const { control, content } = workshop();
    startNextRound(control, { earlier: 'archived', now: 300_000 });
    const carried = carryNote(content, control, 'anna-1', { now: 310_000 });
    expect(carried).toMatchObject({
      id: carryId('anna-1', 2),
      text: 'De huisarts wil aansluiten bij het wijkteam',
      step: 'richten.belangen',
      pos: { r: 0.4, t: 0.6 },
      color: 'blue',
      authorId: anna.person,
      authorName: 'Anna',
      round: 2,
      carriedFrom: 'anna-1',
      createdAt: 310_000,
    });
    expect(getNote(content, carried.id)).toEqual(carried);
    const rounds = readRounds(control);
    expect(rounds.placeOf(carried)).toBe('current');
    expect(rounds.placeOf(getNote(content, 'anna-1') ?? carried)).toBe('archived');
  });

  it('carries a note once, whoever carries it and however often', () => {
    const { control, content } = workshop();
    startNextRound(control, { earlier: 'dimmed', now: 300_000 });
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(content));
    carryNote(content, control, 'anna-1', { now: 310_000 });
    carryNote(content, control, 'anna-1', { now: 320_000 });
    carryNote(other, control, 'anna-1', { now: 315_000, author: asAuthor(fenna) });
    Y.applyUpdate(content, Y.encodeStateAsUpdate(other));
    Y.applyUpdate(other, Y.encodeStateAsUpdate(content));
    expect(listNotes(content)).toHaveLength(2);
    expect(listNotes(content)).toEqual(listNotes(other));
  });

  it('refuses a note of the current round and one that is not there', () => {
    const { control, content } = workshop();
    expectRefused(content, 'not-earlier-round', () => carryNote(content, control, 'anna-1'));
    startNextRound(control, { earlier: 'dimmed', now: 300_000 });
    expectRefused(content, 'unknown-note', () => carryNote(content, control, 'nobody'));
  });

  it('makes an id that fits however long the note’s id, and differs per note and round', () => {
    const long = 'x'.repeat(64);
    expect(carryId(long, 2).length).toBeLessThanOrEqual(64);
    expect(carryId(long, 2)).not.toBe(carryId(`${'x'.repeat(63)}y`, 2));
    expect(carryId(long, 2)).not.toBe(carryId(long, 3));
    expect(carryId('a', 2)).not.toBe(carryId('a', 3));
  });
});

describe('the server’s rules for rounds', () => {
  function setUp() {
    const { content: board, control } = (() => {
      const control = atEndOfRound1();
      const content = new Y.Doc();
      createNote(content, {
        id: 'anna-1',
        text: 'Wij hebben drie wijkteams',
        step: 'verkennen.eigen-situatie',
        author: asAuthor(anna),
        round: 1,
      });
      startNextRound(control, { earlier: 'dimmed', now: 300_000 });
      return { content, control };
    })();
    function attempt(writer: Writer, write: (doc: Y.Doc) => void): WriteRefusal | null {
      return attemptWrite(board, write, { writer, control });
    }
    return { board, control, attempt };
  }
  const note =
    (writer: Writer, extra: { round?: number; carriedFrom?: string; id?: string }) => (doc: Y.Doc) =>
      createNote(doc, {
        text: 'Huisarts erbij',
        step: 'verkennen.partners',
        author: asAuthor(writer),
        ...extra,
      });

  it('takes notes of the current or an earlier round, not of a round the circle has not reached', () => {
    const { attempt } = setUp();
    expect(attempt(bert, note(bert, { round: 2 }))).toBeNull();
    expect(attempt(bert, note(bert, { round: 1 }))).toBeNull();
    expect(attempt(bert, note(bert, { round: 3 }))?.reason).toMatch(/round 3/);
  });

  it('lets a participant carry their own note and a facilitator anyone’s, from an earlier round only', () => {
    const { board, control, attempt } = setUp();
    expect(attempt(anna, (doc) => carryNote(doc, control, 'anna-1'))).toBeNull();
    expect(attempt(fenna, (doc) => carryNote(doc, control, 'anna-1'))).toBeNull();
    expect(attempt(bert, (doc) => carryNote(doc, control, 'anna-1'))?.reason).toMatch(/own name/);
    expect(attempt(bert, note(bert, { round: 2, carriedFrom: 'nobody' }))?.reason).toMatch(/on the board/);
    expect(attempt(bert, note(bert, { carriedFrom: 'anna-1' }))?.reason).toMatch(/earlier round/);
    createNote(board, {
      id: 'bert-2',
      text: 'Nieuw',
      step: 'verkennen.partners',
      author: asAuthor(bert),
      round: 2,
    });
    expect(attempt(bert, note(bert, { round: 2, carriedFrom: 'bert-2' }))?.reason).toMatch(/earlier round/);
  });

  it('takes the same note carried by two people at once as one carry, whichever arrives second', () => {
    const { board, control } = setUp();
    const [fay, finn] = [new Y.Doc(), new Y.Doc()];
    Y.applyUpdate(fay, Y.encodeStateAsUpdate(board));
    Y.applyUpdate(finn, Y.encodeStateAsUpdate(board));
    carryNote(fay, control, 'anna-1', { now: 310_000 });
    carryNote(finn, control, 'anna-1', { now: 320_000, pos: { r: 0.2, t: 0.2 } });
    for (const client of [fay, finn]) {
      const verdicts: (WriteRefusal | null)[] = [];
      const check = (transaction: Y.Transaction) =>
        verdicts.push(findRefusedChange(board, transaction, { writer: fenna, control }));
      board.on('afterTransaction', check);
      Y.applyUpdate(board, Y.encodeStateAsUpdate(client, Y.encodeStateVector(board)));
      board.off('afterTransaction', check);
      expect(verdicts).toEqual([null]);
    }
    expect(listNotes(board).filter((note) => note.carriedFrom === 'anna-1')).toHaveLength(1);
  });

  it('never lets a note’s round or origin change once written', () => {
    const { attempt } = setUp();
    const stored = (doc: Y.Doc) => doc.getMap(NOTES_KEY).get('anna-1') as Y.Map<unknown>;
    expect(attempt(anna, (doc) => stored(doc).set('round', 2))?.reason).toMatch(/never change/);
    expect(attempt(anna, (doc) => stored(doc).set('carriedFrom', 'x'))?.reason).toMatch(/never change/);
  });
});

describe('two facilitators at the end of a round at once', () => {
  it('agree on one round, one choice and one carried copy of each note', () => {
    const [fay, finn] = [atEndOfRound1(), new Y.Doc()];
    Y.applyUpdate(finn, Y.encodeStateAsUpdate(fay));
    startNextRound(fay, { earlier: 'archived', now: 300_000, actor: 'fay' });
    startNextRound(finn, { earlier: 'dimmed', now: 300_001, actor: 'finn' });
    Y.applyUpdate(fay, Y.encodeStateAsUpdate(finn));
    Y.applyUpdate(finn, Y.encodeStateAsUpdate(fay));
    expect(readRoundStarts(fay)).toEqual(readRoundStarts(finn));
    expect(readRoundStarts(fay)).toHaveLength(1);
    expect(currentPosition(readPhaseHistory(fay))).toEqual({ phase: 'verkennen', round: 2 });
    previousPhase(fay, { now: 400_000 });
    expect(readRounds(fay).current).toBe(1);
  });
});
