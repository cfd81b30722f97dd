/**
 * How much JavaScript the board page downloads before it can show anything: the entry script of the production
 * build and every chunk it imports statically, gzipped. Chunks loaded with `import()` (the canvas, the replay,
 * the facilitator's dialogs, the exports, the Dutch texts...) are not counted, except the first of the Dutch
 * texts in the figure for a Dutch page, which loads them before its first render.
 * Used by `pnpm bench:bundle` (bundle-size.ts) and by the test that keeps the figure under its budget.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

/** The aim for what the board page downloads before its first render, gzipped. */
export const INITIAL_SCRIPT_TARGET = 120 * 1024;
/**
 * What the test lets a Dutch page (the default) download before its first render, gzipped: its size when this
 * was set (94.6 KB) and a little room, so that adding to it is a decision and not an accident.
 */
export const INITIAL_SCRIPT_BUDGET = 98 * 1024;

/** The Dutch texts of the first script, downloaded before the first render when the page is in Dutch (the default). */
export const DUTCH_TEXTS = 'src/i18n/dutch/first-texts.ts';

/** One chunk of Vite's build manifest (`build.manifest`), as far as it is read here. */
export interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
export type Manifest = Record<string, ManifestChunk>;

/** The chunks `keys` and all they import statically (not with `import()`), as manifest keys, each once. */
export function staticImports(manifest: Manifest, keys: readonly string[]): string[] {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the build manifest has no chunk ${key}`);
    seen.add(key);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const key of keys) visit(key);
  return [...seen];
}

export interface ScriptFile {
  file: string;
  code: string;
  bytes: number;
  gzipped: number;
}

export interface InitialScript {
  /** The entry and its static imports: what an English page loads first. */
  english: ScriptFile[];
  /** What a Dutch page loads besides: the Dutch texts and their static imports not in `english`. */
  dutch: ScriptFile[];
  /** Every other chunk, loaded on demand. */
  lazy: ScriptFile[];
}

export const gzippedTotal = (files: readonly ScriptFile[]) => files.reduce((sum, f) => sum + f.gzipped, 0);
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** The gzipped totals of an English and a Dutch page, against the target, in one line. */
export function initialScriptTotals({ english, dutch }: Pick<InitialScript, 'english' | 'dutch'>): string {
  const englishTotal = gzippedTotal(english);
  const dutchTotal = englishTotal + gzippedTotal(dutch);
  const met = (total: number) => (total <= INITIAL_SCRIPT_TARGET ? 'met' : 'not met');
  return (
    `English page ${kb(englishTotal)}, Dutch page (the default) ${kb(dutchTotal)}, gzipped ` +
    `(target <= ${kb(INITIAL_SCRIPT_TARGET)}: English ${met(englishTotal)}, Dutch ${met(dutchTotal)})`
  );
}

/**
 * The manifest keys of the scripts the built page names (`<script src>`, `<link rel="modulepreload">`). The page's
 * own entry is found by its file: the build folds it into the chunk of everything it imports (vite.config.ts),
 * which the manifest lists as a plain chunk.
 */
export function pageScripts(manifest: Manifest, html: string): string[] {
  const keyOf = new Map(Object.entries(manifest).map(([key, chunk]) => [`/${chunk.file}`, key]));
  const scripts = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="(\/assets\/[^"]+\.js)"/g)];
  return scripts.map(([, path]) => {
    const key = keyOf.get(path ?? '');
    if (!key) throw new Error(`the build manifest does not list ${path}`);
    return key;
  });
}

/** Sizes the chunks of the build in `outDir` (built with `build.manifest: true`) as InitialScript says. */
export async function measureInitialScript(outDir: string): Promise<InitialScript> {
  const manifest = JSON.parse(await readFile(join(outDir, '.vite/manifest.json'), 'utf8')) as Manifest;
  const entry = pageScripts(manifest, await readFile(join(outDir, 'index.html'), 'utf8'));
  if (entry.length === 0) throw new Error('the built page loads no script');
  const english = staticImports(manifest, entry);
  const withDutch = staticImports(manifest, [...entry, DUTCH_TEXTS]);
  const dutch = withDutch.filter((key) => !english.includes(key));
  const lazy = Object.keys(manifest).filter(
    (key) => !withDutch.includes(key) && manifest[key]?.file.startsWith('assets/'),
  );
  const size = async (key: string): Promise<ScriptFile> => {
    const file = manifest[key]?.file ?? key;
    const code = await readFile(join(outDir, file));
    return { file, code: code.toString('utf8'), bytes: code.length, gzipped: gzipSync(code).length };
  };
  return {
    english: await Promise.all(english.map(size)),
    dutch: await Promise.all(dutch.map(size)),
    lazy: await Promise.all(lazy.map(size)),
  };
}

/** Builds the production web app into a temporary folder with its manifest, and measures it. */
export async function buildAndMeasure(): Promise<InitialScript> {
  const outDir = await mkdtemp(join(tmpdir(), 'kompas-bundle-'));
  // Vite builds for the NODE_ENV it finds (Vitest sets 'test': Lit's development build, several KB more).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: resolve(import.meta.dirname, '../vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true, manifest: true },
    });
    return await measureInitialScript(outDir);
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
    await rm(outDir, { recursive: true, force: true });
  }
}
