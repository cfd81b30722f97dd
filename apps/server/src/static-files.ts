import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, relative, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/** Vite writes content-hashed file names into assets/, so a URL there never changes meaning. */
const HASHED_ASSETS_PREFIX = '/assets/';
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else (index.html above all) is revalidated, so a new deploy is picked up at once. */
const REVALIDATE = 'no-cache';

interface FoundFile {
  path: string;
  size: number;
  mtimeMs: number;
}

async function findFile(path: string): Promise<FoundFile | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() ? { path, size: info.size, mtimeMs: info.mtimeMs } : undefined;
  } catch {
    return undefined;
  }
}

/** The file a URL path names inside webDir, or undefined when the path is malformed or escapes webDir. */
function resolveInside(webDir: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const path = join(webDir, decoded);
  const rel = relative(webDir, path);
  return rel.startsWith(`..${sep}`) || rel === '..' ? undefined : path;
}

/**
 * Serves the built web app. Paths without a file extension are app routes (`/`, `/b/<id>`) and get
 * index.html; a missing file with an extension is a real 404, so a stale script URL never receives HTML.
 * Answers GET and HEAD only; the caller has checked the method.
 */
export async function serveStatic(
  webDir: string,
  urlPath: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const requested = resolveInside(webDir, urlPath);
  let file = requested === undefined ? undefined : await findFile(requested);
  let cacheControl = urlPath.startsWith(HASHED_ASSETS_PREFIX) ? IMMUTABLE : REVALIDATE;
  if (!file && requested !== undefined && extname(urlPath) === '') {
    file = await findFile(join(webDir, 'index.html'));
    cacheControl = REVALIDATE;
  }
  if (!file) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': REVALIDATE });
    res.end('Not found\n');
    return;
  }

  const etag = `W/"${file.size.toString(16)}-${Math.floor(file.mtimeMs).toString(16)}"`;
  const headers = {
    'Content-Type': CONTENT_TYPES[extname(file.path).toLowerCase()] ?? 'application/octet-stream',
    'Cache-Control': cacheControl,
    ETag: etag,
  };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Length': file.size });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file.path);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
