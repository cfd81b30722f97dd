import {
  type BoardInfo,
  type BoardInvites,
  type CreatedBoard,
  errorMessage,
  type JoinedPerson,
  parseBoardInfo,
  parseBoardInvites,
  parseCreatedBoard,
  parseJoinedPerson,
  ShapeError,
} from '@kompas/protocol';
import { msg } from '@lit/localize';

/** The server's JSON API, as the web app uses it; every answer is checked by its reader in @kompas/protocol. */

/** A refused or failed request; `status` 0 means the server could not be reached at all. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'ApiError';
  }

  get unreachable(): boolean {
    return this.status === 0;
  }
}

/**
 * Fetches `url` and reads its JSON answer with `parse`. Throws ApiError: status 0 when the server cannot be
 * reached, the server's status and message when it refuses, 500 when the answer does not have its shape (the
 * ShapeError, which says where, is the cause).
 */
export async function requestJson<T>(
  url: string,
  init: RequestInit,
  parse: (json: unknown) => T,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers: { Accept: 'application/json', ...init.headers } });
  } catch {
    throw new ApiError(0, msg('The Kompas server cannot be reached. Check your connection and try again.'));
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, errorMessage(body) ?? `HTTP ${response.status}`);
  try {
    return parse(body);
  } catch (error) {
    if (error instanceof ShapeError) {
      throw new ApiError(500, msg('The server sent an unexpected answer.'), { cause: error });
    }
    throw error;
  }
}

export function createBoard(input: { title: string; task: string }): Promise<CreatedBoard> {
  return requestJson(
    '/api/boards',
    { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input) },
    parseCreatedBoard,
  );
}

export function fetchBoardInfo(boardId: string, token: string): Promise<BoardInfo> {
  return requestJson(
    `/api/boards/${encodeURIComponent(boardId)}`,
    { headers: { Authorization: `Bearer ${token}` } },
    parseBoardInfo,
  );
}

/** Joins a board with an invite link's token, as a new person called `name`. */
export function joinBoard(boardId: string, inviteToken: string, name: string): Promise<JoinedPerson> {
  return requestJson(
    `/api/boards/${encodeURIComponent(boardId)}/people`,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${inviteToken}` },
      body: JSON.stringify({ name }),
    },
    parseJoinedPerson,
  );
}

/** The invite links this person (a person token) may hand out; observers are refused (403). */
export function fetchInvites(boardId: string, personToken: string): Promise<BoardInvites> {
  return requestJson(
    `/api/boards/${encodeURIComponent(boardId)}/invites`,
    { headers: { Authorization: `Bearer ${personToken}` } },
    parseBoardInvites,
  );
}
