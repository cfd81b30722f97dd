import type * as Y from 'yjs';
import { ModelError } from './errors.ts';
import { MIGRATIONS, type Migration } from './migrations.ts';
import { MIGRATION_ORIGIN, type TransactOptions } from './origins.ts';

/**
 * The schema version lives in the document as the set of applied migrations: a top-level Y.Map from
 * migration id to version, read as its highest version.
 *
 * Why not a single `schemaVersion` number: Y.Map keys are last-writer-wins, so when an older client (writing 1)
 * and a newer one (writing 2) migrate at the same time, the merged number may go back to 1 while version 2's
 * changes are in the document, and the older client would then write into a shape it does not understand.
 * Different keys written concurrently all survive a merge, so this set only grows and every client reads the
 * same, highest version. Clients running the same code write identical entries, which merge to one.
 */
export const SCHEMA_KEY = 'schema';

function latestVersion(migrations: readonly Migration[]): number {
  return migrations.at(-1)?.version ?? 0;
}

export const CURRENT_SCHEMA_VERSION: number = latestVersion(MIGRATIONS);

export interface MigrationResult {
  from: number;
  to: number;
  /** Ids of the migrations this call ran, oldest first. */
  applied: string[];
}

/** The Yjs type holding the applied migrations; only for observing it. */
export function schemaType(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(SCHEMA_KEY);
}

/** 0 for a document that was never versioned (legacy or still empty). */
export function readSchemaVersion(doc: Y.Doc): number {
  let version = 0;
  for (const value of schemaType(doc).values()) {
    if (typeof value === 'number' && Number.isSafeInteger(value) && value > version) version = value;
  }
  return version;
}

/**
 * True when every recorded migration is one this code knows, under its own version. A server checks this on
 * incoming changes, so no client can mark a board as newer than the code serving it (which would make it
 * read-only for everyone) or record a migration that never ran.
 */
export function recordsOnlyKnownMigrations(doc: Y.Doc): boolean {
  const known = new Map(MIGRATIONS.map((migration) => [migration.id, migration.version]));
  for (const [id, version] of schemaType(doc)) {
    if (known.get(id) !== version) return false;
  }
  return true;
}

/**
 * True when `after` still records every migration of `before` (the ids recorded before a change). The record
 * only grows (see SCHEMA_KEY): a client that removed an entry would make the board read as older than it is,
 * and every client would migrate it again.
 */
export function keepsRecordedMigrations(before: Iterable<string>, after: Y.Doc): boolean {
  const recorded = schemaType(after);
  for (const id of before) if (!recorded.has(id)) return false;
  return true;
}

/** True when a newer Kompas wrote this document: show it read-only instead of writing into it. */
export function isNewerSchema(doc: Y.Doc): boolean {
  return readSchemaVersion(doc) > CURRENT_SCHEMA_VERSION;
}

function newerSchemaError(found: number, known: number): ModelError {
  return new ModelError(
    'newer-schema',
    `This board has schema version ${found}, newer than the ${known} this code knows; open it read-only`,
  );
}

/** Every write calls this first, so code never writes into a shape it does not understand. */
export function assertWritableSchema(doc: Y.Doc): void {
  const version = readSchemaVersion(doc);
  if (version > CURRENT_SCHEMA_VERSION) throw newerSchemaError(version, CURRENT_SCHEMA_VERSION);
}

/**
 * Brings the document up to CURRENT_SCHEMA_VERSION in one transaction (origin MIGRATION_ORIGIN unless given).
 * Call it once the document has synced, not before: migrating a half-loaded document would miss data.
 * Idempotent; writes nothing when already current; throws ModelError('newer-schema') for a newer document.
 */
export function migrateBoard(doc: Y.Doc, opts?: TransactOptions): MigrationResult {
  return runMigrations(doc, MIGRATIONS, opts);
}

/** migrateBoard with an explicit list, so tests can exercise the runner with more than one version. */
export function runMigrations(
  doc: Y.Doc,
  migrations: readonly Migration[],
  opts?: TransactOptions,
): MigrationResult {
  const latest = latestVersion(migrations);
  const from = readSchemaVersion(doc);
  if (from > latest) throw newerSchemaError(from, latest);
  const pending = migrations.filter((migration) => migration.version > from);
  if (pending.length === 0) return { from, to: from, applied: [] };
  doc.transact(() => {
    const record = schemaType(doc);
    for (const migration of pending) {
      migration.up(doc);
      record.set(migration.id, migration.version);
    }
  }, opts?.origin ?? MIGRATION_ORIGIN);
  return { from, to: latest, applied: pending.map((migration) => migration.id) };
}
