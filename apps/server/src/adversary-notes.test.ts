import {
  createNote,
  getBoardMeta,
  getNote,
  listNotes,
  type Note,
  setBoardLock,
  startFacilitation,
} from '@kompas/model';
import { CloseCode } from '@kompas/relay';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectRecorded, HostileClient, type RecordedClient, readStoredRooms } from './hostile-client.ts';
import { boardRooms } from './rooms.ts';
import {
  type Client,
  type CreatedBoard,
  closeClients,
  connectSynced,
  createBoard,
  removeDir,
  startTestServer,
  type TestServer,
  tempDir,
  waitFor,
} from './test-support.ts';

/**
 * A hostile participant writes notes and the board's title with Yjs directly, over the raw protocol, against a
 * real server. Each refused write closes it with 4422 and its reason; an honest observer never receives it, and
 * storage never holds it. The marker text of each attack is what is looked for in the bytes.
 */

const STEP = 'verkennen.eigen-situatie';
const LOCKED_STEP = 'richten.belangen';
const MARK = 'HOSTILE-WRITE';

let dataDir: string;
let server: TestServer;
let board: CreatedBoard;
let clients: Client[];
let hostiles: HostileClient[];
/** The facilitator's honest client on the board, who writes the barrier notes. */
let fenna: Client;
/** An honest observer on the board, who must never receive a refused write. */
let watcher: RecordedClient;

beforeEach(async () => {
  dataDir = await tempDir('adversary-notes');
  server = await startTestServer(dataDir);
  board = await createBoard(server);
  clients = [];
  hostiles = [];
  fenna = await connectSynced(server, board.id, board.tokens.facilitator, clients);
  watcher = await connectRecorded(server, board.id, board.tokens.observer, clients);
});
afterEach(async () => {
  for (const hostile of hostiles) hostile.terminate();
  closeClients(...clients);
  await server.close();
  await removeDir(dataDir);
});

async function hostile(token: string, room = board.id): Promise<HostileClient> {
  const client = await HostileClient.connect(server, room, token);
  hostiles.push(client);
  return client;
}

/** The fields of a note as createNote stores them, with `change` applied, as a new Y.Map. */
function noteMap(change: Record<string, unknown> = {}): Y.Map<unknown> {
  const now = Date.now();
  const fields: Record<string, unknown> = {
    text: MARK,
    step: STEP,
    pos: { r: 0.5, t: 0.5 },
    color: 'yellow',
    authorId: board.people.participant.id,
    authorName: board.people.participant.name,
    createdAt: now,
    updatedAt: now,
    ...change,
  };
  return new Y.Map(Object.entries(fields));
}

function storedNote(doc: Y.Doc, id: string): Y.Map<unknown> {
  return doc.getMap('notes').get(id) as Y.Map<unknown>;
}

/** A note written through the model by someone's honest client, once the watcher has it (so it is stored). */
async function honestNote(
  author: 'facilitator' | 'participant',
  step = STEP,
  text = 'eerlijk',
): Promise<Note> {
  const writer =
    author === 'facilitator' ? fenna : await connectSynced(server, board.id, board.tokens[author], clients);
  const note = createNote(writer.doc, { text, step, author: board.people[author] });
  await waitFor(() => getNote(watcher.doc, note.id) !== undefined, 'the honest note to reach the watcher');
  return note;
}

function refused(reason: string) {
  return { code: CloseCode.invalidData, reason: expect.stringContaining(reason) };
}

let barriers = 0;
/**
 * Fenna writes a note and the watcher receives it: the room relays in order, so whatever the room took before
 * has reached the watcher by then. Then the watcher must not have received `marker`.
 */
async function expectNotRelayed(marker = MARK): Promise<void> {
  barriers += 1;
  const text = `barrier ${barriers}`;
  createNote(fenna.doc, { text, step: STEP, author: board.people.facilitator });
  await waitFor(() => listNotes(watcher.doc).some((note) => note.text === text), 'the barrier note');
  expect(watcher.received().includes(marker)).toBe(false);
}

