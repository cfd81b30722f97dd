import { type BoardInfo, type JoinedPerson, parseJoinedPerson, ROLES } from '@kompas/protocol';

/**
 * Who this browser is on a board. An invite link names a role; joining with it makes a person, whose id the
 * server issues and signs into a person token. The token is kept on the device per board and role, so this
 * browser is the same person every time it opens the board with that link, and its notes and votes stay its
 * own. It opens the board's rooms, which an invite link alone does not.
 */
function key(boardId: string, role: string): string {
  return `kompas:person:${boardId}:${role}`;
}

export function rememberPerson(
  boardId: string,
  joined: JoinedPerson,
  storage: Pick<Storage, 'setItem'> = localStorage,
): void {
  try {
    storage.setItem(key(boardId, joined.person.role), JSON.stringify(joined));
  } catch {
    // Without storage this browser joins again next time, as someone new; the board still works.
  }
}

export function recallPerson(
  boardId: string,
  role: string,
  storage: Pick<Storage, 'getItem'> = localStorage,
): JoinedPerson | undefined {
  try {
    const kept = parseJoinedPerson(JSON.parse(storage.getItem(key(boardId, role)) ?? 'null'));
    return kept.person.role === role ? kept : undefined;
  } catch {
    // Nothing kept, or something else: this browser joins anew.
    return undefined;
  }
}

/**
 * The person token of someone this browser joined the board as, the facilitator first: what opens the board's
 * bare address (`/b/<id>`, `/b/<id>/replay`) again on this device. Null on a device that never joined it.
 */
export function keptPersonToken(
  boardId: string,
  storage: Pick<Storage, 'getItem'> = localStorage,
): string | null {
  for (const role of ROLES) {
    const kept = recallPerson(boardId, role, storage);
    if (kept) return kept.token;
  }
  return null;
}

export interface PersonLookup {
  boardId: string;
  /** The token the page was opened with: an invite link's, or a person token. */
  linkToken: string;
  info: BoardInfo;
  /** The name this browser goes by, '' before the person has given one. */
  name: string;
  join: (boardId: string, inviteToken: string, name: string) => Promise<JoinedPerson>;
  storage?: Pick<Storage, 'getItem' | 'setItem'>;
}

/**
 * The person this browser is on the board: the one its link stands for, the one kept on this device for the
 * link's role, or, with a name, a new one joined now. Null while a name is still needed. Joining throws the
 * API's errors (unreachable, refused).
 */
export async function resolvePerson(lookup: PersonLookup): Promise<JoinedPerson | null> {
  const { boardId, linkToken, info, name, join, storage = localStorage } = lookup;
  if (info.person) return { person: info.person, token: linkToken };
  const kept = recallPerson(boardId, info.role, storage);
  if (kept) return kept;
  if (!name) return null;
  const joined = await join(boardId, linkToken, name);
  rememberPerson(boardId, joined, storage);
  return joined;
}
