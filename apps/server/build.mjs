// Builds the server into one plain JavaScript file, so production runs `node dist/main.js` with no
// TypeScript compiler in memory and nothing to transpile at start.
//
//   node apps/server/build.mjs [outfile]     (default apps/server/dist/main.js)
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Our workspace packages (@kompas/*) export TypeScript sources, so they are bundled in. Every other package
 * stays an import resolved from node_modules at run time: better-sqlite3 has a native part, and Yjs must
 * be one module in the process (two copies would not recognise each other's types).
 */
const dependenciesStayExternal = {
  name: 'dependencies-stay-external',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^[^./]/ }, ({ path }) =>
      path.startsWith('@kompas/') ? undefined : { path, external: true },
    );
  },
};

// The bundle must sit under apps/server, where its imports resolve; the default web folder is found from the
// bundle's place as from src/main.ts, so dist/ is at the same depth.
await build({
  entryPoints: [resolve(here, 'src/main.ts')],
  outfile: resolve(process.argv[2] ?? resolve(here, 'dist/main.js')),
  // The comments naming each module's file are then the same whoever runs the build, from wherever.
  absWorkingDir: resolve(here, '../..'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  // The map names the files under apps/server, packages and so on; their text is in the repository.
  sourcesContent: false,
  plugins: [dependenciesStayExternal],
  logLevel: 'warning',
});
