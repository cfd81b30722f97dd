import { generateMsgId } from '@lit/localize/internal/id-generation.js';
import type { Plugin } from 'vite';

/**
 * The Dutch texts split by where they are used, at build time. A Dutch page downloads before its first render
 * only the texts of the code in its first script and of the parts its first picture needs (the canvas), in
 * src/i18n/dutch/first-texts.ts; the texts of the other parts loaded on demand come in a second file
 * (src/i18n/dutch/later-texts.ts), downloaded before any of those parts shows (see ui/load-once.ts). In
 * development and in tests the first file holds every text and the second none.
 */

/** The two files the build fills in, by the end of their path. */
const FIRST = '/src/i18n/dutch/first-texts.ts';
const LATER = '/src/i18n/dutch/later-texts.ts';
/** What the build writes in those files until it knows which texts go where. */
const MARK = { first: '__KOMPAS_DUTCH_TEXTS_FIRST__', later: '__KOMPAS_DUTCH_TEXTS_LATER__' } as const;

/** A Dutch text as `generated/nl.ts` holds it: plain, or with numbered places for the values (`str`). */
export type DutchText = string | { strTag: true; strings: readonly string[]; values: readonly number[] };
export type DutchTexts = Readonly<Record<string, DutchText>>;

/** The parts of an ESTree node read here; the parser's own types are looser than needed. */
interface Node {
  type: string;
  [key: string]: unknown;
}

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';

/** Every node of `tree`, depth first. */
function* nodesOf(tree: Node): Generator<Node> {
  yield tree;
  for (const value of Object.values(tree)) {
    for (const child of Array.isArray(value) ? value : [value]) if (isNode(child)) yield* nodesOf(child);
  }
}

const cooked = (template: Node): string[] =>
  (template.quasis as Node[]).map((quasi) => (quasi.value as { cooked: string }).cooked);

/**
 * The id lit-localize looks a `msg()` call's text up by: the one given (`{ id: '…' }`), else the hash of its
 * text as `msg()` computes it at run time. Anything but a written text cannot be looked up before it runs:
 * that is an error, named with where the call is.
 */
function msgId(call: Node, where: string): string {
  const [text, options] = call.arguments as Node[];
  const given = isNode(options)
    ? (options.properties as Node[]).find((p) => isNode(p.key) && (p.key.name ?? p.key.value) === 'id')
    : undefined;
  if (given && isNode(given.value) && typeof given.value.value === 'string') return given.value.value;
  if (text?.type === 'Literal' && typeof text.value === 'string') return generateMsgId(text.value, false);
  if (text?.type === 'TemplateLiteral' && (text.expressions as Node[]).length === 0) {
    return generateMsgId(cooked(text).join(''), false);
  }
  if (text?.type === 'TaggedTemplateExpression' && isNode(text.tag) && isNode(text.quasi)) {
    if (text.tag.name === 'str') return generateMsgId(cooked(text.quasi), false);
    if (text.tag.name === 'html') return generateMsgId(cooked(text.quasi), true);
  }
  throw new Error(`${where}: msg() needs a written text (a string, str\`…\` or html\`…\`) or an id`);
}

/** The ids of the texts the module `tree` puts through `msg()`. */
export function msgIdsOf(tree: Node, where: string): string[] {
  const ids: string[] = [];
  for (const node of nodesOf(tree)) {
    if (node.type === 'CallExpression' && isNode(node.callee) && node.callee.name === 'msg') {
      ids.push(msgId(node, where));
    }
  }
  return ids;
}

/** `texts` in two: those with an id in `first`, and the others. */
export function splitTexts(
  texts: DutchTexts,
  first: ReadonlySet<string>,
): { first: DutchTexts; later: DutchTexts } {
  const entries = Object.entries(texts);
  return {
    first: Object.fromEntries(entries.filter(([id]) => first.has(id))),
    later: Object.fromEntries(entries.filter(([id]) => !first.has(id))),
  };
}

/**
 * `loadTexts` gives every Dutch text; `firstParts` matches the parts loaded on demand that a page needs for its
 * first picture (by the module their chunk is named after), whose texts come with the first ones.
 */
export function dutchTextsByPart(
  loadTexts: () => Promise<DutchTexts>,
  firstParts: readonly RegExp[],
): Plugin {
  /** The text ids each module of the app uses, as its code is read. */
  const idsByModule = new Map<string, string[]>();
  let split: { first: DutchTexts; later: DutchTexts } | null = null;
  return {
    name: 'kompas-dutch-texts-by-part',
    apply: 'build',
    load(id) {
      const mark = id.endsWith(FIRST) ? MARK.first : id.endsWith(LATER) ? MARK.later : null;
      // Generated code, mapped to no source.
      return mark ? { code: `export const templates = ${mark};`, map: { mappings: '' } } : null;
    },
    transform: {
      // After TypeScript is stripped: the parser reads JavaScript.
      order: 'post',
      filter: { id: /\/apps\/web\/src\/.*\.ts$/, code: 'msg(' },
      handler(code, id) {
        idsByModule.set(id, msgIdsOf(this.parse(code) as unknown as Node, id));
        return null;
      },
    },
    renderStart() {
      split = null;
    },
    async renderChunk(code, chunk, _options, { chunks }) {
      const mark = chunk.moduleIds.some((id) => id.endsWith(FIRST))
        ? 'first'
        : chunk.moduleIds.some((id) => id.endsWith(LATER))
          ? 'later'
          : null;
      if (!mark) return null;
      if (!split) {
        // The first script is the page's entry chunk (vite.config.ts groups all it imports statically into it).
        const all = Object.values(chunks);
        const missing = firstParts.filter((part) => !all.some((c) => part.test(c.facadeModuleId ?? '')));
        if (missing.length > 0) this.error(`no chunk is named after ${missing.join(', ')}`);
        const initial = all.filter(
          (c) =>
            (c.isEntry && c.name === 'index') || firstParts.some((part) => part.test(c.facadeModuleId ?? '')),
        );
        const used = new Set(initial.flatMap((c) => c.moduleIds.flatMap((id) => idsByModule.get(id) ?? [])));
        split = splitTexts(await loadTexts(), used);
      }
      if (code.split(MARK[mark]).length !== 2)
        this.error(`the Dutch texts' chunk must contain ${MARK[mark]} once`);
      return { code: code.replace(MARK[mark], JSON.stringify(split[mark])), map: { mappings: '' } };
    },
  };
}
