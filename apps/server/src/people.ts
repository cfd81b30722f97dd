import { randomBytes } from 'node:crypto';
import { normaliseAuthorName } from '@kompas/model';
import type { BoardPerson, Role } from '@kompas/protocol';

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
 * Where the people of each board are kept: a table in the server's SQLite file (SqlitePeopleStore) or in
 * PostgreSQL, shared by every server of a cluster (PgPeopleStore).
 */
export interface PeopleStore {
  /**
   * Adds `person` unless their board has `max` people already, counted in the same transaction as the
   * insert, so servers joining people at once cannot pass it together. Resolves false when the board is full.
   */
  insert(person: Person, max: number): Promise<boolean>;
  find(boardId: string, id: string): Promise<Person | undefined>;
  /** Everyone who joined the board, in the order they joined. */
  list(boardId: string): Promise<Person[]>;
  /** Gives a person another name; undefined for nobody. */
  rename(boardId: string, id: string, name: string): Promise<Person | undefined>;
}

/**
 * The people of each board. There are no accounts: joining with an invite link makes a person, whose id the
 * server issues and signs into a person token the browser keeps, so the same browser is the same person next
 * time. Authorship is checked against this id on every write, and names are read from here, never from what a
 * client claims.
 *
 * The write rules and the presence check ask for a person's name and role on every write, synchronously, so
 * they are served from memory: each board's people as this server last read them from the store. A person is
 * read again (`load`) whenever they open a room or call the API with their person token, before anything asks
 * for them, so someone who joined through another server of a cluster is known here by then. A rename made
 * through another server is seen here from that person's next connection or API call here: until then the
 * connections they have open here keep the old name, and a note they write there under the new one is refused
 * (4422). The store stays the truth across restarts and servers.
 */
export class People {
  private readonly boards = new Map<string, Map<string, Person>>();

  constructor(
    private readonly store: PeopleStore,
    private readonly maxPerBoard = MAX_PEOPLE_PER_BOARD,
  ) {}

  /**
   * A new person of `boardId` in `role`, named `name` (checked and cleaned by the model; throws ModelError).
   * Rejects with PeopleLimitError past the board's most people.
   */
  async join(boardId: string, role: Role, name: unknown, now = Date.now()): Promise<Person> {
    const person: Person = {
      id: randomBytes(16).toString('base64url'),
      boardId,
      role,
      name: normaliseAuthorName(name),
      joinedAt: now,
    };
    if (!(await this.store.insert(person, this.maxPerBoard))) {
      throw new PeopleLimitError(`this board already has ${this.maxPerBoard} people`);
    }
    this.remember(person);
    return person;
  }

  /** Reads one person afresh from the store into memory; undefined for nobody. */
  async load(boardId: string, id: string): Promise<Person | undefined> {
    const person = await this.store.find(boardId, id);
    if (person) this.remember(person);
    else this.boards.get(boardId)?.delete(id);
    return person;
  }

  /** Reads everyone of the board afresh from the store into memory, for `list`. */
  async loadBoard(boardId: string): Promise<Person[]> {
    const everyone = await this.store.list(boardId);
    this.boards.set(boardId, new Map(everyone.map((person) => [person.id, person])));
    return everyone;
  }

  /** The person as last read or written here (see `load`). */
  get(boardId: string, id: string): Person | undefined {
    return this.boards.get(boardId)?.get(id);
  }

  /** Everyone of the board known here, in the order they joined: all of them after `loadBoard`. */
  list(boardId: string): Person[] {
    const known = [...(this.boards.get(boardId)?.values() ?? [])];
    return known.sort((a, b) => a.joinedAt - b.joinedAt);
  }

  /** Gives a person another name (checked by the model; throws ModelError); undefined for nobody. */
  async rename(boardId: string, id: string, name: unknown): Promise<Person | undefined> {
    const renamed = await this.store.rename(boardId, id, normaliseAuthorName(name));
    if (renamed) this.remember(renamed);
    return renamed;
  }

  private remember(person: Person): void {
    let board = this.boards.get(person.boardId);
    if (!board) {
      board = new Map();
      this.boards.set(person.boardId, board);
    }
    board.set(person.id, person);
  }
}
