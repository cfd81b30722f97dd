import type * as Y from 'yjs';
import { ModelError } from './errors.ts';
import { LOCAL_ORIGIN, type TransactOptions } from './origins.ts';
import { assertWritableSchema, migrateBoard, readSchemaVersion, schemaType } from './schema.ts';
import { isNormalisedPlainText, normalisePlainText, type TextRule } from './text.ts';
import { isTimestamp, parseTimestamp } from './time.ts';

/** The board's metadata: what the workshop is called and the joint task shown in the centre disc. */
export interface BoardMeta {
  title: string;
  task: string;
  createdAt: number;
  schemaVersion: number;
}

export interface BoardMetaInput {
  title: string;
  task: string;
  /** Defaults to now. */
  createdAt?: number;
}

export const BOARD_TITLE_MAX = 120;
export const BOARD_TASK_MAX = 500;

const TITLE_RULE: TextRule = {
  code: 'invalid-title',
  what: 'Board title',
  min: 1,
  max: BOARD_TITLE_MAX,
  multiline: false,
};
const TASK_RULE: TextRule = {
  code: 'invalid-task',
  what: 'Board task',
  min: 0,
  max: BOARD_TASK_MAX,
  multiline: true,
};

/** Name of the top-level Y.Map holding the board's metadata. */
export const META_KEY = 'meta';

export function metaType(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(META_KEY);
}

/**
 * Writes the metadata of a new board and brings it to the current schema version, in one transaction.
 * Validates everything first (title 1..120 characters on one line, task 0..500); throws
 * ModelError('board-exists') when the document already has metadata.
 */
export function initBoard(doc: Y.Doc, meta: BoardMetaInput, opts?: TransactOptions): void {
  // Callers pass parsed JSON straight in, so do not trust the shape of `meta` itself either.
  const input: Partial<Record<keyof BoardMetaInput, unknown>> =
    typeof meta === 'object' && meta !== null ? meta : {};
  const title = normalisePlainText(input.title, TITLE_RULE);
  const task = normalisePlainText(input.task, TASK_RULE);
  const createdAt = input.createdAt === undefined ? Date.now() : parseTimestamp(input.createdAt, 'createdAt');
  assertWritableSchema(doc);
  if (metaType(doc).size > 0) throw new ModelError('board-exists', 'This board already has a title and task');
  const origin = opts?.origin ?? LOCAL_ORIGIN;
  doc.transact(() => {
    migrateBoard(doc, { origin });
    const map = metaType(doc);
    map.set('title', title);
    map.set('task', task);
    map.set('createdAt', createdAt);
  }, origin);
}

/** A facilitator's change to the title and the joint task; what is left out stays as it is. */
export interface BoardMetaChange {
  title?: string;
  task?: string;
}

/**
 * Changes the title and the joint task of a board that has them, validated as initBoard does: ModelError
 * ('invalid-title', 'invalid-task') before anything is written, 'board-not-loaded' while the document has no
 * metadata yet (a board whose state has not arrived). Unchanged fields are not written again. Who may change
 * them is the caller's and the server's rule (findRefusedChange: facilitators only).
 */
export function setBoardMeta(doc: Y.Doc, change: BoardMetaChange, opts?: TransactOptions): void {
  const input: Partial<Record<keyof BoardMetaChange, unknown>> =
    typeof change === 'object' && change !== null ? change : {};
  const title = input.title === undefined ? undefined : normalisePlainText(input.title, TITLE_RULE);
  const task = input.task === undefined ? undefined : normalisePlainText(input.task, TASK_RULE);
  assertWritableSchema(doc);
  const current = getBoardMeta(doc);
  if (!current)
    throw new ModelError('board-not-loaded', 'The board has not loaded yet; try again in a moment');
  const map = metaType(doc);
  doc.transact(() => {
    if (title !== undefined && title !== current.title) map.set('title', title);
    if (task !== undefined && task !== current.task) map.set('task', task);
  }, opts?.origin ?? LOCAL_ORIGIN);
}

/** The board's metadata, or undefined while it has none (not synced yet) or when what is stored is invalid. */
export function getBoardMeta(doc: Y.Doc): BoardMeta | undefined {
  const map = metaType(doc);
  const title = map.get('title');
  const task = map.get('task');
  const createdAt = map.get('createdAt');
  if (
    !isNormalisedPlainText(title, TITLE_RULE) ||
    !isNormalisedPlainText(task, TASK_RULE) ||
    !isTimestamp(createdAt)
  ) {
    return undefined;
  }
  return { title, task, createdAt, schemaVersion: readSchemaVersion(doc) };
}

/** Whether the metadata holds exactly its three fields, valid: what a server checks after a change. */
export function hasExactBoardMeta(doc: Y.Doc): boolean {
  const map = metaType(doc);
  return map.size === 3 && getBoardMeta(doc) !== undefined;
}

/** Calls `cb` once after every transaction that changed the metadata or the schema version. */
export function observeBoardMeta(doc: Y.Doc, cb: () => void): () => void {
  const handler = (transaction: Y.Transaction) => {
    if (boardMetaChangedBy(doc, transaction)) cb();
  };
  doc.on('afterTransaction', handler);
  return () => doc.off('afterTransaction', handler);
}

/** Whether a transaction of `doc` changed the metadata or the schema version. */
export function boardMetaChangedBy(doc: Y.Doc, transaction: Y.Transaction): boolean {
  const changed: ReadonlyMap<unknown, unknown> = transaction.changed;
  return changed.has(metaType(doc)) || changed.has(schemaType(doc));
}
