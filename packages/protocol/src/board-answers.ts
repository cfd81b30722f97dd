import { ROLES, type Role } from '@kompas/model';
import { readFields, readNumber, readOneOf, readString } from './shape.ts';

/**
 * The JSON the server answers about boards and people (`/api/boards`, `/api/boards/<id>`,
 * `/api/boards/<id>/people`), with the readers the browser checks each answer with.
 */

/** Someone who joined a board: the id the server issued, and the name it knows them by. */
export interface BoardPerson {
  id: string;
  name: string;
  role: Role;
}

/** `GET /api/boards/<id>`: the board, and what the token grants on it. */
export interface BoardInfo {
  id: string;
  title: string;
  task: string;
  createdAt: number;
  role: Role;
  /** Who the token stands for, when it is a person token. */
  person?: BoardPerson;
}

/** `POST /api/boards/<id>/people` (join) and `PATCH …/people/me` (rename): the person and their person token. */
export interface JoinedPerson {
  person: BoardPerson;
  /** Opens the board's rooms, which an invite link's token alone does not. */
  token: string;
}

/** One invite link (or its token) per role. */
export type InviteLinks = Record<Role, string>;

/** `POST /api/boards`: the new board, its invite links, and the tokens inside them. */
export interface CreatedBoard {
  id: string;
  links: InviteLinks;
  tokens: InviteLinks;
}

/**
 * `GET /api/boards/<id>/invites`: the invite links the asking person may hand out. A facilitator gets all
 * three (the facilitator link for a co-facilitator), a participant the participant link; observers invite nobody.
 */
export interface BoardInvites {
  links: Partial<InviteLinks> & Pick<InviteLinks, 'participant'>;
}

/** What the server answers with a refusal (any status but 2xx). */
export interface ErrorAnswer {
  error: string;
}

const readRole = readOneOf(ROLES);

const readBoardPerson = readFields<BoardPerson>({ id: readString, name: readString, role: readRole });

const readInviteLinks = readFields<InviteLinks>({
  facilitator: readString,
  participant: readString,
  observer: readString,
});

export function parseBoardInfo(json: unknown): BoardInfo {
  return readFields<BoardInfo>(
    {
      id: readString,
      title: readString,
      task: readString,
      createdAt: readNumber,
      role: readRole,
      person: readBoardPerson,
    },
    ['person'],
  )(json, 'board');
}

export function parseJoinedPerson(json: unknown): JoinedPerson {
  return readFields<JoinedPerson>({ person: readBoardPerson, token: readString })(json, 'joined');
}

export function parseCreatedBoard(json: unknown): CreatedBoard {
  return readFields<CreatedBoard>({ id: readString, links: readInviteLinks, tokens: readInviteLinks })(
    json,
    'created board',
  );
}

export function parseBoardInvites(json: unknown): BoardInvites {
  return readFields<BoardInvites>({
    links: readFields<BoardInvites['links']>(
      { facilitator: readString, participant: readString, observer: readString },
      ['facilitator', 'observer'],
    ),
  })(json, 'invites');
}

/** The message of a refusal's answer, or undefined when the answer is not one (a proxy's page, say). */
export function errorMessage(json: unknown): string | undefined {
  const error = (json as Partial<ErrorAnswer> | null)?.error;
  return typeof error === 'string' ? error : undefined;
}
