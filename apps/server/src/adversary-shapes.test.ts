import { listNotes } from '@kompas/model';
import { CloseCode } from '@kompas/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Arena, MARK, refused } from './adversary-arena.ts';
import { waitFor } from './test-support.ts';

/**
 * A hostile participant stores what the model never writes: keys beside a note's, a vote's or the metadata's
 * fields, BigInts, binary, nested Yjs types, unknown top-level types; and more notes than the board may hold.
 * Each write carries MARK (as text or bytes), which must reach neither the honest observer nor storage.
 */

let arena: Arena | undefined;
afterEach(() => arena?.close());

async function open(argv: readonly string[] = []): Promise<Arena> {
  arena = await Arena.open(argv);
  return arena;
}

const MARK_BYTES = new TextEncoder().encode(MARK);

function aVote(arena: Arena, change: Record<string, unknown> = {}): Record<string, unknown> {
  return { round: 'r1', voter: arena.board.people.participant.id, note: 'n1', at: Date.now(), ...change };
}

function noteOf(doc: Y.Doc, id: string): Y.Map<unknown> {
  return doc.getMap('notes').get(id) as Y.Map<unknown>;
}

interface Attack {
  what: string;
  reason: string;
  /** Ans's write, on a board where the note `own` of Ans exists. */
  write: (doc: Y.Doc, arena: Arena) => void;
}

const NOT_A_NOTE = 'is not a valid note';
const NOT_A_VOTE = 'is not a valid vote';
const NOT_META = 'board title, task or creation time is invalid';
// Refused from the update alone, before it is tried on the room's copy (update-precheck.ts).
const NOT_PLAIN = 'a value is not plain data, or too large';
const NEVER_HELD = 'content of a kind a board never holds';
const NESTED = 'a nested type where none belongs';

const ATTACKS: Attack[] = [
  {
    what: 'an extra key in a new note',
    reason: NOT_A_NOTE,
    write: (doc, a) => doc.getMap('notes').set('n', a.noteMap({ text: 'gewoon', extra: MARK })),
  },
  {
    what: 'an extra key in an existing note',
    reason: NOT_A_NOTE,
    write: (doc) => noteOf(doc, 'own').set('extra', MARK),
  },
  {
    what: "an extra key in a note's position",
    reason: NOT_A_NOTE,
    write: (doc, a) => doc.getMap('notes').set('n', a.noteMap({ pos: { r: 0.5, t: 0.5, extra: MARK } })),
  },
  {
    what: 'a BigInt creation time',
    reason: NOT_PLAIN,
    write: (doc, a) => doc.getMap('notes').set('n', a.noteMap({ createdAt: 1_700_000_000_000n })),
  },
  {
    what: 'binary text',
    reason: NEVER_HELD,
    write: (doc, a) => doc.getMap('notes').set('n', a.noteMap({ text: MARK_BYTES })),
  },
  {
    what: 'a Y.Text as text',
    reason: NESTED,
    write: (doc) => noteOf(doc, 'own').set('text', new Y.Text(MARK)),
  },
  {
    what: 'a Y.Map as the position of a new note',
    reason: NOT_A_NOTE,
    write: (doc, a) =>
      doc.getMap('notes').set(
        'n',
        a.noteMap({
          pos: new Y.Map<unknown>([
            ['r', 0.5],
            ['t', 0.5],
          ]),
        }),
      ),
  },
  {
    what: 'a Y.Array under an extra key of a note',
    reason: NESTED,
    write: (doc) => noteOf(doc, 'own').set('extra', Y.Array.from([MARK])),
  },
  {
    what: 'a Y.Map as the position of an existing note',
    reason: NOT_A_NOTE,
    write: (doc) => noteOf(doc, 'own').set('pos', new Y.Map([['r', MARK]])),
  },
  {
    what: 'a plain object as a note',
    reason: NOT_A_NOTE,
    write: (doc) => doc.getMap('notes').set('n', { text: MARK }),
  },
  {
    what: 'an extra key in a vote',
    reason: NOT_A_VOTE,
    write: (doc, a) => doc.getMap('votes').set('v', aVote(a, { extra: MARK })),
  },
  {
    what: 'a BigInt vote time',
    reason: NOT_PLAIN,
    write: (doc, a) => doc.getMap('votes').set('v', aVote(a, { round: MARK, at: 1_700_000_000_000n })),
  },
  {
    what: 'a binary vote',
    reason: NEVER_HELD,
    write: (doc) => doc.getMap('votes').set('v', MARK_BYTES),
  },
  {
    what: 'a Y.Map as a vote',
    reason: NOT_A_VOTE,
    write: (doc, a) => doc.getMap('votes').set('v', new Y.Map(Object.entries(aVote(a, { round: MARK })))),
  },
  {
    what: 'an extra key in the metadata',
    reason: 'only facilitators change the board’s title and task',
    write: (doc) => doc.getMap('meta').set('extra', MARK),
  },
  {
    what: 'a Y.Text as the title',
    reason: NESTED,
    write: (doc) => doc.getMap('meta').set('title', new Y.Text(MARK)),
  },
  {
    what: 'a recorded migration removed',
    reason: 'a recorded migration cannot be removed',
    write: (doc) => doc.getMap('schema').clear(),
  },
  {
    what: 'an unknown top-level type',
    reason: 'unknown top-level type',
    write: (doc) => doc.getMap('hidden').set('x', MARK),
  },
];

