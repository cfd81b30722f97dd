/** Path and query of a request target; the query may hold a token, so only the path may be logged. */
export function splitTarget(target: string | undefined): { path: string; query: URLSearchParams } {
  const url = target ?? '/';
  const mark = url.indexOf('?');
  return mark === -1
    ? { path: url, query: new URLSearchParams() }
    : { path: url.slice(0, mark), query: new URLSearchParams(url.slice(mark + 1)) };
}
