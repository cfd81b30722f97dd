import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { waitFor } from './test-server.ts';
import { frameableSocket, writeBinaryFrame } from './ws-frames.ts';

let server: WebSocketServer | null = null;
let client: WebSocket | null = null;

afterEach(async () => {
  client?.terminate();
  client = null;
  for (const socket of server?.clients ?? []) socket.terminate();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = null;
});

/** A server-side WebSocket and a client connected to it, with the options the server is given. */
async function connect(options: { perMessageDeflate?: boolean } = {}): Promise<{
  accepted: WebSocket;
  received: Buffer[];
}> {
  const listening = new WebSocketServer({ host: '127.0.0.1', port: 0, ...options });
  server = listening;
  await new Promise((resolve) => listening.once('listening', resolve));
  const accepted = new Promise<WebSocket>((resolve) => listening.once('connection', resolve));
  const { port } = listening.address() as AddressInfo;
  const connecting = new WebSocket(`ws://127.0.0.1:${port}`, {
    perMessageDeflate: options.perMessageDeflate,
  });
  client = connecting;
  const received: Buffer[] = [];
  connecting.on('message', (data: Buffer, isBinary) => {
    expect(isBinary).toBe(true);
    received.push(data);
  });
  await new Promise((resolve) => connecting.once('open', resolve));
  return { accepted: await accepted, received };
}

/** Bytes 0, 1, 2 ... (mod 251), so a message cut or shifted anywhere does not compare equal. */
function message(length: number): Uint8Array {
  return Uint8Array.from({ length }, (_, index) => index % 251);
}

describe('writeBinaryFrame', () => {
  it('frames messages of every length class as ws reads them, the same message for several sockets', async () => {
    const { accepted, received } = await connect();
    const socket = frameableSocket(accepted);
    if (!socket) throw new Error('this ws version keeps its socket differently');
    const lengths = [0, 1, 125, 126, 127, 16 * 1024, 16 * 1024 + 1, 2 ** 16 - 1, 2 ** 16, 70_000];
    const messages = lengths.map(message);
    socket.cork();
    for (const sent of messages) writeBinaryFrame(socket, sent);
    socket.uncork();
    // Framed once, written again: what a room does for each of its connections.
    for (const sent of messages) writeBinaryFrame(socket, sent);
    await waitFor(() => received.length === lengths.length * 2, 'every message');
    expect(received.map((data) => new Uint8Array(data))).toEqual([...messages, ...messages]);
  });

  it('leaves a connection that negotiated compression to ws', async () => {
    const { accepted } = await connect({ perMessageDeflate: true });
    expect(accepted.extensions).not.toBe('');
    expect(frameableSocket(accepted)).toBeNull();
  });
});
