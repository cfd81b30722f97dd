/// <reference types="vite/client" />

/**
 * Whether this is a test or benchmark build (`vite build --mode test`, or Vitest): only those install the
 * `window.kompas` and `window.kompasTimer` hooks. A production build replaces this with `false`, and the
 * bundler drops the hooks' code with it.
 */
export const TEST_BUILD: boolean = import.meta.env.MODE === 'test';
