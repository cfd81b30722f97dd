import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getBoardMeta, initBoard, observeBoardMeta, setBoardMeta } from './board.ts';
import { createNote } from './note.ts';
import { LOCAL_ORIGIN } from './origins.ts';
import { CURRENT_SCHEMA_VERSION, readSchemaVersion } from './schema.ts';
import { expectRefused } from './test-support.ts';

const meta = { title: 'Samen zorg in de wijk', task: 'Hoe houden we ouderen thuis?', createdAt: 1_000 };

describe('board metadata', () => {
  it('is written by initBoard and read by getBoardMeta, at the current schema version', () => {
    const doc = new Y.Doc();
    initBoard(doc, {
      title: '  Samen zorg in de wijk ',
      task: '\nHoe houden we ouderen thuis?  ',
      createdAt: 1_000,
    });
    expect(getBoardMeta(doc)).toEqual({ ...meta, schemaVersion: CURRENT_SCHEMA_VERSION });
    expect(readSchemaVersion(doc)).toBe(CURRENT_SCHEMA_VERSION);
  });

  it('writes in one transaction, with LOCAL_ORIGIN or the origin given', () => {
    const origins: unknown[] = [];
    const doc = new Y.Doc();
    doc.on('afterTransaction', (transaction: Y.Transaction) => origins.push(transaction.origin));
    initBoard(doc, meta);
    const server = { kind: 'server' };
    const other = new Y.Doc();
    other.on('afterTransaction', (transaction: Y.Transaction) => origins.push(transaction.origin));
    initBoard(other, meta, { origin: server });
    expect(origins).toEqual([LOCAL_ORIGIN, server]);
  });

  it('defaults createdAt to now and allows an empty task', () => {
    const doc = new Y.Doc();
    const before = Date.now();
    initBoard(doc, { title: 'Titel', task: '' });
    const read = getBoardMeta(doc);
    expect(read?.task).toBe('');
    expect(read?.createdAt).toBeGreaterThanOrEqual(before);
    expect(read?.createdAt).toBeLessThanOrEqual(Date.now());
  });

  it.each([
    ['an empty title', 'invalid-title', { title: '  ' }],
    ['a title of 121 characters', 'invalid-title', { title: 't'.repeat(121) }],
    ['a title on two lines', 'invalid-title', { title: 'Regel\nregel' }],
    ['a title that is not a string', 'invalid-title', { title: null }],
    ['a task of 501 characters', 'invalid-task', { task: 't'.repeat(501) }],
    ['a task with a control character', 'invalid-task', { task: 'a\u0000' }],
    ['a missing task', 'invalid-task', { task: undefined }],
    ['a createdAt that is not a time', 'invalid-time', { createdAt: Number.NaN }],
  ] as const)('refuses %s and writes nothing', (_case, code, overrides) => {
    const doc = new Y.Doc();
    expectRefused(doc, code, () => initBoard(doc, { ...meta, ...(overrides as object) }));
    expect(getBoardMeta(doc)).toBeUndefined();
    expect(readSchemaVersion(doc)).toBe(0);
  });

  it('accepts a title of 120 characters and a multi-line task of 500', () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 't'.repeat(120), task: `${'t'.repeat(249)}\n${'t'.repeat(250)}` });
    expect(getBoardMeta(doc)?.task).toHaveLength(500);
  });

  it('refuses input that is not an object, as parsed JSON can be', () => {
    const doc = new Y.Doc();
    expectRefused(doc, 'invalid-title', () => initBoard(doc, null as never));
    expectRefused(doc, 'invalid-title', () => initBoard(doc, 'title' as never));
  });

  it('refuses to initialise a board twice', () => {
    const doc = new Y.Doc();
    initBoard(doc, meta);
    expectRefused(doc, 'board-exists', () => initBoard(doc, { ...meta, title: 'Anders' }));
    expect(getBoardMeta(doc)?.title).toBe(meta.title);
  });

  it('reads undefined before the board is initialised and when stored metadata is invalid', () => {
    const doc = new Y.Doc();
    expect(getBoardMeta(doc)).toBeUndefined();
    initBoard(doc, meta);
    doc.getMap('meta').set('title', 42);
    expect(getBoardMeta(doc)).toBeUndefined();
  });

  it('notifies once per transaction that changes metadata or schema version, until unsubscribed', () => {
    const doc = new Y.Doc();
    let calls = 0;
    const stop = observeBoardMeta(doc, () => calls++);
    initBoard(doc, meta);
    expect(calls).toBe(1);
    createNote(doc, { text: 'Niet relevant', step: 'richten.belangen', author: { id: 'a', name: 'A' } });
    expect(calls).toBe(1);
    doc.getMap('schema').set('kompas.board/2-future', 2);
    expect(calls).toBe(2);
    stop();
    doc.getMap('meta').set('title', 'Weer anders');
    expect(calls).toBe(2);
  });
});

describe('editing the title and joint task', () => {
  const meta = { title: 'Zorgregio West', task: '', createdAt: 5 };

  it('changes what is given, trimmed, in one transaction with the origin given, and keeps the rest', () => {
    const doc = new Y.Doc();
    initBoard(doc, meta);
    const origins: unknown[] = [];
    doc.on('afterTransaction', (transaction: Y.Transaction) => origins.push(transaction.origin));
    const origin = { kind: 'local' };
    setBoardMeta(doc, { task: '  Samen de wijkzorg organiseren\nmet de huisartsen ' }, { origin });
    expect(getBoardMeta(doc)).toMatchObject({
      title: 'Zorgregio West',
      task: 'Samen de wijkzorg organiseren\nmet de huisartsen',
      createdAt: 5,
    });
    setBoardMeta(doc, { title: 'Zorgregio West 2025' });
    expect(getBoardMeta(doc)?.title).toBe('Zorgregio West 2025');
    expect(origins).toEqual([origin, LOCAL_ORIGIN]);
  });

  it('writes nothing for values that did not change', () => {
    const doc = new Y.Doc();
    initBoard(doc, meta);
    let updates = 0;
    doc.on('update', () => updates++);
    setBoardMeta(doc, { title: 'Zorgregio West', task: '' });
    expect(updates).toBe(0);
  });

  it.each([
    ['an empty title', 'invalid-title', { title: ' ' }, 'Board title must not be empty'],
    ['a title of 121 characters', 'invalid-title', { title: 't'.repeat(121) }, 'at most 120 characters'],
    ['a task of 501 characters', 'invalid-task', { task: 't'.repeat(501) }, 'at most 500 characters'],
    ['a task that is not text', 'invalid-task', { task: 7 }, 'must be a string'],
  ] as const)('refuses %s with a clear message and writes nothing', (_case, code, change, message) => {
    const doc = new Y.Doc();
    initBoard(doc, meta);
    expectRefused(doc, code, () => setBoardMeta(doc, { title: 'Nieuw', ...(change as object) }));
    expect(() => setBoardMeta(doc, change as never)).toThrow(message);
    expect(getBoardMeta(doc)?.title).toBe('Zorgregio West');
  });

  it('refuses a board whose metadata has not arrived yet', () => {
    const doc = new Y.Doc();
    expectRefused(doc, 'board-not-loaded', () => setBoardMeta(doc, { title: 'Nieuw' }));
  });
});
