import {
  createNote,
  getBoardMeta,
  getFacilitation,
  listNotes,
  nextPhase,
  notesType,
  startFacilitation,
} from '@kompas/model';
import * as decoding from 'lib0/decoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  type Client,
  closeClients,
  closeOf,
  connectClient,
  connectSynced,
  createBoard,
  removeDir,
  startTestServer,
  type TestServer,
  tempDir,
  waitFor,
} from './test-support.ts';
import { signToken } from './tokens.ts';

const STEP = 'verkennen.eigen-situatie';
let dataDir: string;
let server: TestServer;
let clients: Client[];

beforeEach(async () => {
  dataDir = await tempDir('collab');
  server = await startTestServer(dataDir);
  clients = [];
});
afterEach(async () => {
  closeClients(...clients);
  await server.close();
  await removeDir(dataDir);
});

function join(room: string, token: string): Client {
  const client = connectClient(server, room, token);
  clients.push(client);
  return client;
}

function joinSynced(room: string, token: string): Promise<Client> {
  return connectSynced(server, room, token, clients);
}

function addNote(doc: Y.Doc, text: string, author: { id: string; name: string }) {
  return createNote(doc, { text, step: STEP, author });
}

function noteTexts(doc: Y.Doc): string[] {
  return listNotes(doc)
    .map((note) => note.text)
    .sort();
}

/**
 * Resolves once the relay has handled every frame `sender` sent before now. A connection's frames are handled
 * in order, and the relay sends each connection its own presence back (an observer's only to itself), so
 * once the echo of a fresh cursor position arrives, every document update sent before it was relayed or dropped.
 */
async function drained(sender: Client, person: { id: string; name: string }, marker: number): Promise<void> {
  const { awareness } = sender.provider;
  let echoed = false;
  const onMessage = (event: MessageEvent) => {
    const entry = ownPresenceIn(event.data, awareness.clientID);
    if ((entry as { cursor?: { x?: number } } | null)?.cursor?.x === marker) echoed = true;
  };
  const ws = sender.provider.ws;
  if (!ws) throw new Error('the sender is not connected');
  ws.addEventListener('message', onMessage);
  try {
    awareness.setLocalState({
      user: { id: person.id, name: person.name, color: '#123456' },
      cursor: { x: marker, y: 0 },
    });
    await waitFor(() => echoed, `the echo of presence marker ${marker}`);
  } finally {
    ws.removeEventListener('message', onMessage);
  }
}

/** The state for `clientID` in an awareness frame, or null. */
function ownPresenceIn(data: unknown, clientID: number): unknown {
  const bytes = new Uint8Array(data as ArrayBuffer);
  const decoder = decoding.createDecoder(bytes);
  if (decoding.readVarUint(decoder) !== 1) return null;
  const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
  for (let count = decoding.readVarUint(update); count > 0; count--) {
    const client = decoding.readVarUint(update);
    decoding.readVarUint(update);
    const state = decoding.readVarString(update);
    if (client === clientID) return JSON.parse(state);
  }
  return null;
}

describe('two participants', () => {
  it('see the title and task written by the server and converge on each other’s notes', async () => {
    const board = await createBoard(server, 'Zorgregio', 'Wat doen we samen?');
    const ans = await joinSynced(board.id, board.tokens.participant);
    const bram = await joinSynced(board.id, board.tokens.participant);
    for (const client of [ans, bram]) {
      expect(getBoardMeta(client.doc)).toMatchObject({ title: 'Zorgregio', task: 'Wat doen we samen?' });
    }

    addNote(ans.doc, 'van Ans', board.people.participant);
    addNote(bram.doc, 'van Bram', board.people.participant);
    for (let i = 0; i < 10; i += 1)
      addNote(i % 2 ? ans.doc : bram.doc, `idee ${i}`, board.people.participant);
    await waitFor(() => listNotes(ans.doc).length === 12 && listNotes(bram.doc).length === 12, 'all notes');
    expect(noteTexts(ans.doc)).toEqual(noteTexts(bram.doc));
  });
});

