import type { Role } from '@kompas/protocol';
import { migratePg } from '@kompas/relay';
import type pg from 'pg';
import type { PeopleStore, Person } from './people.ts';

const STEPS = [
  `CREATE TABLE people (
    board_id TEXT NOT NULL,
    id TEXT NOT NULL,
    role TEXT NOT NULL,
    name TEXT NOT NULL,
    joined_at BIGINT NOT NULL,
    PRIMARY KEY (board_id, id)
  )`,
];

const COLUMNS = 'id, board_id, role, name, joined_at';

interface PersonRow {
  id: string;
  board_id: string;
  role: Role;
  name: string;
  /** BIGINT, which pg hands over as a string. */
  joined_at: string;
}

function personOf(row: PersonRow): Person {
  return {
    id: row.id,
    boardId: row.board_id,
    role: row.role,
    name: row.name,
    joinedAt: Number(row.joined_at),
  };
}

/** The people of each board in PostgreSQL: a person who joined through one server is known to all. */
export class PgPeopleStore implements PeopleStore {
  private constructor(private readonly pool: pg.Pool) {}

  /** The store, once the database's people schema is up to date. */
  static async open(pool: pg.Pool): Promise<PgPeopleStore> {
    await migratePg(pool, 'people', STEPS);
    return new PgPeopleStore(pool);
  }

  async insert(person: Person, max: number): Promise<boolean> {
    const client = await this.pool.connect();
    let failure: unknown;
    try {
      await client.query('BEGIN');
      // Joins to one board take turns, so the count below sees every person another server just added:
      // counting alone would let two servers each add the last place.
      await client.query("SELECT pg_advisory_xact_lock(hashtext('kompas_people'), hashtext($1))", [
        person.boardId,
      ]);
      const { rowCount } = await client.query(
        `INSERT INTO people (board_id, id, role, name, joined_at)
         SELECT $1, $2, $3, $4, $5
         WHERE (SELECT count(*) FROM people WHERE board_id = $1) < $6`,
        [person.boardId, person.id, person.role, person.name, person.joinedAt, max],
      );
      await client.query('COMMIT');
      return rowCount === 1;
    } catch (error) {
      failure = error;
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      // A connection that failed mid-transaction is not handed out again.
      client.release(failure instanceof Error ? failure : undefined);
    }
  }

  async find(boardId: string, id: string): Promise<Person | undefined> {
    const { rows } = await this.pool.query<PersonRow>(
      `SELECT ${COLUMNS} FROM people WHERE board_id = $1 AND id = $2`,
      [boardId, id],
    );
    return rows[0] && personOf(rows[0]);
  }

  async list(boardId: string): Promise<Person[]> {
    const { rows } = await this.pool.query<PersonRow>(
      `SELECT ${COLUMNS} FROM people WHERE board_id = $1 ORDER BY joined_at, id`,
      [boardId],
    );
    return rows.map(personOf);
  }

  async rename(boardId: string, id: string, name: string): Promise<Person | undefined> {
    const { rows } = await this.pool.query<PersonRow>(
      `UPDATE people SET name = $1 WHERE board_id = $2 AND id = $3 RETURNING ${COLUMNS}`,
      [name, boardId, id],
    );
    return rows[0] && personOf(rows[0]);
  }
}
