import { migratePg } from '@kompas/relay';
import type pg from 'pg';
import type { BoardRecord, BoardStore } from './boards.ts';

const STEPS = [
  `CREATE TABLE boards (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    task TEXT NOT NULL,
    created_at BIGINT NOT NULL
  );
  CREATE INDEX boards_by_creation ON boards (created_at DESC)`,
];

interface BoardRow {
  id: string;
  title: string;
  task: string;
  /** BIGINT, which pg hands over as a string. */
  created_at: string;
}

/** The board registry in PostgreSQL: every server of a cluster finds a board any of them created. */
export class PgBoardStore implements BoardStore {
  private constructor(private readonly pool: pg.Pool) {}

  /** The store, once the database's boards schema is up to date. */
  static async open(pool: pg.Pool): Promise<PgBoardStore> {
    await migratePg(pool, 'boards', STEPS);
    return new PgBoardStore(pool);
  }

  async insert(board: BoardRecord): Promise<void> {
    await this.pool.query('INSERT INTO boards (id, title, task, created_at) VALUES ($1, $2, $3, $4)', [
      board.id,
      board.title,
      board.task,
      board.createdAt,
    ]);
  }

  async get(id: string): Promise<BoardRecord | undefined> {
    const { rows } = await this.pool.query<BoardRow>(
      'SELECT id, title, task, created_at FROM boards WHERE id = $1',
      [id],
    );
    const row = rows[0];
    return row && { id: row.id, title: row.title, task: row.task, createdAt: Number(row.created_at) };
  }

  async ids(): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>('SELECT id FROM boards ORDER BY created_at DESC');
    return rows.map((row) => row.id);
  }

  async retitle(id: string, meta: { title: string; task: string }): Promise<void> {
    await this.pool.query('UPDATE boards SET title = $1, task = $2 WHERE id = $3', [
      meta.title,
      meta.task,
      id,
    ]);
  }
}
