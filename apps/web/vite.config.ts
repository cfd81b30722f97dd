import { defineConfig } from 'vite';

// The API and the relay live in apps/server; in development Vite serves the app and forwards the rest.
const server = 'http://127.0.0.1:8080';

export default defineConfig({
  root: import.meta.dirname,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 800,
    rollupOptions: {
      // The service worker is built beside the page, at a fixed address: it controls what lies below it.
      input: {
        index: `${import.meta.dirname}/index.html`,
        sw: `${import.meta.dirname}/src/app/service-worker.ts`,
      },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js'),
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
