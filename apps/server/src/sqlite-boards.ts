import type Database from 'better-sqlite3';
import type { BoardRecord, BoardStore } from './boards.ts';
import { migrateSqlite } from './sqlite-migrations.ts';

/** The boards table's versions; the first is the table as it was before versions were kept. */
const STEPS = [
  `CREATE TABLE IF NOT EXISTS boards (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    task TEXT NOT NULL,
    created_at INTEGER NOT NULL
  ) STRICT`,
];

/** The board registry in the server's SQLite file, beside the rooms' logs. */
export class SqliteBoardStore implements BoardStore {
  private readonly insertRow: Database.Statement<[string, string, string, number]>;
  private readonly select: Database.Statement<[string], BoardRecord>;
  private readonly selectIds: Database.Statement<[], { id: string }>;
  private readonly updateTitleAndTask: Database.Statement<[string, string, string]>;

  constructor(db: Database.Database) {
    migrateSqlite(db, 'boards', STEPS);
    this.insertRow = db.prepare('INSERT INTO boards (id, title, task, created_at) VALUES (?, ?, ?, ?)');
    this.select = db.prepare('SELECT id, title, task, created_at AS createdAt FROM boards WHERE id = ?');
    this.selectIds = db.prepare('SELECT id FROM boards ORDER BY created_at DESC');
    this.updateTitleAndTask = db.prepare('UPDATE boards SET title = ?, task = ? WHERE id = ?');
  }

  async insert(board: BoardRecord): Promise<void> {
    this.insertRow.run(board.id, board.title, board.task, board.createdAt);
  }

  async get(id: string): Promise<BoardRecord | undefined> {
    return this.select.get(id);
  }

  async ids(): Promise<string[]> {
    return this.selectIds.all().map((row) => row.id);
  }

  async retitle(id: string, meta: { title: string; task: string }): Promise<void> {
    this.updateTitleAndTask.run(meta.title, meta.task, id);
  }
}
