import { ModelError } from '@kompas/model';
import type { ErrorAnswer, JoinedPerson } from '@kompas/protocol';
import type { Granted } from './access.ts';
import type { BoardRecord } from './boards.ts';
import { type People, PeopleLimitError, type Person, personView } from './people.ts';
import { signToken } from './tokens.ts';

/** `/api/boards/<id>/people` (join) and `/api/boards/<id>/people/me` (rename). */
export const PEOPLE_PATH = /^\/api\/boards\/([^/]+)\/people(\/me)?$/;

export interface PersonAnswer {
  status: number;
  body: JoinedPerson | ErrorAnswer;
}

/**
 * Joining: an invite link's token and a name make a new person of the board, answered with their person token
 * (valid as long as the invite). Joining again with a person token answers that same person.
 */
export async function joinBoard(
  secret: string,
  people: People,
  access: Granted<BoardRecord>,
  body: unknown,
): Promise<PersonAnswer> {
  if (access.person !== undefined) {
    const known = await people.load(access.board.id, access.person);
    if (!known) return { status: 403, body: { error: 'unknown person' } };
    return { status: 200, body: answer(secret, known, access.expiresAt) };
  }
  return withName(body, async (name) => {
    const person = await people.join(access.board.id, access.role, name);
    return { status: 201, body: answer(secret, person, access.expiresAt) };
  });
}

/** Renaming: the person of a person token takes another name; the board shows it from then on. */
export async function renamePerson(
  secret: string,
  people: People,
  access: Granted<BoardRecord>,
  body: unknown,
): Promise<PersonAnswer> {
  if (access.person === undefined) return { status: 401, body: { error: 'join the board first' } };
  return withName(body, async (name) => {
    const person = await people.rename(access.board.id, access.person ?? '', name);
    if (!person) return { status: 403, body: { error: 'unknown person' } };
    return { status: 200, body: answer(secret, person, access.expiresAt) };
  });
}

async function withName(body: unknown, act: (name: unknown) => Promise<PersonAnswer>): Promise<PersonAnswer> {
  const name = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).name : undefined;
  try {
    return await act(name);
  } catch (error) {
    if (error instanceof ModelError) return { status: 400, body: { error: error.message } };
    if (error instanceof PeopleLimitError) return { status: 429, body: { error: error.message } };
    throw error;
  }
}

function answer(secret: string, person: Person, expiresAt: number): JoinedPerson {
  const token = signToken(secret, {
    boardId: person.boardId,
    role: person.role,
    expiresAt,
    person: person.id,
  });
  return { person: personView(person), token };
}
