/** The server's JSON API, as the web app uses it. */

export type Role = 'facilitator' | 'participant' | 'observer';

export interface BoardInfo {
  id: string;
  title: string;
  task: string;
  createdAt: number;
  role: Role;
  /** Who the token stands for, when it is a person token (see person.ts). */
  person?: BoardPerson;
}

/** Someone who joined a board: the id the server issued, and the name it knows them by. */
export interface BoardPerson {
  id: string;
  name: string;
  role: Role;
}

/** What joining (or renaming) answers: the person and their person token, which opens the board's rooms. */
export interface JoinedPerson {
  person: BoardPerson;
  token: string;
}

export interface InviteLinks {
  facilitator: string;
  participant: string;
  observer: string;
}

export interface CreatedBoard {
  id: string;
  links: InviteLinks;
}

/** A refused or failed request; `status` 0 means the server could not be reached at all. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get unreachable(): boolean {
    return this.status === 0;
  }
}

const ROLES: readonly Role[] = ['facilitator', 'participant', 'observer'];

export function isRole(value: unknown): value is Role {
  return ROLES.includes(value as Role);
}

export function parseBoardInfo(body: unknown): BoardInfo {
  const value = body as Partial<Record<keyof BoardInfo, unknown>> | null;
  if (
    typeof value?.id !== 'string' ||
    typeof value.title !== 'string' ||
    typeof value.task !== 'string' ||
    !isRole(value.role)
  ) {
    throw new ApiError(500, 'The server sent an unexpected answer.');
  }
  const createdAt = typeof value.createdAt === 'number' ? value.createdAt : 0;
  const info: BoardInfo = { id: value.id, title: value.title, task: value.task, createdAt, role: value.role };
  const person = parseBoardPerson(value.person);
  return person ? { ...info, person } : info;
}

function parseBoardPerson(value: unknown): BoardPerson | undefined {
  const { id, name, role } = (value ?? {}) as Record<string, unknown>;
  return typeof id === 'string' && typeof name === 'string' && isRole(role) ? { id, name, role } : undefined;
}

export function parseJoinedPerson(body: unknown): JoinedPerson {
  const { person, token } = (body ?? {}) as Record<string, unknown>;
  const parsed = parseBoardPerson(person);
  if (!parsed || typeof token !== 'string') throw new ApiError(500, 'The server sent an unexpected answer.');
  return { person: parsed, token };
}

export function parseCreatedBoard(body: unknown): CreatedBoard {
  const value = body as { id?: unknown; links?: Partial<Record<Role, unknown>> } | null;
  const links = value?.links;
  if (typeof value?.id !== 'string' || !links || !ROLES.every((role) => typeof links[role] === 'string')) {
    throw new ApiError(500, 'The server sent an unexpected answer.');
  }
  return { id: value.id, links: links as InviteLinks };
}

async function requestJson(url: string, init: RequestInit): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers: { Accept: 'application/json', ...init.headers } });
  } catch {
    throw new ApiError(0, 'The Kompas server cannot be reached. Check your connection and try again.');
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (body as { error?: unknown } | null)?.error;
    throw new ApiError(response.status, typeof error === 'string' ? error : `HTTP ${response.status}`);
  }
  return body;
}

export async function createBoard(input: { title: string; task: string }): Promise<CreatedBoard> {
  const body = await requestJson('/api/boards', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  return parseCreatedBoard(body);
}

export async function fetchBoardInfo(boardId: string, token: string): Promise<BoardInfo> {
  const body = await requestJson(`/api/boards/${encodeURIComponent(boardId)}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  return parseBoardInfo(body);
}

/** Joins a board with an invite link's token, as a new person called `name`. */
export async function joinBoard(boardId: string, inviteToken: string, name: string): Promise<JoinedPerson> {
  const body = await requestJson(`/api/boards/${encodeURIComponent(boardId)}/people`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${inviteToken}` },
    body: JSON.stringify({ name }),
  });
  return parseJoinedPerson(body);
}
