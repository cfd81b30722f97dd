import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * What each package's sources must never import: the sides meet only in the model and in this package.
 * docs/architecture.md shows the same table. Tests and benchmarks are left out: they may start a server.
 */
const NEVER: Record<string, readonly RegExp[]> = {
  'packages/model': [/^@kompas\//, /^(ws|better-sqlite3|lit|konva)(\/|$)/, /^node:/],
  'packages/protocol': [
    /^@kompas\/(relay|client|server|web)/,
    /^(yjs|ws|better-sqlite3|lit|konva)(\/|$)/,
    /^node:/,
  ],
  'packages/client': [/^@kompas\/(relay|server|web)/, /^(ws|better-sqlite3|lit|konva)(\/|$)/, /^node:/],
  'packages/relay': [/^@kompas\/(client|server|web)/, /^(lit|konva)(\/|$)/],
  'apps/server': [/^@kompas\/(client|web)/, /^(lit|konva)(\/|$)/, /\/web\/src\//],
  'apps/web': [/^@kompas\/(relay|server)/, /^(ws|better-sqlite3)(\/|$)/, /^node:/, /\/(server|relay)\/src\//],
};

const root = join(import.meta.dirname, '../../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : sources(path);
    return entry.name.endsWith('.ts') && !/\.(test|fuzz\.test)\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** Files that exist only for tests: they are named so, or only tests import them. */
const TEST_ONLY =
  /(test-support|test-server|simulated-network|adversary-arena|hostile-[a-z]+|crash-trigger)\.ts$/;

function specifiers(text: string): string[] {
  return [
    ...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'";]*?from\s*'([^']+)'|import\s*\(?\s*'([^']+)'/g),
  ].map((match) => (match[1] ?? match[2]) as string);
}

describe('package boundaries', () => {
  for (const [pkg, never] of Object.entries(NEVER)) {
    it(`${pkg} imports none of what it must not`, () => {
      const breaches: string[] = [];
      for (const file of sources(join(root, pkg, 'src')).filter((file) => !TEST_ONLY.test(file))) {
        for (const specifier of specifiers(readFileSync(file, 'utf8'))) {
          if (never.some((rule) => rule.test(specifier))) {
            breaches.push(`${relative(root, file)} imports ${specifier}`);
          }
        }
      }
      expect(breaches).toEqual([]);
    });
  }
});
