/** The server's JSON API, as the web app uses it. */

export type Role = 'facilitator' | 'participant' | 'observer';

export interface BoardInfo {
  id: string;
  title: string;
  task: string;
  createdAt: number;
  role: Role;
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
  return { id: value.id, title: value.title, task: value.task, createdAt, role: value.role };
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
