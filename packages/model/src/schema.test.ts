import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getBoardMeta, initBoard } from './board.ts';
import type { Migration } from './migrations.ts';
import { MIGRATIONS } from './migrations.ts';
import { createNote, deleteNote, editNote, listNotes, moveNote, notesType, recolorNote } from './note.ts';
import { MIGRATION_ORIGIN } from './origins.ts';
import {
  CURRENT_SCHEMA_VERSION,
  isNewerSchema,
  migrateBoard,
  readSchemaVersion,
  runMigrations,
} from './schema.ts';
import { expectRefused } from './test-support.ts';

const author = { id: 'anna', name: 'Anna' };

/** A board as written before documents carried a version: meta and notes, no schema record. */
function legacyDoc(): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    const meta = doc.getMap('meta');
    meta.set('title', 'Oud bord');
    meta.set('task', '');
    meta.set('createdAt', 10);
    const note = (id: string, color: string) =>
      notesType(doc).set(
        id,
        new Y.Map<unknown>([
          ['text', `Notitie ${id}`],
          ['step', 'verkennen.opgave'],
          ['pos', { r: 0.5, t: 0.5 }],
          ['color', color],
          ['authorId', 'anna'],
          ['authorName', 'Anna'],
          ['createdAt', 20],
          ['updatedAt', 20],
        ]),
      );
    note('a', 'yellow');
    note('b', 'rood');
  });
  return doc;
}

/** Test migrations past version 1; v2 maps an old colour name, in the idempotent style MIGRATIONS asks for. */
const RENAME_RED: Migration = {
  version: 2,
  id: 'test/2-rename-red',
  up: (doc) => {
    for (const stored of notesType(doc).values()) {
      if (stored instanceof Y.Map && stored.get('color') === 'rood') stored.set('color', 'pink');
    }
  },
};
const [INITIAL] = MIGRATIONS;
if (!INITIAL) throw new Error('MIGRATIONS is empty');

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
}

function updatesDuring(doc: Y.Doc, operation: () => void): number {
  let updates = 0;
  const count = () => updates++;
  doc.on('update', count);
  operation();
  doc.off('update', count);
  return updates;
}

describe('migrations list', () => {
  it('is numbered 1..n with unique ids, and its last version is the current one', () => {
    expect(MIGRATIONS.map((migration) => migration.version)).toEqual(MIGRATIONS.map((_, index) => index + 1));
    expect(new Set(MIGRATIONS.map((migration) => migration.id)).size).toBe(MIGRATIONS.length);
    expect(CURRENT_SCHEMA_VERSION).toBe(MIGRATIONS.length);
    expect(CURRENT_SCHEMA_VERSION).toBe(1);
  });
});

