import {
  createNote,
  endPrivateRound,
  getFacilitation,
  listNotes,
  nextPhase,
  publishDrafts,
  readPrivateRound,
  startFacilitation,
  startPrivateRound,
} from '@kompas/model';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
  type Client,
  type CreatedBoard,
  closeClients,
  closeOf,
  connectSynced,
  createBoard,
  joinBoard,
  removeDir,
  startTestServer,
  type TestServer,
  tempDir,
  waitFor,
} from './test-support.ts';

let dataDir: string;
let server: TestServer;
let clients: Client[];
const sockets: WebSocket[] = [];

beforeEach(async () => {
  dataDir = await tempDir('brainstorm');
  server = await startTestServer(dataDir);
  clients = [];
});
afterEach(async () => {
  closeClients(...clients);
  for (const socket of sockets.splice(0)) socket.terminate();
  await server.close();
  await removeDir(dataDir);
});

const wsBase = () => `${server.url.replace(/^http/, 'ws')}/ws`;

function joinSynced(room: string, token: string): Promise<Client> {
  return connectSynced(server, room, token, clients);
}

/**
 * A participant's browser as the network sees it: the official client in the board, control and drafts rooms,
 * over sockets that record every byte they receive.
 */
async function recordedParticipant(board: CreatedBoard, token = board.tokens.participant) {
  const received: Buffer[] = [];
  class RecordingWebSocket extends WebSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      this.on('message', (data: Buffer) => received.push(Buffer.from(data)));
    }
  }
  const rooms = [board.id, `${board.id}.control`, `${board.id}.drafts`];
  const [content, control, drafts] = rooms.map((room) => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(wsBase(), room, doc, {
      WebSocketPolyfill: RecordingWebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      params: { token },
    });
    const client = { doc, provider };
    clients.push(client);
    return client;
  }) as [Client, Client, Client];
  await waitFor(() => [content, control, drafts].every((c) => c.provider.synced), 'the participant to sync');
  return { content, control, drafts, receivedText: () => Buffer.concat(received).toString('utf8') };
}

function draft(doc: Y.Doc, text: string, author: { id: string; name: string }) {
  return createNote(doc, { text, step: 'richten.belangen', author });
}

describe('silent brainstorm', () => {
  it("keeps a participant's drafts away from every other participant's connection until the reveal", async () => {
    const board = await createBoard(server);
    const facilitator = await joinSynced(`${board.id}.control`, board.tokens.facilitator);
    const facilitatorDrafts = await joinSynced(`${board.id}.drafts`, board.tokens.facilitator);
    const facilitatorBoard = await joinSynced(board.id, board.tokens.facilitator);
    startPrivateRound(facilitator.doc, { actor: 'fac' });

    const ans = await recordedParticipant(board);
    const asBram = await joinBoard(server, board.id, board.invites.participant, 'Bram');
    const bram = await recordedParticipant(board, asBram.token);
    await waitFor(() => readPrivateRound(bram.control.doc) !== null, 'the round to reach Bram');
    draft(ans.drafts.doc, 'Ans denkt aan het waterschap', board.people.participant);
    draft(bram.drafts.doc, 'Bram wil de buurt betrekken', asBram.person);

    // The facilitators see both drafts; each author keeps their own.
    await waitFor(
      () => listNotes(facilitatorDrafts.doc).length === 2,
      'both drafts to reach the facilitator',
    );
    expect(listNotes(ans.drafts.doc).map((note) => note.text)).toEqual(['Ans denkt aan het waterschap']);
    expect(listNotes(bram.drafts.doc).map((note) => note.text)).toEqual(['Bram wil de buurt betrekken']);
    expect(listNotes(ans.content.doc)).toEqual([]);

    // Not a byte of the other's draft reached either participant, in any room.
    expect(bram.receivedText()).not.toContain('waterschap');
    expect(ans.receivedText()).not.toContain('buurt');

    // The reveal: one facilitator action puts both on the board, and now everyone receives them.
    publishDrafts(facilitatorDrafts.doc, facilitatorBoard.doc);
    endPrivateRound(facilitator.doc, { actor: 'fac' });
    await waitFor(() => listNotes(bram.content.doc).length === 2, 'the revealed notes to reach Bram');
    expect(bram.receivedText()).toContain('waterschap');
    expect(
      listNotes(ans.content.doc)
        .map((note) => note.authorName)
        .sort(),
    ).toEqual(['Ans', 'Bram']);
    await waitFor(() => readPrivateRound(ans.control.doc)?.revealedAt !== undefined, 'the end of the round');
    expect(listNotes(facilitatorDrafts.doc)).toEqual([]);
  });

  it('lets an observer not even connect to the drafts, and refuses drafts that are no valid notes', async () => {
    const board = await createBoard(server);
    expect(await closeOf(server, `/ws/${board.id}.drafts?token=${board.tokens.observer}`)).toEqual({
      code: 4403,
      reason: 'not for this role',
    });
    const participant = await joinSynced(`${board.id}.drafts`, board.tokens.participant);
    participant.doc.getMap('notes').set('x', 'not a note');
    await waitFor(() => !participant.provider.wsconnected, 'the relay to close the sender');
    const facilitatorDrafts = await joinSynced(`${board.id}.drafts`, board.tokens.facilitator);
    expect(facilitatorDrafts.doc.getMap('notes').size).toBe(0);
  });
});