/** Closes the server and reads the board's rooms as the next server would load them; `marker` is in no log. */
async function expectNotStored(marker = MARK): Promise<Y.Doc> {
  await server.close();
  const stored = await readStoredRooms(dataDir, boardRooms(board.id));
  for (const { log } of stored) expect(log.includes(marker)).toBe(false);
  const [content] = stored;
  if (!content) throw new Error('no content room read');
  return content.doc;
}

describe('a hostile participant writing notes', () => {
  it("cannot create a note under another person's id", async () => {
    const ans = await hostile(board.tokens.participant);
    ans.write((doc) =>
      doc
        .getMap('notes')
        .set('forged', noteMap({ authorId: board.people.facilitator.id, authorName: 'Fenna' })),
    );
    expect(await ans.closeOf()).toEqual(refused('under its writer’s own name'));
    await expectNotRelayed();
    const stored = await expectNotStored();
    expect(stored.getMap('notes').has('forged')).toBe(false);
  });

  it("cannot create a note under its own id with another person's registered name", async () => {
    const ans = await hostile(board.tokens.participant);
    ans.write((doc) => doc.getMap('notes').set('forged', noteMap({ authorName: 'Fenna' })));
    expect(await ans.closeOf()).toEqual(refused('its writer’s registered name'));
    await expectNotRelayed();
    expect((await expectNotStored()).getMap('notes').has('forged')).toBe(false);
  });

  const FIXED_FIELDS = [
    ['authorId', () => board.people.participant.id, () => board.people.observer.id],
    ['authorName', () => MARK, () => MARK],
    ['createdAt', () => 1, () => 1],
  ] as const;
  for (const [field, onFennas, onOwn] of FIXED_FIELDS) {
    it(`cannot change the ${field} of anyone's note, its own included`, async () => {
      const fennas = await honestNote('facilitator');
      const own = await honestNote('participant');
      for (const [note, value] of [
        [fennas, onFennas()],
        [own, onOwn()],
      ] as const) {
        const ans = await hostile(board.tokens.participant);
        ans.write((doc) => storedNote(doc, note.id).set(field, value));
        expect(await ans.closeOf()).toEqual(refused('author and creation time never change'));
      }
      await expectNotRelayed();
      expect(getNote(watcher.doc, fennas.id)).toEqual(fennas);
      const stored = await expectNotStored();
      expect(getNote(stored, fennas.id)).toEqual(fennas);
      expect(getNote(stored, own.id)).toEqual(own);
    });
  }

  it("may move, edit and recolour another person's note", async () => {
    const fennas = await honestNote('facilitator');
    const ans = await hostile(board.tokens.participant);
    const text = 'bijgewerkt door Ans';
    ans.write((doc) => {
      const note = storedNote(doc, fennas.id);
      note.set('text', text);
      note.set('step', 'verkennen.partners');
      note.set('pos', { r: 0.25, t: 0.75 });
      note.set('color', 'blue');
      note.set('updatedAt', fennas.updatedAt + 1);
    });
    await ans.roundTrip();
    const expected = {
      ...fennas,
      text,
      step: 'verkennen.partners',
      pos: { r: 0.25, t: 0.75 },
      color: 'blue',
      updatedAt: fennas.updatedAt + 1,
    };
    await waitFor(() => getNote(watcher.doc, fennas.id)?.text === text, 'the edit to reach the watcher');
    expect(getNote(watcher.doc, fennas.id)).toEqual(expected);
    expect(ans.open).toBe(true);
    expect(getNote(await expectNotStored(), fennas.id)).toEqual(expected);
  });

  it("cannot delete another person's note; its author and a facilitator can", async () => {
    const fennas = await honestNote('facilitator');
    const own = await honestNote('participant');
    const another = await honestNote('participant', STEP, 'van Ans, door Fenna weg');

    const ans = await hostile(board.tokens.participant);
    ans.write((doc) => doc.getMap('notes').delete(fennas.id));
    expect(await ans.closeOf()).toEqual(refused('only its author or a facilitator may delete'));
    await expectNotRelayed();
    expect(getNote(watcher.doc, fennas.id)).toEqual(fennas);

    const author = await hostile(board.tokens.participant);
    author.write((doc) => doc.getMap('notes').delete(own.id));
    const facilitator = await hostile(board.tokens.facilitator);
    facilitator.write((doc) => doc.getMap('notes').delete(another.id));
    await author.roundTrip();
    await facilitator.roundTrip();
    await waitFor(() => getNote(watcher.doc, another.id) === undefined, 'the deletions to reach the watcher');
    expect(getNote(watcher.doc, own.id)).toBeUndefined();

    const stored = await expectNotStored();
    expect(getNote(stored, fennas.id)).toEqual(fennas);
    expect(listNotes(stored).map((note) => note.id)).not.toContain(own.id);
  });

  it('cannot change the title or the task; a facilitator can', async () => {
    for (const key of ['title', 'task']) {
      const ans = await hostile(board.tokens.participant);
      ans.write((doc) => doc.getMap('meta').set(key, MARK));
      expect(await ans.closeOf()).toEqual(refused('only facilitators change the board’s title and task'));
    }
    await expectNotRelayed();

    const facilitator = await hostile(board.tokens.facilitator);
    facilitator.write((doc) => doc.getMap('meta').set('title', 'Nieuwe titel'));
    await facilitator.roundTrip();
    await waitFor(() => getBoardMeta(watcher.doc)?.title === 'Nieuwe titel', 'the new title');
    expect(getBoardMeta(await expectNotStored())).toMatchObject({
      title: 'Nieuwe titel',
      task: expect.any(String),
    });
  });
});

