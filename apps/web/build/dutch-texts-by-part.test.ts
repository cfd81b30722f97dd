import { str } from '@lit/localize';
import { runtimeMsg } from '@lit/localize/internal/runtime-msg.js';
import { parseAst } from 'vite';
import { describe, expect, it } from 'vitest';
import { type DutchTexts, msgIdsOf, splitTexts } from './dutch-texts-by-part.ts';

const idsIn = (code: string) => msgIdsOf(parseAst(code) as never, 'module.js');

describe('the texts a module puts through msg()', () => {
  it('are found by the ids lit-localize looks them up by at run time', () => {
    const code = [
      "msg('Notes')",
      'msg(`Add a note`)',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the code of a module, for the parser
      'msg(str`${count} notes`)',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the code of a module, for the parser
      "msg(str`Round ${n}`, { id: 'replay-round-name' })",
      "msg('Board', { desc: 'a heading' })",
    ].join(';\n');
    const ids = idsIn(code);
    // msg() at run time looks each text up under the id found for it: each comes back as its id.
    const texts = Object.fromEntries(ids.map((id) => [id, id]));
    const lookUp = (template: Parameters<typeof runtimeMsg>[1], options?: { id?: string }) =>
      runtimeMsg(texts, template, options);
    expect([
      lookUp('Notes'),
      lookUp(`Add a note`),
      lookUp(str`${3} notes`),
      lookUp(str`Round ${2}`, { id: 'replay-round-name' }),
      lookUp('Board'),
    ]).toEqual(ids);
  });

  it('must be written out: a text computed at run time is an error that names the module', () => {
    expect(() => idsIn('const text = "Notes"; msg(text);')).toThrow(
      /module\.js: msg\(\) needs a written text/,
    );
  });
});

describe('the Dutch texts in two', () => {
  it("puts the first script's texts in the first part and every other in the later one", () => {
    const texts: DutchTexts = {
      a: 'Notities',
      b: { strTag: true, strings: ['Ronde ', ''], values: [0] },
      c: 'Klaar',
    };
    expect(splitTexts(texts, new Set(['b', 'x']))).toEqual({
      first: { b: texts.b },
      later: { a: 'Notities', c: 'Klaar' },
    });
  });
});