describe('the phase', () => {
  it('cannot be changed by a participant, even with a hand-crafted update sent straight to the relay', async () => {
    const board = await createBoard(server);
    const control = `${board.id}.control`;
    const facilitator = await joinSynced(control, board.tokens.facilitator);
    const observer = await joinSynced(control, board.tokens.observer);
    startFacilitation(facilitator.doc, { actor: 'fac' });
    await waitFor(() => getFacilitation(observer.doc).started, 'the start to reach the observer');

    // A forged move to Richten, built on exactly what the room holds, as sync step 2 and as a plain update.
    const forged = new Y.Doc();
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(observer.doc));
    const before = Y.encodeStateVector(forged);
    nextPhase(forged, { actor: 'fac' });
    const update = Y.encodeStateAsUpdate(forged, before);
    const socket = new WebSocket(`${wsBase()}/${control}?token=${board.tokens.participant}`);
    sockets.push(socket);
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    for (const syncType of [1, 2]) socket.send(syncFrame(syncType, update));
    // The relay handles one connection's frames in order and sends each its own presence back: once this
    // presence comes back, the forgery was handled too.
    const presence = new Awareness(new Y.Doc());
    const { id, name } = board.people.participant;
    presence.setLocalState({ user: { id, name, color: '#123456' }, cursor: { x: 4242, y: 0 } });
    let echoed = false;
    socket.on('message', (data: Buffer) => {
      echoed ||= data.includes('4242');
    });
    socket.send(awarenessFrame(encodeAwarenessUpdate(presence, [presence.clientID])));
    await waitFor(() => echoed, 'the presence sent after the forged update to come back');
    expect(getFacilitation(observer.doc).phase).toBe('verkennen');
    expect(getFacilitation(facilitator.doc).history).toHaveLength(1);

    // Nor is it stored: a fresh connection after a restart sees Verkennen.
    closeClients(...clients.splice(0));
    socket.terminate();
    await server.close();
    server = await startTestServer(dataDir);
    const later = await joinSynced(control, board.tokens.observer);
    expect(getFacilitation(later.doc).phase).toBe('verkennen');
  });
});

/** A y-websocket sync frame (message type 0): sync type 0 = step 1, 1 = step 2, 2 = update. */
function syncFrame(syncType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, syncType);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** A y-websocket awareness frame (message type 1). */
function awarenessFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}