describe('migrateBoard', () => {
  it('reads an empty document as version 0 and brings it to the current version', () => {
    const doc = new Y.Doc();
    expect(readSchemaVersion(doc)).toBe(0);
    expect(migrateBoard(doc)).toEqual({ from: 0, to: CURRENT_SCHEMA_VERSION, applied: [INITIAL.id] });
    expect(readSchemaVersion(doc)).toBe(CURRENT_SCHEMA_VERSION);
  });

  it('migrates a legacy document without a version, keeping its content readable', () => {
    const doc = legacyDoc();
    expect(readSchemaVersion(doc)).toBe(0);
    expect(isNewerSchema(doc)).toBe(false);
    const before = listNotes(doc);
    expect(before.map((note) => note.id)).toEqual(['a']); // 'rood' is no palette colour
    expect(migrateBoard(doc)).toEqual({ from: 0, to: 1, applied: ['kompas.board/1-initial'] });
    expect(getBoardMeta(doc)).toEqual({ title: 'Oud bord', task: '', createdAt: 10, schemaVersion: 1 });
    expect(listNotes(doc)).toEqual(before);
  });

  it('runs in one transaction with MIGRATION_ORIGIN, and is a no-op that writes nothing the second time', () => {
    const doc = legacyDoc();
    const origins: unknown[] = [];
    doc.on('afterTransaction', (transaction: Y.Transaction) => origins.push(transaction.origin));
    migrateBoard(doc);
    expect(origins).toEqual([MIGRATION_ORIGIN]);
    let result: unknown;
    expect(updatesDuring(doc, () => (result = migrateBoard(doc)))).toBe(0);
    expect(result).toEqual({ from: 1, to: 1, applied: [] });
  });

  it('runs only the pending migrations, in order', () => {
    const ran: string[] = [];
    const tracked = (migration: Migration): Migration => ({
      ...migration,
      up: (doc) => {
        ran.push(migration.id);
        migration.up(doc);
      },
    });
    const third: Migration = { version: 3, id: 'test/3-noop', up: () => undefined };
    const list = [tracked(INITIAL), tracked(RENAME_RED), tracked(third)];
    const doc = legacyDoc();
    migrateBoard(doc);
    expect(runMigrations(doc, list)).toEqual({
      from: 1,
      to: 3,
      applied: ['test/2-rename-red', 'test/3-noop'],
    });
    expect(ran).toEqual(['test/2-rename-red', 'test/3-noop']);
    expect(listNotes(doc).map((note) => [note.id, note.color])).toEqual([
      ['a', 'yellow'],
      ['b', 'pink'],
    ]);
    expect(runMigrations(doc, list).applied).toEqual([]);
  });

  it('converges when two clients migrate the same document at the same time', () => {
    const a = legacyDoc();
    const b = new Y.Doc();
    sync(a, b);
    const list = [INITIAL, RENAME_RED];
    expect(runMigrations(a, list).applied).toEqual([INITIAL.id, RENAME_RED.id]);
    expect(runMigrations(b, list).applied).toEqual([INITIAL.id, RENAME_RED.id]);
    sync(a, b);
    for (const doc of [a, b]) {
      expect(readSchemaVersion(doc)).toBe(2);
      expect(doc.getMap('schema').toJSON()).toEqual({ [INITIAL.id]: 1, [RENAME_RED.id]: 2 });
      expect(listNotes(doc).map((note) => [note.id, note.color])).toEqual([
        ['a', 'yellow'],
        ['b', 'pink'],
      ]);
      expect(runMigrations(doc, list).applied).toEqual([]);
    }
    expect(Y.encodeSnapshot(Y.snapshot(a))).toEqual(Y.encodeSnapshot(Y.snapshot(b)));
  });

  it('never lets the version go back when an older and a newer client migrate concurrently', () => {
    // With a single last-writer-wins number this would merge to 1 for one of the two client orders.
    for (const [olderId, newerId] of [
      [1, 2],
      [2, 1],
    ] as const) {
      const older = legacyDoc();
      older.clientID = olderId;
      const newer = new Y.Doc();
      newer.clientID = newerId;
      sync(older, newer);
      runMigrations(older, [INITIAL]);
      runMigrations(newer, [INITIAL, RENAME_RED]);
      sync(older, newer);
      expect(readSchemaVersion(older)).toBe(2);
      expect(readSchemaVersion(newer)).toBe(2);
      expectRefused(older, 'newer-schema', () => runMigrations(older, [INITIAL]));
    }
  });
});

describe('a document from a newer version', () => {
  function newerDoc(): Y.Doc {
    const doc = legacyDoc();
    migrateBoard(doc);
    doc.getMap('schema').set('kompas.board/99-future', CURRENT_SCHEMA_VERSION + 1);
    return doc;
  }

  it('is reported, and can still be read', () => {
    const doc = newerDoc();
    expect(isNewerSchema(doc)).toBe(true);
    expect(readSchemaVersion(doc)).toBe(CURRENT_SCHEMA_VERSION + 1);
    expect(getBoardMeta(doc)?.schemaVersion).toBe(CURRENT_SCHEMA_VERSION + 1);
    expect(listNotes(doc).map((note) => note.id)).toEqual(['a']);
  });

  it('is never written to', () => {
    const doc = newerDoc();
    const note = { text: 'Nieuw', step: 'richten.ambitie', author };
    expectRefused(doc, 'newer-schema', () => migrateBoard(doc));
    expectRefused(doc, 'newer-schema', () => createNote(doc, note));
    expectRefused(doc, 'newer-schema', () => editNote(doc, 'a', 'Anders'));
    expectRefused(doc, 'newer-schema', () => moveNote(doc, 'a', 'richten.ambitie', { r: 0, t: 0 }));
    expectRefused(doc, 'newer-schema', () => recolorNote(doc, 'a', 'blue'));
    expectRefused(doc, 'newer-schema', () => deleteNote(doc, 'a'));
    const empty = new Y.Doc();
    empty.getMap('schema').set('kompas.board/99-future', CURRENT_SCHEMA_VERSION + 1);
    expectRefused(empty, 'newer-schema', () => initBoard(empty, { title: 'Titel', task: '' }));
  });

  it('ignores records that are not versions', () => {
    const doc = new Y.Doc();
    doc.getMap('schema').set('junk', 'seven');
    doc.getMap('schema').set('fraction', 1.5);
    expect(readSchemaVersion(doc)).toBe(0);
  });
});
