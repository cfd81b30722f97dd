// How Kompas runs as shipped: the server built into plain JavaScript, started by Node alone, with no
// TypeScript compiler loaded. `npm start` uses it; so do tests and benchmarks that mean the real thing.
import { join } from 'node:path';
import { buildServerWhenStale, root } from './toolchain.mjs';

export { buildServerWhenStale };

/** The built server; `node scripts/setup.mjs` or `buildServerWhenStale()` makes it. */
export const SERVER_ENTRY = join(root, 'apps/server/dist/main.js');

/**
 * The command line that starts the built server, `[node, ...flags, entry, ...args]`, e.g.
 * `serverCommand(['--port', '0'])`. Stack traces name the TypeScript sources, through the source map.
 */
export function serverCommand(args = []) {
  return [process.execPath, '--enable-source-maps', SERVER_ENTRY, ...args];
}
