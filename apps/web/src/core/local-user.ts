import { randomId } from './ids.ts';
import { PERSON_COLORS } from './person-colors.ts';

/** Who this browser is on every board: a stable id, a display name and a colour. */
export interface LocalUser {
  id: string;
  name: string;
  color: string;
}

export const NAME_MAX_LENGTH = 40;
const STORAGE_KEY = 'kompas:user';

/** A colour from the palette, the same for an id every time. */
export function colorForId(id: string): string {
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) >>> 0;
  return PERSON_COLORS[hash % PERSON_COLORS.length] ?? PERSON_COLORS[0];
}

/**
 * A display name as typed: trimmed, whitespace collapsed, bounded; '' when nothing is left. Cut by characters,
 * never inside one: the server refuses presence whose name holds half a character (a lone surrogate).
 */
export function cleanName(input: string): string {
  const collapsed = input
    .replace(/[\p{Cc}\p{Cf}\p{Cs}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return Array.from(collapsed).slice(0, NAME_MAX_LENGTH).join('').trim();
}

/** The stored identity, with an id and colour made on first use; `name` is '' until the person gives one. */
export function loadLocalUser(storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage): LocalUser {
  let stored: Partial<LocalUser> = {};
  try {
    stored = JSON.parse(storage.getItem(STORAGE_KEY) ?? '{}') ?? {};
  } catch {
    // A damaged entry is replaced below.
  }
  const id = typeof stored.id === 'string' && stored.id ? stored.id : randomId();
  const user: LocalUser = {
    id,
    name: typeof stored.name === 'string' ? cleanName(stored.name) : '',
    color:
      typeof stored.color === 'string' && /^#[0-9a-f]{6}$/i.test(stored.color)
        ? stored.color
        : colorForId(id),
  };
  saveLocalUser(user, storage);
  return user;
}

export function saveLocalUser(user: LocalUser, storage: Pick<Storage, 'setItem'> = localStorage): void {
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(user));
  } catch {
    // Without storage the name is asked again next time; nothing else depends on it.
  }
}
