import { getBoardMeta, initBoard } from '@kompas/model';
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
 * Where the registry keeps its boards: a table in the server's SQLite file (SqliteBoardStore) or in PostgreSQL,
 * shared by every server of a cluster (PgBoardStore). Nothing else knows which.
 */
export interface BoardStore {
  insert(board: BoardRecord): Promise<void>;
  get(id: string): Promise<BoardRecord | undefined>;
  /** Every board's id, newest first. */
  ids(): Promise<string[]>;
  /** Sets a board's title and task; nothing for a board it does not hold. */
  retitle(id: string, meta: { title: string; task: string }): Promise<void>;
}

/**
 * The boards this server created. The registry answers "does this board exist" on every upgrade and API
 * call without loading its document; the document itself stays the truth for what clients see.
 */
export class Boards {
  constructor(
    private readonly store: BoardStore,
    private readonly appendUpdate: AppendUpdate,
  ) {}

  /**
   * Keeps the registry's title and task as the board's document has them after a facilitator changed them, so
   * what the API tells (to someone about to join, in a report's file name) is not the title it was created with.
   */
  retitle(id: string, meta: { title: string; task: string }): Promise<void> {
    return this.store.retitle(id, meta);
  }

  /** Every board's id, newest first. */
  ids(): Promise<string[]> {
    return this.store.ids();
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
      await this.store.insert(board);
      return board;
    } finally {
      doc.destroy();
    }
  }

  get(id: string): Promise<BoardRecord | undefined> {
    return this.store.get(id);
  }
}
