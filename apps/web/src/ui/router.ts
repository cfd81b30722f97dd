/** The app's pages, parsed from the URL path. */
export type Route =
  | { page: 'landing' }
  | { page: 'board'; boardId: string }
  | { page: 'replay'; boardId: string }
  | { page: 'not-found' };

const BOARD_PATH = /^\/b\/([A-Za-z0-9_-]{1,64})\/?$/;
const REPLAY_PATH = /^\/b\/([A-Za-z0-9_-]{1,64})\/replay\/?$/;

export function parseRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '' || pathname === '/index.html') return { page: 'landing' };
  const board = BOARD_PATH.exec(pathname);
  if (board?.[1]) return { page: 'board', boardId: board[1] };
  const replay = REPLAY_PATH.exec(pathname);
  if (replay?.[1]) return { page: 'replay', boardId: replay[1] };
  return { page: 'not-found' };
}

export function boardPath(boardId: string): string {
  return `/b/${encodeURIComponent(boardId)}`;
}

/** The replay of a board's session. */
export function replayPath(boardId: string): string {
  return `${boardPath(boardId)}/replay`;
}

/** Fired on window when the app changes the URL itself, so the shell re-reads the route. */
export const ROUTE_CHANGE_EVENT = 'kompas-route-change';

/** Client-side navigation to a same-origin URL (path and fragment), without a page load. */
export function navigate(url: string): void {
  history.pushState(null, '', url);
  window.dispatchEvent(new Event(ROUTE_CHANGE_EVENT));
}

/**
 * For a link's click: a plain click opens the link's address in this tab without a page load; a click meant for
 * a new tab or window (modifier keys, another button) goes the browser's way. Returns whether it navigated.
 */
export function navigateOnPlainClick(event: MouseEvent): boolean {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return false;
  const href = (event.currentTarget as HTMLAnchorElement | null)?.getAttribute('href');
  if (!href) return false;
  event.preventDefault();
  navigate(href);
  return true;
}