describe('a hostile participant storing what no note, vote or metadata holds', () => {
  it('is refused every time: 4422 with the reason, nothing relayed, nothing stored', async () => {
    const a = await open();
    // Ans's own note, which some attacks change.
    const ans = await a.hostile(a.board.tokens.participant);
    ans.write((doc) => doc.getMap('notes').set('own', a.noteMap({ text: 'van Ans' })));
    await ans.roundTrip();
    await waitFor(() => listNotes(a.watcher.doc).length === 1, 'the note the attacks change');

    for (const { what, reason, write } of ATTACKS) {
      const attacker = await a.hostile(a.board.tokens.participant);
      attacker.write((doc) => write(doc, a));
      expect({ what, ...(await attacker.closeOf()) }).toEqual({ what, ...refused(reason) });
    }
    await a.expectNotRelayed();
    const { content } = await a.expectNotStored();
    expect([...content.share.keys()].sort()).toEqual(['meta', 'notes', 'schema']);
    expect([...content.getMap('schema').keys()]).toEqual(['kompas.board/1-initial']);
    expect(content.getMap('votes').size).toBe(0);
  });

  it('cannot store notes as a list', async () => {
    const a = await open();
    const ans = await a.hostile(a.board.tokens.participant);
    const rogue = new Y.Doc();
    rogue.getArray('notes').insert(0, [MARK]);
    ans.sendUpdate(Y.encodeStateAsUpdate(rogue));
    expect(await ans.closeOf()).toEqual(refused('top-level type "notes" must be a map'));
    await a.expectNotRelayed();
    await a.expectNotStored();
  });

  it('cannot store an extra key in the metadata, and neither can a facilitator', async () => {
    const a = await open();
    const fenna = await a.hostile(a.board.tokens.facilitator);
    fenna.write((doc) => doc.getMap('meta').set('extra', MARK));
    expect(await fenna.closeOf()).toEqual(refused(NOT_META));
    await a.expectNotRelayed();
    await a.expectNotStored();
  });
});

describe('a hostile participant past the notes a board may hold', () => {
  it('is closed with 4429, in one update or one by one, and the board keeps its notes', async () => {
    const a = await open(['--max-notes', '5']);
    const ans = await a.hostile(a.board.tokens.participant);
    const addNotes = (doc: Y.Doc, ids: string[], text: string) => {
      for (const id of ids) doc.getMap('notes').set(id, a.noteMap({ text }));
    };
    ans.write((doc) => addNotes(doc, ['n1', 'n2', 'n3', 'n4'], 'binnen'));
    await ans.roundTrip();

    const batch = await a.hostile(a.board.tokens.participant);
    batch.write((doc) => addNotes(doc, ['x1', 'x2'], MARK));
    const overBudget = { code: CloseCode.overBudget, reason: 'a board holds at most 5 notes' };
    expect(await batch.closeOf()).toEqual(overBudget);

    ans.write((doc) => addNotes(doc, ['n5'], 'de laatste'));
    await ans.roundTrip();
    ans.write((doc) => addNotes(doc, ['x3'], MARK));
    expect(await ans.closeOf()).toEqual(overBudget);

    await waitFor(() => listNotes(a.watcher.doc).length === 5, 'the five notes');
    expect(a.watcher.received().includes(MARK)).toBe(false);
    const { content } = await a.expectNotStored();
    expect(
      listNotes(content)
        .map((note) => note.id)
        .sort(),
    ).toEqual(['n1', 'n2', 'n3', 'n4', 'n5']);
  });
});

describe('a hostile participant sending frames the server cannot take as they are', () => {
  it('is closed with 4400 for a malformed frame or update, and the room goes on', async () => {
    const a = await open();
    const frames = [
      new Uint8Array([0, 2, 200, ...MARK_BYTES]), // an update announcing more bytes than it holds
      new Uint8Array([0, 2, MARK_BYTES.length, ...MARK_BYTES]), // an update that is no Yjs update
      new Uint8Array([9, ...MARK_BYTES]), // an unknown message type
    ];
    for (const frame of frames) {
      const ans = await a.hostile(a.board.tokens.participant);
      ans.sendFrame(frame);
      expect((await ans.closeOf()).code).toBe(CloseCode.malformed);
    }
    await a.expectNotRelayed();
    await a.expectNotStored();
  });

  it('is closed with 4509 for an update whose dependencies the server lacks, which it never applies later', async () => {
    const a = await open();
    const ans = await a.hostile(a.board.tokens.participant);
    const updates: Uint8Array[] = [];
    const draft = new Y.Doc();
    Y.applyUpdate(draft, Y.encodeStateAsUpdate(ans.doc));
    draft.on('update', (update: Uint8Array) => updates.push(update));
    draft.getMap('notes').set('n', a.noteMap({ text: 'eerst' }));
    (draft.getMap('notes').get('n') as Y.Map<unknown>).set('text', MARK);
    const [, dependent] = updates as [Uint8Array, Uint8Array];
    ans.sendUpdate(dependent);
    expect((await ans.closeOf()).code).toBe(CloseCode.missingParts);

    // The part it depends on arrives later, from another connection: the held-back change does not come with it.
    const again = await a.hostile(a.board.tokens.participant);
    again.sendUpdate(updates[0] as Uint8Array);
    await again.roundTrip();
    await waitFor(() => listNotes(a.watcher.doc).some((note) => note.id === 'n'), 'the first part');
    await a.expectNotRelayed();
    const { content } = await a.expectNotStored();
    expect(listNotes(content).find((note) => note.id === 'n')?.text).toBe('eerst');
  });
});
