import type Database from 'better-sqlite3';
import type { PeopleStore, Person } from './people.ts';
import { migrateSqlite } from './sqlite-migrations.ts';

/** The people table's versions; the first is the table as it was before versions were kept. */
const STEPS = [
  `CREATE TABLE IF NOT EXISTS people (
    board_id TEXT NOT NULL,
    id TEXT NOT NULL,
    role TEXT NOT NULL,
    name TEXT NOT NULL,
    joined_at INTEGER NOT NULL,
    PRIMARY KEY (board_id, id)
  ) STRICT`,
];

const COLUMNS = 'id, board_id AS boardId, role, name, joined_at AS joinedAt';

/** The people of each board in the server's SQLite file, beside the rooms' logs. */
export class SqlitePeopleStore implements PeopleStore {
  private readonly insertUnlessFull: Database.Statement<[Person & { max: number }]>;
  private readonly updateName: Database.Statement<[string, string, string], Person>;
  private readonly select: Database.Statement<[string, string], Person>;
  private readonly selectBoard: Database.Statement<[string], Person>;

  constructor(db: Database.Database) {
    migrateSqlite(db, 'people', STEPS);
    // One statement counts and inserts, so nothing can join in between.
    this.insertUnlessFull = db.prepare(
      `INSERT INTO people (board_id, id, role, name, joined_at)
       SELECT @boardId, @id, @role, @name, @joinedAt
       WHERE (SELECT count(*) FROM people WHERE board_id = @boardId) < @max`,
    );
    this.updateName = db.prepare(
      `UPDATE people SET name = ? WHERE board_id = ? AND id = ? RETURNING ${COLUMNS}`,
    );
    this.select = db.prepare(`SELECT ${COLUMNS} FROM people WHERE board_id = ? AND id = ?`);
    this.selectBoard = db.prepare(`SELECT ${COLUMNS} FROM people WHERE board_id = ? ORDER BY joined_at`);
  }

  async insert(person: Person, max: number): Promise<boolean> {
    return this.insertUnlessFull.run({ ...person, max }).changes === 1;
  }

  async find(boardId: string, id: string): Promise<Person | undefined> {
    return this.select.get(boardId, id);
  }

  async list(boardId: string): Promise<Person[]> {
    return this.selectBoard.all(boardId);
  }

  async rename(boardId: string, id: string, name: string): Promise<Person | undefined> {
    return this.updateName.get(name, boardId, id);
  }
}
