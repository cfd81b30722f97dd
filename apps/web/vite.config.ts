import { defineConfig, type Plugin } from 'vite';
import { dutchTextsByPart } from './build/dutch-texts-by-part.ts';

// The API and the relay live in apps/server; in development Vite serves the app and forwards the rest.
const server = 'http://127.0.0.1:8080';

/** The service worker's own modules: it is built as one self-contained script beside the page. */
const SERVICE_WORKER_MODULE = /\/src\/app\/(service-worker|app-shell-assets)\.ts$/;

/** Where service-worker.ts expects the list of built files (app-shell-assets.ts, BUILT_ASSETS). */
const BUILT_ASSETS_MARK = '__KOMPAS_BUILT_ASSETS__';

/**
 * Writes the names of every file this build puts under assets/ into the service worker, which keeps them all
 * on the device when it installs: the chunks loaded on demand too, so they open offline. A new build with other
 * files is a new worker script, which the browser then installs.
 */
function builtAssetsIntoServiceWorker(): Plugin {
  return {
    name: 'kompas-built-assets-into-service-worker',
    apply: 'build',
    enforce: 'post',
    // After Vite's own plugins, which drop the page's empty entry chunk: only files that exist are listed.
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const assets = Object.keys(bundle)
          .filter((file) => file.startsWith('assets/'))
          .map((file) => `/${file}`)
          .sort();
        const worker = Object.values(bundle).find((file) => file.type === 'chunk' && file.name === 'sw');
        if (worker?.type !== 'chunk' || worker.code.split(BUILT_ASSETS_MARK).length !== 2) {
          this.error(`the service worker must contain ${BUILT_ASSETS_MARK} exactly once`);
        }
        worker.code = worker.code.replace(BUILT_ASSETS_MARK, assets.join(' '));
      },
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  plugins: [
    builtAssetsIntoServiceWorker(),
    // The canvas comes with a board's first picture (board/board-page.ts): its texts with the first ones.
    dutchTextsByPart(
      async () => (await import('./src/i18n/generated/nl.ts')).templates,
      [/\/src\/canvas\/board-canvas\.ts$/],
    ),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      // The service worker is built beside the page, at a fixed address: it controls what lies below it.
      input: {
        index: `${import.meta.dirname}/index.html`,
        sw: `${import.meta.dirname}/src/app/service-worker.ts`,
      },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js'),
        // Everything the page imports statically is one file: without this group, each module the page shares
        // with a part loaded on demand becomes a chunk of its own, two dozen small downloads that compress worse.
        codeSplitting: {
          groups: [{ name: 'index', tags: ['$initial'], test: (id) => !SERVICE_WORKER_MODULE.test(id) }],
        },
      },
    },
  },
  resolve: { dedupe: ['yjs', 'lib0'] },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api': server,
      '/healthz': server,
      '/ws': { target: server, ws: true },
    },
  },
  preview: { host: '127.0.0.1' },
});
