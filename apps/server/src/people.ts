import { randomBytes } from 'node:crypto';
import { normaliseAuthorName } from '@kompas/model';
import type { BoardPerson, Role } from '@kompas/protocol';
import type Database from 'better-sqlite3';

/** Someone who joined a board with one of its invite links. */
export interface Person {
  id: string;
  boardId: string;
  role: Role;
  /** The display name, as the model allows it; what the board shows on their notes and cursor. */
  name: string;
  /** Milliseconds since the epoch. */
  joinedAt: number;
}

/** What the API tells of a person: who they are on the board, not where or when they joined. */
export function personView({ id, name, role }: Person): BoardPerson {
  return { id, name, role };
}

/** More people than this on one board is not a workshop but someone filling the database. */
export const MAX_PEOPLE_PER_BOARD = 1000;

export class PeopleLimitError extends Error {
  override name = 'PeopleLimitError';
}

/**
 * The people of each board. There are no accounts: joining with an invite link makes a person, whose id the
 * server issues and signs into a person token the browser keeps, so the same browser is the same person next
 * time. Authorship is checked against this id on every write, and names are read from here, never from what a
 * client claims. Lookups are served from memory; the table is the truth across restarts.
 */
export class People {
  private readonly insert: Database.Statement<[string, string, string, string, number]>;
  private readonly updateName: Database.Statement<[string, string, string]>;
  private readonly select: Database.Statement<[string, string], Person>;
  private readonly count: Database.Statement<[string], { n: number }>;
  private readonly selectBoard: Database.Statement<[string], Person>;
  private readonly cache = new Map<string, Person>();

  constructor(db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS people (
      board_id TEXT NOT NULL,
      id TEXT NOT NULL,
      role TEXT NOT NULL,
      name TEXT NOT NULL,
      joined_at INTEGER NOT NULL,
      PRIMARY KEY (board_id, id)
    ) STRICT`);
    this.insert = db.prepare(
      'INSERT INTO people (board_id, id, role, name, joined_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.updateName = db.prepare('UPDATE people SET name = ? WHERE board_id = ? AND id = ?');
    this.select = db.prepare(
      'SELECT id, board_id AS boardId, role, name, joined_at AS joinedAt FROM people WHERE board_id = ? AND id = ?',
    );
    this.count = db.prepare('SELECT count(*) AS n FROM people WHERE board_id = ?');
    this.selectBoard = db.prepare(
      'SELECT id, board_id AS boardId, role, name, joined_at AS joinedAt FROM people WHERE board_id = ? ORDER BY joined_at',
    );
  }

  /**
   * A new person of `boardId` in `role`, named `name` (checked and cleaned by the model; throws ModelError).
   * Throws PeopleLimitError past MAX_PEOPLE_PER_BOARD.
   */
  join(boardId: string, role: Role, name: unknown, now = Date.now()): Person {
    const person: Person = {
      id: randomBytes(16).toString('base64url'),
      boardId,
      role,
      name: normaliseAuthorName(name),
      joinedAt: now,
    };
    if ((this.count.get(boardId)?.n ?? 0) >= MAX_PEOPLE_PER_BOARD) {
      throw new PeopleLimitError(`this board already has ${MAX_PEOPLE_PER_BOARD} people`);
    }
    this.insert.run(boardId, person.id, role, person.name, now);
    this.cache.set(cacheKey(boardId, person.id), person);
    return person;
  }

  get(boardId: string, id: string): Person | undefined {
    const key = cacheKey(boardId, id);
    const cached = this.cache.get(key);
    if (cached) return cached;
    const row = this.select.get(boardId, id);
    if (row) this.cache.set(key, row);
    return row;
  }

  /** Everyone who joined the board, in the order they joined. */
  list(boardId: string): Person[] {
    return this.selectBoard.all(boardId);
  }

  /** Gives a person another name (checked by the model; throws ModelError); undefined for nobody. */
  rename(boardId: string, id: string, name: unknown): Person | undefined {
    const person = this.get(boardId, id);
    if (!person) return undefined;
    const renamed = { ...person, name: normaliseAuthorName(name) };
    this.updateName.run(renamed.name, boardId, id);
    this.cache.set(cacheKey(boardId, id), renamed);
    return renamed;
  }
}

function cacheKey(boardId: string, id: string): string {
  return `${boardId}/${id}`;
}
