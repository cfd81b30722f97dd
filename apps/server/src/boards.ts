import { getBoardMeta, initBoard } from '@kompas/model';
import type Database from 'better-sqlite3';
import * as Y from 'yjs';
import { newBoardId } from './board-id.ts';

export interface BoardRecord {
  id: string;
  title: string;
  task: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
}

/** Where the content room's first state goes; the storage adapter's `append`. */
export type AppendUpdate = (
  room: string,
  update: Uint8Array,
  meta: { actor: string; at: number },
) => Promise<unknown>;

/** Recorded as the author of a board's first state in the room log. */
const SERVER_ACTOR = 'server';

/**
 * The boards this server created. The registry answers "does this board exist" on every upgrade and API
 * call without loading its document; the document itself stays the truth for what clients see.
 */
export class Boards {
  private readonly insert: Database.Statement<[string, string, string, number]>;
  private readonly select: Database.Statement<[string], BoardRecord>;
  private readonly selectIds: Database.Statement<[], { id: string }>;
  private readonly updateTitleAndTask: Database.Statement<[string, string, string]>;

  constructor(
    db: Database.Database,
    private readonly appendUpdate: AppendUpdate,
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS boards (
      id TEXT PRIMARY KEY,
      title TEXT NOT NULL,
      task TEXT NOT NULL,
      created_at INTEGER NOT NULL
    ) STRICT`);
    this.insert = db.prepare('INSERT INTO boards (id, title, task, created_at) VALUES (?, ?, ?, ?)');
    this.select = db.prepare('SELECT id, title, task, created_at AS createdAt FROM boards WHERE id = ?');
    this.selectIds = db.prepare('SELECT id FROM boards ORDER BY created_at DESC');
    this.updateTitleAndTask = db.prepare('UPDATE boards SET title = ?, task = ? WHERE id = ?');
  }

  /**
   * Keeps the registry's title and task as the board's document has them after a facilitator changed them, so
   * what the API tells (to someone about to join, in a report's file name) is not the title it was created with.
   */
  retitle(id: string, meta: { title: string; task: string }): void {
    this.updateTitleAndTask.run(meta.title, meta.task, id);
  }

  /** Every board's id, newest first. */
  ids(): string[] {
    return this.selectIds.all().map((row) => row.id);
  }

  /**
   * Writes the board's meta into its content document through the model (which validates it and throws
   * ModelError on bad input), stores that state, then registers the board: a registered board always has
   * its meta stored, so the first client to join sees the title and task.
   */
  async create(input: { title: string; task: string }, now = Date.now()): Promise<BoardRecord> {
    const doc = new Y.Doc();
    try {
      initBoard(doc, { title: input.title, task: input.task, createdAt: now });
      const meta = getBoardMeta(doc);
      if (!meta) throw new Error('initBoard wrote no board meta');
      const board: BoardRecord = {
        id: newBoardId(),
        title: meta.title,
        task: meta.task,
        createdAt: meta.createdAt,
      };
      await this.appendUpdate(board.id, Y.encodeStateAsUpdate(doc), { actor: SERVER_ACTOR, at: now });
      this.insert.run(board.id, board.title, board.task, board.createdAt);
      return board;
    } finally {
      doc.destroy();
    }
  }

  get(id: string): BoardRecord | undefined {
    return this.select.get(id);
  }
}