describe('a hostile participant against a locked phase', () => {
  it('cannot create, move into, move out of or edit notes of a locked phase', async () => {
    const inLockedPhase = await honestNote('facilitator', LOCKED_STEP);
    const own = await honestNote('participant');
    const control = await connectSynced(server, `${board.id}.control`, board.tokens.facilitator, clients);
    const controlWatcher = await connectSynced(server, `${board.id}.control`, board.tokens.observer, clients);
    startFacilitation(control.doc);
    setBoardLock(control.doc, 'other-phases');
    await waitFor(() => controlWatcher.doc.getMap('lock').size === 1, 'the lock to be stored');

    const attacks: [string, (doc: Y.Doc) => void][] = [
      ['create', (doc) => doc.getMap('notes').set('new', noteMap({ step: LOCKED_STEP }))],
      ['move into', (doc) => storedNote(doc, own.id).set('step', LOCKED_STEP)],
      ['move out of', (doc) => storedNote(doc, inLockedPhase.id).set('step', STEP)],
      ['edit', (doc) => storedNote(doc, inLockedPhase.id).set('text', MARK)],
    ];
    for (const [what, attack] of attacks) {
      const ans = await hostile(board.tokens.participant);
      ans.write(attack);
      expect({ what, ...(await ans.closeOf()) }).toEqual({ what, ...refused('Richten is locked') });
    }
    // The phase the group is in stays open.
    const ans = await hostile(board.tokens.participant);
    ans.write((doc) => doc.getMap('notes').set('open', noteMap({ text: 'in Verkennen' })));
    await ans.roundTrip();
    await waitFor(() => getNote(watcher.doc, 'open') !== undefined, 'the note in the open phase');

    // Locking the whole board closes that one too.
    setBoardLock(control.doc, 'board');
    await waitFor(() => controlWatcher.doc.getMap('lock').get('current') !== undefined, 'the lock');
    await waitFor(
      () => (controlWatcher.doc.getMap('lock').get('current') as { mode: string }).mode === 'board',
      'the board lock to be stored',
    );
    const again = await hostile(board.tokens.participant);
    again.write((doc) => doc.getMap('notes').set('closed', noteMap()));
    expect(await again.closeOf()).toEqual(refused('Verkennen is locked'));

    await expectNotRelayed();
    const stored = await expectNotStored();
    expect(getNote(stored, inLockedPhase.id)).toEqual(inLockedPhase);
    expect(getNote(stored, own.id)).toEqual(own);
    expect(getNote(stored, 'open')?.text).toBe('in Verkennen');
    expect(getNote(stored, 'new')).toBeUndefined();
  });
});
