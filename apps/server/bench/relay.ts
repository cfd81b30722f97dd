/**
 * `pnpm bench:relay`: how fast updates become durable (the relay's storage benchmark); with `--compare`, the
 * Kompas server against the reference Yjs servers (compare/compare.ts).
 */
if (process.argv.includes('--compare')) await import('./compare/compare.ts');
else await import('../../../packages/relay/bench/append-throughput.ts');

export {};
