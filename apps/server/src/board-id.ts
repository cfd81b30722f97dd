import { randomBytes } from 'node:crypto';

/** 128 random bits, base64url: unguessable, and safe in paths, room names and fragments. */
export function newBoardId(): string {
  return randomBytes(16).toString('base64url');
}

export const BOARD_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;