describe('roles', () => {
  it("drop an observer's write: no other client and no storage ever gets it, also after a restart", async () => {
    const board = await createBoard(server);
    const participant = await joinSynced(board.id, board.tokens.participant);
    const observer = await joinSynced(board.id, board.tokens.observer);

    addNote(participant.doc, 'zichtbaar', board.people.participant);
    await waitFor(() => noteTexts(observer.doc).includes('zichtbaar'), 'the observer to receive the note');
    addNote(observer.doc, 'van de waarnemer', board.people.observer);
    await drained(observer, board.people.observer, 1);
    expect(noteTexts(participant.doc)).toEqual(['zichtbaar']);

    closeClients(participant, observer);
    await server.close();
    server = await startTestServer(dataDir);
    const later = await joinSynced(board.id, board.tokens.facilitator);
    expect(noteTexts(later.doc)).toEqual(['zichtbaar']);
  });

  it("relay a facilitator's write to the control room and drop a participant's", async () => {
    const board = await createBoard(server);
    const control = `${board.id}.control`;
    const facilitator = await joinSynced(control, board.tokens.facilitator);
    const participant = await joinSynced(control, board.tokens.participant);
    const observer = await joinSynced(control, board.tokens.observer);
    startFacilitation(participant.doc, { actor: 'participant' });
    await drained(participant, board.people.participant, 2);
    startFacilitation(facilitator.doc, { actor: 'facilitator' });
    nextPhase(facilitator.doc, { actor: 'facilitator' });
    await waitFor(() => getFacilitation(observer.doc).phase === 'richten', 'the facilitator write');
    // The participant's own copy keeps its dropped write; a second participant shows what the room holds.
    const another = await joinSynced(control, board.tokens.participant);
    expect(getFacilitation(another.doc).phase).toBe('richten');
    for (const doc of [observer.doc, facilitator.doc, another.doc]) {
      expect(getFacilitation(doc).history.map((visit) => visit.actor)).toEqual([
        'facilitator',
        'facilitator',
      ]);
    }
  });

  it('refuse a facilitator write that would corrupt the control room', async () => {
    const board = await createBoard(server);
    const control = `${board.id}.control`;
    const facilitator = await joinSynced(control, board.tokens.facilitator);
    const observer = await joinSynced(control, board.tokens.observer);
    startFacilitation(facilitator.doc, { actor: 'facilitator' });
    await waitFor(() => getFacilitation(observer.doc).started, 'the start');
    facilitator.doc.getMap('probe').set('phase', 'richten');
    await waitFor(() => !facilitator.provider.wsconnected, 'the relay to close the writer');
    expect(observer.doc.share.has('probe')).toBe(false);
    expect(getFacilitation(observer.doc).phase).toBe('verkennen');
  });

  it('let the facilitator write the content room', async () => {
    const board = await createBoard(server);
    const facilitator = await joinSynced(board.id, board.tokens.facilitator);
    const participant = await joinSynced(board.id, board.tokens.participant);
    addNote(facilitator.doc, 'van de begeleider', board.people.facilitator);
    await waitFor(() => noteTexts(participant.doc).includes('van de begeleider'), 'the facilitator note');
  });
});

describe('invalid data', () => {
  it('from a hand-crafted update reaches no other participant and no storage; valid notes keep flowing', async () => {
    const board = await createBoard(server);
    const ans = await joinSynced(board.id, board.tokens.participant);
    const bram = await joinSynced(board.id, board.tokens.participant);
    const mallory = await joinSynced(board.id, board.tokens.participant);
    addNote(ans.doc, 'eerste', board.people.participant);
    await waitFor(() => noteTexts(bram.doc).includes('eerste'), 'the first note');

    // Raw Yjs writes into the model's own root, bypassing its typed operations.
    const refused = new Promise<{ code: number; reason: string }>((resolve) =>
      mallory.provider.once('closed', (event) => resolve(event)),
    );
    notesType(mallory.doc).set(
      'hand-crafted',
      new Y.Map<unknown>(
        Object.entries({
          text: 'x'.repeat(10_000),
          step: STEP,
          pos: { r: 0.5, t: 0.5 },
          color: 'yellow',
          authorId: board.people.participant.id,
          authorName: board.people.participant.name,
          createdAt: 1,
          updatedAt: 1,
        }),
      ),
    );
    expect(await refused).toEqual({
      code: 4422,
      reason: 'invalid board data: note "hand-crafted" is not a valid note',
    });
    expect(mallory.provider.shouldConnect).toBe(false);

    addNote(ans.doc, 'tweede', board.people.participant);
    addNote(bram.doc, 'derde', board.people.participant);
    const expected = ['derde', 'eerste', 'tweede'];
    await waitFor(
      () => noteTexts(ans.doc).length === 3 && noteTexts(bram.doc).length === 3,
      'valid notes after the refused one',
    );
    for (const client of [ans, bram]) {
      expect(noteTexts(client.doc)).toEqual(expected);
      expect(notesType(client.doc).has('hand-crafted')).toBe(false);
    }
    const logged = server.logs.join('\n');
    expect(logged).toMatch(/refused an invalid write/);
    expect(logged).not.toContain('xxxxxxxxxx');

    closeClients(ans, bram, mallory);
    await server.close();
    server = await startTestServer(dataDir);
    const later = await joinSynced(board.id, board.tokens.facilitator);
    expect(noteTexts(later.doc)).toEqual(expected);
    expect(notesType(later.doc).has('hand-crafted')).toBe(false);
  });
});

