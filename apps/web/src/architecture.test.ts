import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * What each folder of the web app may import, besides itself and the @kompas packages. The shared layers
 * stack: api (the server's answers), core (the headless board) on api, ui (shared Lit parts) on both.
 * Features build on them and never on each other, with two exceptions that are drawing: the canvas draws
 * the notes' and the presence layers, and the replay shows that canvas. Pages (app, board) put features
 * together. docs/architecture.md explains the layers.
 */
const SHARED = ['ui', 'api', 'core'];
const MAY_IMPORT: Record<string, readonly string[]> = {
  i18n: [],
  api: [],
  core: ['api'],
  ui: ['api', 'core'],
  canvas: [...SHARED, 'notes', 'presence'],
  notes: SHARED,
  presence: SHARED,
  'facilitation/phases': SHARED,
  'facilitation/timer': SHARED,
  'facilitation/lock': SHARED,
  'facilitation/follow': SHARED,
  'facilitation/voting': SHARED,
  'facilitation/brainstorm': SHARED,
  'facilitation/details': SHARED,
  'facilitation/plan': SHARED,
  'facilitation/issues': SHARED,
  'facilitation/next-step': SHARED,
  'facilitation/rounds': SHARED,
  invite: SHARED,
  export: SHARED,
  phone: SHARED,
  replay: [...SHARED, 'canvas', 'notes', 'presence', 'export'],
  board: [
    ...SHARED,
    'canvas',
    'notes',
    'presence',
    'facilitation/phases',
    'facilitation/timer',
    'facilitation/lock',
    'facilitation/follow',
    'facilitation/voting',
    'facilitation/brainstorm',
    'facilitation/details',
    'facilitation/plan',
    'facilitation/issues',
    'facilitation/next-step',
    'facilitation/rounds',
    'invite',
    'export',
    'phone',
  ],
  app: [...SHARED, 'board', 'replay'],
};

/**
 * Folders every layer may use: `testing` is only installed in test builds, and `i18n` (the language and its
 * texts) sits below all of them.
 */
const ANYONE_MAY_IMPORT = ['testing', 'i18n'];

/** Folders whose modules run without a browser: no Lit, no Konva, no DOM element classes. */
const HEADLESS = ['core', 'api', 'i18n'];

/** The longest a web source file may grow before it is split. */
const MAX_LINES = 400;

const src = import.meta.dirname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The folder a file belongs to: `facilitation/voting` for a file in it, `canvas` for one in canvas. */
function folderOf(file: string): string {
  const parts = relative(src, file).split('/');
  if (parts.length === 1) return '';
  return parts[0] === 'facilitation' ? parts.slice(0, 2).join('/') : (parts[0] as string);
}

function importsOf(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(
    /(?:^|\n)\s*(?:import|export)\b[^'";]*?from\s*'([^']+)'|import\s*\(?\s*'([^']+)'/g,
  )) {
    found.push((match[1] ?? match[2]) as string);
  }
  return found;
}

const files = sourceFiles(src).filter((file) => folderOf(file) !== '');
const production = files.filter((file) => !file.endsWith('.test.ts') && folderOf(file) !== 'testing');

describe('the web app’s layout', () => {
  it('puts every source file in a known folder', () => {
    const unknown = files.map(folderOf).filter((folder) => !(folder in MAY_IMPORT) && folder !== 'testing');
    expect([...new Set(unknown)]).toEqual([]);
  });

  it('lets each folder import only the layers it may build on', () => {
    const breaches: string[] = [];
    for (const file of production) {
      const from = folderOf(file);
      const allowed = new Set([from, ...(MAY_IMPORT[from] ?? []), ...ANYONE_MAY_IMPORT]);
      for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
        if (!specifier.startsWith('.')) continue;
        const to = folderOf(resolve(dirname(file), specifier));
        if (!allowed.has(to)) breaches.push(`${relative(src, file)} imports ${specifier}`);
      }
    }
    expect(breaches).toEqual([]);
  });

  it('keeps the board core and the API client free of Lit, Konva and the DOM', () => {
    const breaches: string[] = [];
    for (const file of production.filter((file) => HEADLESS.includes(folderOf(file)))) {
      const text = readFileSync(file, 'utf8');
      for (const specifier of importsOf(text)) {
        if (/^(lit|konva)(\/|$)/.test(specifier))
          breaches.push(`${relative(src, file)} imports ${specifier}`);
      }
      if (/\b(HTMLElement|LitElement|customElements|document\.|window\.)\b/.test(text)) {
        breaches.push(`${relative(src, file)} uses the DOM`);
      }
    }
    expect(breaches).toEqual([]);
  });

  it(`keeps every source file under ${MAX_LINES} lines`, () => {
    const long = files
      .filter((file) => !file.includes('/i18n/generated/'))
      .map((file) => ({ file: relative(src, file), lines: readFileSync(file, 'utf8').split('\n').length }))
      .filter(({ lines }) => lines > MAX_LINES)
      .map(({ file, lines }) => `${file}: ${lines}`);
    expect(long).toEqual([]);
  });
});
