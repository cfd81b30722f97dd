import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Every text a person reads goes through `msg()` (or comes from the model in both languages), so that it
 * has a Dutch and an English version. This finds texts written straight into templates, attributes and
 * strings of the web app's source. It reads:
 * - text between tags in `html` templates;
 * - the attributes people hear or see (aria-label, title, placeholder, alt, …) when they hold letters;
 * - string literals that read like words for people: a capital and a lower-case letter, and either a
 *   space, closing punctuation or a word of three letters or more.
 * Strings given to `msg`, `str`, `css`, errors meant for developers, imports and types are left alone.
 */
const src = join(import.meta.dirname, '..');

/** Words that are the same in every language: the product's name and the keys of a keyboard. */
const SAME_IN_EVERY_LANGUAGE = new Set([
  'Kompas',
  'Escape',
  'Enter',
  'Tab',
  'Backspace',
  'Delete',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  'ArrowLeft',
  'ArrowRight',
  'ArrowUp',
  'ArrowDown',
  'Shift',
  'Control',
  'Meta',
  'Alt',
  'Markdown',
  'CSV',
  'PNG',
]);

const SPOKEN_ATTRIBUTES =
  /\s(aria-label|aria-description|aria-roledescription|aria-valuetext|aria-placeholder|title|placeholder|alt|label)\s*=\s*"([^"]*)"/g;

/** Calls whose string arguments are not for people, or are already translated. */
const EXEMPT_CALLS = new Set([
  'msg',
  'str',
  'css',
  'Error',
  'TypeError',
  'RangeError',
  'define',
  'querySelector',
  'querySelectorAll',
  'getElementById',
  'addEventListener',
  'removeEventListener',
  'dispatchEvent',
  'CustomEvent',
  'Event',
  'getItem',
  'setItem',
  'removeItem',
  'log',
  'warn',
  'error',
  'debug',
  'info',
  'matchMedia',
  'getPropertyValue',
  'setProperty',
  'setAttribute',
  'getAttribute',
  'removeAttribute',
  'toggleAttribute',
  'hasAttribute',
  'closest',
  'fetch',
]);

export interface HardCodedText {
  file: string;
  line: number;
  text: string;
}

const MARK = '\u0000';

function readsLikeWords(text: string): boolean {
  const words = text.replaceAll(MARK, ' ').trim();
  if (!/[A-Za-z]/.test(words)) return false;
  if (SAME_IN_EVERY_LANGUAGE.has(words)) return false;
  if (/[{};]|sans-serif|monospace/.test(words)) return false; // styles and font stacks
  if (/^(Bearer|(Ctrl|Shift|Alt|Meta)\+)/.test(words)) return false; // a header, a key combination
  if (/^[a-z][\w-]*$/.test(words)) return false; // an identifier, a key, a class name
  if (/^[A-Z][a-zA-Z]*$/.test(words) && /[a-z][A-Z]/.test(words)) return false; // a CamelCase name
  return (
    /[A-Z][a-z]/.test(words) && (/\s/.test(words) || /[.…!?:]$/.test(words) || /[A-Z][a-z]{2,}/.test(words))
  );
}

function calleeName(node: ts.Node): string | undefined {
  if (ts.isIdentifier(node)) return node.text;
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  return undefined;
}

function isExempt(node: ts.Node): boolean {
  for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
    if (ts.isImportDeclaration(at) || ts.isExportDeclaration(at) || ts.isTypeNode(at)) return true;
    if (ts.isCallExpression(at) || ts.isNewExpression(at)) {
      const name = calleeName(at.expression);
      if (name && EXEMPT_CALLS.has(name)) return true;
    }
    if (ts.isTaggedTemplateExpression(at)) {
      const name = calleeName(at.tag);
      if (name === 'str' || name === 'css') return true;
      return false; // html templates are checked as templates; their expressions as strings
    }
    if (ts.isPropertyAssignment(at) && at.name === node) return true;
    if (ts.isElementAccessExpression(at) && at.argumentExpression === node) return true;
    if (
      ts.isBinaryExpression(at) &&
      /=/.test(at.operatorToken.getText()) &&
      at.operatorToken.kind !== ts.SyntaxKind.EqualsToken
    )
      return true; // a comparison: 'x' === value
    if (ts.isCaseClause(at) && at.expression === node) return true;
  }
  return false;
}

function templateParts(node: ts.TemplateLiteral): string[] {
  if (ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)];
}

function checkTemplate(markup: string): string[] {
  const found: string[] = [];
  const clean = markup.replace(/<!--[\s\S]*?-->/g, '').replace(/<style[\s\S]*?<\/style>/g, '');
  for (const match of clean.matchAll(SPOKEN_ATTRIBUTES)) {
    const value = (match[2] as string).replaceAll(MARK, ' ');
    if (/[A-Za-z]{2,}/.test(value)) found.push(`${match[1]}="${value.trim()}"`);
  }
  for (const text of clean.split(/<[^>]*>/)) {
    const words = text
      .replaceAll(MARK, ' ')
      .replace(/&[a-z]+;|&#\d+;/g, ' ')
      .trim();
    if (/[A-Za-z]{2,}/.test(words) && !SAME_IN_EVERY_LANGUAGE.has(words)) found.push(words);
  }
  return found;
}

export function hardCodedTexts(file: string, text: string): HardCodedText[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: HardCodedText[] = [];
  const report = (node: ts.Node, what: string) =>
    found.push({
      file,
      line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
      text: what.replace(/\s+/g, ' '),
    });
  const visit = (node: ts.Node): void => {
    if (ts.isTaggedTemplateExpression(node) && ['html', 'svg'].includes(calleeName(node.tag) ?? '')) {
      for (const words of checkTemplate(templateParts(node.template).join(MARK))) report(node, words);
    } else if (
      (ts.isStringLiteral(node) ||
        ts.isNoSubstitutionTemplateLiteral(node) ||
        ts.isTemplateExpression(node)) &&
      !(node.parent && ts.isTaggedTemplateExpression(node.parent))
    ) {
      const words = ts.isTemplateExpression(node) ? templateParts(node).join(MARK) : node.text;
      if (readsLikeWords(words) && !isExempt(node)) report(node, words.replaceAll(MARK, '…'));
      if (ts.isTemplateExpression(node)) ts.forEachChild(node, visit);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function productionFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return ['testing', 'generated'].includes(entry.name) ? [] : productionFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('texts for people', () => {
  it('finds a text written straight into a template, an attribute or a string', () => {
    const found = hardCodedTexts(
      'example.ts',
      [
        "const ok = msg('Add note');",
        "const label = 'Add note';",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a template, to be parsed
        'const view = html`<button aria-label="Close" title=${msg(\'Close\')}>Save changes</button>`;',
        "throw new Error('Board not loaded');",
        "if (key === 'Escape') close();",
      ].join('\n'),
    );
    expect(found.map(({ line, text }) => `${line}: ${text}`)).toEqual([
      '2: Add note',
      '3: aria-label="Close"',
      '3: Save changes',
    ]);
  });

  it('are all translatable in the web app', () => {
    const found = productionFiles(src).flatMap((file) =>
      hardCodedTexts(relative(src, file), readFileSync(file, 'utf8')),
    );
    const lines = found.map(({ file, line, text }) => `${file}:${line} ${text}`);
    expect(lines, `${lines.length} texts to put through msg():\n${lines.join('\n')}\n`).toEqual([]);
  });
});