describe('refused WebSockets', () => {
  it('close with 4401 without a token', async () => {
    const { id } = await createBoard(server);
    expect(await closeOf(server, `/ws/${id}`)).toEqual({ code: 4401, reason: 'missing token' });
    expect(await closeOf(server, `/ws/${id}?token=`)).toEqual({ code: 4401, reason: 'missing token' });
  });

  it('close with 4403 for a forged, expired or other board’s token', async () => {
    const { id, tokens } = await createBoard(server);
    const other = await createBoard(server);
    const forged = signToken('not-the-server-secret-123', {
      boardId: id,
      role: 'facilitator',
      expiresAt: 2e9,
    });
    const expired = signToken(server.config.secret, { boardId: id, role: 'participant', expiresAt: 1 });
    expect(await closeOf(server, `/ws/${id}?token=${forged}`)).toEqual({
      code: 4403,
      reason: 'invalid token',
    });
    expect(await closeOf(server, `/ws/${id}?token=${tokens.observer}x`)).toEqual({
      code: 4403,
      reason: 'invalid token',
    });
    expect(await closeOf(server, `/ws/${id}?token=${expired}`)).toEqual({
      code: 4403,
      reason: 'token expired',
    });
    expect(await closeOf(server, `/ws/${id}.control?token=${other.tokens.facilitator}`)).toEqual({
      code: 4403,
      reason: 'invalid token',
    });
  });

  it('close with 4404 for an unknown board or a room that is no board room', async () => {
    const unknown = 'AAAAAAAAAAAAAAAAAAAAAA';
    const token = signToken(server.config.secret, { boardId: unknown, role: 'facilitator', expiresAt: 2e9 });
    expect(await closeOf(server, `/ws/${unknown}?token=${token}`)).toEqual({
      code: 4404,
      reason: 'unknown board',
    });
    const { id, tokens } = await createBoard(server);
    for (const room of [`${id}.draft`, `${id}/x`, 'lobby', '', `${id}.control.drafts`]) {
      expect(await closeOf(server, `/ws/${room}?token=${tokens.facilitator}`)).toEqual({
        code: 4404,
        reason: 'unknown room',
      });
    }
  });

  it('stop the official client from reconnecting', async () => {
    const { id } = await createBoard(server);
    const client = join(id, 'forged.token');
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      client.provider.once('closed', (event) => resolve(event)),
    );
    expect(await closed).toMatchObject({ code: 4403, reason: 'invalid token' });
    expect(client.provider.shouldConnect).toBe(false);
  });

  it('answer an upgrade outside /ws/ with HTTP 404', async () => {
    const { WebSocket } = await import('ws');
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/elsewhere`);
    const status = await new Promise<number>((resolve) => {
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => resolve(0));
    });
    expect(status).toBe(404);
  });

  it('leave no token in the logs', async () => {
    const board = await createBoard(server);
    await joinSynced(board.id, board.tokens.participant);
    await closeOf(server, `/ws/${board.id}?token=${board.tokens.observer}x`);
    const logged = server.logs.join('\n');
    expect(logged).toMatch(/ws open .*role=participant/);
    expect(logged).toMatch(/ws refused .*code=4403/);
    for (const token of Object.values(board.tokens)) expect(logged).not.toContain(token.split('.')[1]);
  });
});
