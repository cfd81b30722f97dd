import { keptPersonToken } from './person.ts';

/**
 * Invite tokens arrive in the link's fragment (`#token=...`), which never reaches HTTP logs. The app
 * keeps the token in sessionStorage per board and removes it from the address bar, so it cannot be read
 * over a shoulder while a reload in the same tab still works. The bare address left in the address bar opens
 * the board again in any tab of a browser that joined it (with the person kept on the device), and nowhere
 * else: copied by accident into a chat, it hands out no one's access.
 */

/** The token in a URL fragment such as `#token=abc`, or null. */
export function tokenFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const token = params.get('token')?.trim();
  return token ? token : null;
}

/** The fragment without its token (other parameters kept), '' when nothing is left. */
export function hashWithoutToken(hash: string): string {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  params.delete('token');
  const rest = params.toString();
  return rest ? `#${rest}` : '';
}

export function tokenStorageKey(boardId: string): string {
  return `kompas:token:${boardId}`;
}

interface TokenEnvironment {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  replaceUrl: (url: string) => void;
}

/** The board's token: from the fragment (then remembered and hidden) or remembered from earlier. */
export function takeBoardToken(boardId: string, env: TokenEnvironment): string | null {
  const fromLink = tokenFromHash(env.location.hash);
  if (fromLink) {
    try {
      env.storage.setItem(tokenStorageKey(boardId), fromLink);
    } catch {
      // Storage can be full or disabled; the board still opens, only a reload would need the link again.
    }
    env.replaceUrl(`${env.location.pathname}${env.location.search}${hashWithoutToken(env.location.hash)}`);
    return fromLink;
  }
  try {
    return env.storage.getItem(tokenStorageKey(boardId));
  } catch {
    return null;
  }
}

/**
 * takeBoardToken for the page the browser shows (its address, its sessionStorage, its history), or else the
 * person this browser joined the board as.
 */
export function takePageBoardToken(boardId: string): string | null {
  const fromTab = takeBoardToken(boardId, {
    location,
    storage: sessionStorage,
    replaceUrl: (url) => history.replaceState(history.state, '', url),
  });
  return fromTab ?? keptPersonToken(boardId);
}
