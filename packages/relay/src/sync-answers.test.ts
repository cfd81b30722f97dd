import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { MemoryStorage } from './memory-storage.ts';
import { encodeSyncStep1 } from './protocol.ts';
import { SyncAnswers } from './sync-answers.ts';
import { startTestServer, type TestServer, waitFor } from './test-server.ts';

let server: TestServer | null = null;
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await server?.close();
  server = null;
});

/** A document with some history: items, overwritten values and a deletion. */
function busyDoc(): Y.Doc {
  const doc = new Y.Doc();
  const notes = doc.getMap('notes');
  for (let i = 0; i < 20; i++) notes.set(`n${i}`, { text: `idee ${i}` });
  notes.set('n3', { text: 'anders' });
  notes.delete('n4');
  doc.getText('text').insert(0, 'hallo');
  return doc;
}

describe('answers to sync requests', () => {
  it('bring a peer to the room’s state from any state vector, as encoding from the document would', () => {
    const doc = busyDoc();
    const answers = new SyncAnswers(doc);
    const peers = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
    // One peer has part of it, one all items but a deletion made since, one nothing.
    Y.applyUpdate(peers[0] as Y.Doc, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(new Y.Doc())).slice(0));
    const half = new Y.Doc();
    half.getMap('notes').set('n0', { text: 'idee 0' });
    const withAllItems = new Y.Doc();
    Y.applyUpdate(withAllItems, Y.encodeStateAsUpdate(doc));
    doc.getMap('notes').delete('n5');
    answers.changed();
    for (const peer of [...peers, half, withAllItems]) {
      Y.applyUpdate(peer, answers.missingFor(Y.encodeStateVector(peer)));
      expect(peer.getMap('notes').toJSON()).toEqual(doc.getMap('notes').toJSON());
      expect(peer.getText('text').toString()).toBe('hallo');
    }
  });

  it('encode the room’s state once per version, however many peers ask', async () => {
    const storage = new MemoryStorage();
    await storage.append('board', Y.encodeStateAsUpdate(busyDoc()), { actor: 'test', at: 0 });
    server = await startTestServer({ storage });
    const received: Uint8Array[] = [];
    const socket = new WebSocket(`${server.url}/board`);
    sockets.push(socket);
    socket.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
    await new Promise((resolve) => socket.once('open', resolve));
    const askForEverything = encodeSyncStep1(new Y.Doc());
    for (let i = 0; i < 100; i++) socket.send(askForEverything);
    // The greeting (sync step 1 of the room) and 100 answers.
    await waitFor(() => received.length >= 101, 'the answers');
    expect(server.relay.roomStats('board')?.stateEncodings).toBe(1);
  });
});
