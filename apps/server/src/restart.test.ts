import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getBoardMeta, listNotes } from '@kompas/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  closeClients,
  connectClient,
  createBoard,
  removeDir,
  startTestServer,
  type TestServer,
  tempDir,
  waitFor,
  writeRelayedNote,
} from './test-support.ts';

let dataDir: string;
let server: TestServer;

beforeEach(async () => {
  dataDir = await tempDir('restart');
  server = await startTestServer(dataDir);
});
afterEach(async () => {
  await server.close();
  await removeDir(dataDir);
});

describe('a restart on the same data folder', () => {
  it('keeps boards, notes and the secret, so old links still work', async () => {
    const board = await createBoard(server, 'Blijvend', 'Onthouden');
    const clients = await writeRelayedNote(server, board, { text: 'blijft staan', step: 'richten.ambitie' });
    // Closed while the clients are still connected: the relayed note must survive the shutdown.
    await server.close();
    closeClients(...clients);
    const secret = server.config.secret;

    server = await startTestServer(dataDir);
    expect(server.config.secret).toBe(secret);
    expect((await readFile(join(dataDir, 'secret'), 'utf8')).trim()).toBe(secret);

    const response = await fetch(`${server.url}/api/boards/${board.id}`, {
      headers: { Authorization: `Bearer ${board.tokens.observer}` },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ title: 'Blijvend', task: 'Onthouden', role: 'observer' });

    const reader = connectClient(server, board.id, board.tokens.observer);
    try {
      await waitFor(() => reader.provider.synced, 'sync after restart');
      expect(getBoardMeta(reader.doc)).toMatchObject({ title: 'Blijvend', task: 'Onthouden' });
      expect(listNotes(reader.doc).map((note) => note.text)).toEqual(['blijft staan']);
    } finally {
      closeClients(reader);
    }
  });

  it('is refused while the old server still holds the port, and lets go of its own folder', async () => {
    const otherDir = await tempDir('restart-other');
    try {
      await expect(startTestServer(otherDir, ['--port', String(server.port)])).rejects.toThrow(
        `port ${server.port} on 127.0.0.1 is already in use`,
      );
      // The failed start released what it opened: the running server still works, the other folder is free.
      expect((await createBoard(server)).id).toMatch(/^[\w-]{22}$/);
      const other = await startTestServer(otherDir);
      await other.close();
    } finally {
      await removeDir(otherDir);
    }
  });

  it('can be closed twice', async () => {
    await Promise.all([server.close(), server.close()]);
  });
});
