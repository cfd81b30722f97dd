import { describe, expect, it } from 'vitest';
import {
  buildAndMeasure,
  gzippedTotal,
  INITIAL_SCRIPT_BUDGET,
  type Manifest,
  pageScripts,
  staticImports,
} from '../../bench/initial-script.ts';

const MANIFEST: Manifest = {
  '_index-A1.js': {
    file: 'assets/index-A1.js',
    imports: ['_shared-B2.js'],
    dynamicImports: ['src/replay.ts'],
  },
  '_shared-B2.js': { file: 'assets/shared-B2.js' },
  'src/replay.ts': {
    file: 'assets/replay-C3.js',
    isDynamicEntry: true,
    imports: ['_shared-B2.js', '_chart-D4.js'],
  },
  '_chart-D4.js': { file: 'assets/chart-D4.js' },
};

describe('the scripts a page loads first', () => {
  it('are the ones the page names and what they import statically, not what they import on demand', () => {
    const html = '<script type="module" crossorigin src="/assets/index-A1.js"></script>';
    expect(pageScripts(MANIFEST, html)).toEqual(['_index-A1.js']);
    expect(staticImports(MANIFEST, ['_index-A1.js'])).toEqual(['_index-A1.js', '_shared-B2.js']);
  });

  it('are found by the files the page names, or not at all', () => {
    expect(() => pageScripts(MANIFEST, '<script type="module" src="/assets/gone-Z9.js"></script>')).toThrow(
      /does not list/,
    );
  });
});

describe('the production build of the board page', () => {
  it('downloads no more script before its first render than its budget, in Dutch (the default) or English', async () => {
    const { english, dutch, lazy } = await buildAndMeasure();
    expect(gzippedTotal(english) + gzippedTotal(dutch)).toBeLessThanOrEqual(INITIAL_SCRIPT_BUDGET);
    // What most people never use loads on demand: the replay, the exports, the voting dialog, the front page;
    // and the canvas and the other parts' Dutch texts load after the page's first render.
    const onDemand = lazy.map(({ file }) => file.replace(/^assets\/|-[\w-]{8}\.js$/g, ''));
    expect(onDemand).toEqual(
      expect.arrayContaining([
        'replay-page',
        'report-download',
        'board-image',
        'lead-tools',
        'landing-page',
        'board-canvas',
        'later-texts',
      ]),
    );
    // The window hooks of browser tests are left out of it, and Lit comes in its production build.
    for (const { file, code } of [...english, ...dutch]) {
      expect(code, file).not.toContain('screenToBoard');
      expect(code, file).not.toContain('Lit is in dev mode');
    }
  }, 180_000);
});
