import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { templates } from './generated/nl.ts';

/**
 * Every text put through msg() has a Dutch translation, and the built translations are those of
 * `xliff/nl.xlf`. The texts are extracted afresh from the source, as `pnpm i18n` does, into a scratch folder.
 */
const web = join(import.meta.dirname, '../..');
const scratch = mkdtempSync(join(tmpdir(), 'kompas-i18n-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Unit {
  id: string;
  source: string;
  target: string | undefined;
}

function unitsOf(xliff: string): Unit[] {
  return [...xliff.matchAll(/<trans-unit id="([^"]+)">([\s\S]*?)<\/trans-unit>/g)].map(([, id, body]) => ({
    id: id as string,
    source: (body as string).match(/<source>([\s\S]*?)<\/source>/)?.[1] ?? '',
    target: (body as string).match(/<target>([\s\S]*?)<\/target>/)?.[1],
  }));
}

function extracted(): Unit[] {
  const config = JSON.parse(readFileSync(join(web, 'lit-localize.json'), 'utf8'));
  config.tsConfig = join(web, 'tsconfig.localize.json');
  config.output.outputDir = join(scratch, 'out');
  config.output.localeCodesModule = join(scratch, 'out/locale-codes.ts');
  config.interchange.xliffDir = join(scratch, 'xliff');
  const path = join(scratch, 'lit-localize.json');
  writeFileSync(path, JSON.stringify(config));
  execFileSync(join(web, 'node_modules/.bin/lit-localize'), ['extract', '--config', path], { stdio: 'pipe' });
  return unitsOf(readFileSync(join(scratch, 'xliff/nl.xlf'), 'utf8'));
}

describe('the Dutch translation', () => {
  const committed = new Map(unitsOf(readFileSync(join(web, 'xliff/nl.xlf'), 'utf8')).map((u) => [u.id, u]));

  it('has a Dutch text for every text in the source', { timeout: 60_000 }, () => {
    const missing = extracted()
      .filter((unit) => !committed.get(unit.id)?.target?.trim())
      .map((unit) => unit.source);
    expect(missing, `run \`pnpm i18n\` and translate in xliff/nl.xlf:\n${missing.join('\n')}\n`).toEqual([]);
  });

  it('is built into the app as it stands in xliff/nl.xlf', () => {
    const translated = [...committed.values()].filter((unit) => unit.target).map((unit) => unit.id);
    expect(Object.keys(templates).sort()).toEqual(translated.sort());
  });
});
