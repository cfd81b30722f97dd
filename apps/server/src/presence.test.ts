import { parseRecordingPresence } from '@kompas/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  type Client,
  type CreatedBoard,
  closeClients,
  connectSynced,
  createBoard,
  removeDir,
  SERVER_ENGINES,
  type ServerDatabase,
  startTestServer,
  type TestServer,
  tempDir,
  waitFor,
} from './test-support.ts';

/* The server passes the model's presence check to the relay: what others see and the replay records. */

for (const engine of SERVER_ENGINES) {
  engine.describe(`on ${engine.name}`, () => {
    let database: ServerDatabase;
    let dataDir: string;
    let server: TestServer;
    let clients: Client[];

    beforeEach(async () => {
      database = await engine.open();
      dataDir = await tempDir('presence');
      server = await startTestServer(dataDir, database.argv);
      clients = [];
    });
    afterEach(async () => {
      closeClients(...clients);
      await server.close();
      await database.drop();
      await removeDir(dataDir);
    });

    /** Someone's presence user: their person id and the name they joined with, as the server checks them. */
    const user = (person: { id: string; name: string }) => ({
      id: person.id,
      name: person.name,
      color: '#2b8a3e',
    });

    /** Every state with a user that `viewer` was shown for `sender` (not the empty one every tab starts with). */
    function statesSeen(viewer: Client, sender: Client): unknown[] {
      const seen: unknown[] = [];
      viewer.provider.awareness.on('change', () => {
        const state = viewer.provider.awareness.getStates().get(sender.doc.clientID);
        if (state?.user) seen.push(state);
      });
      return seen;
    }

    /** The names in the board's recorded presence since `from`. */
    async function recordedNames(board: CreatedBoard, from: number): Promise<string[]> {
      const response = await fetch(
        `${server.url}/api/boards/${board.id}/replay/presence?from=${from}&to=${Date.now()}`,
        {
          headers: { Authorization: `Bearer ${board.tokens.observer}` },
        },
      );
      expect(response.status).toBe(200);
      const { samples } = parseRecordingPresence(await response.json());
      return samples.map((sample) => (sample.state?.user as { name?: string } | undefined)?.name ?? '');
    }

    describe('presence on a board', () => {
      it("passes on only states that follow the model's schema", async () => {
        const board = await createBoard(server);
        const ana = await connectSynced(server, board.id, board.tokens.participant, clients);
        const bo = await connectSynced(server, board.id, board.tokens.participant, clients);
        const seen = statesSeen(bo, ana);
        const valid = (x: number) => ({ user: user(board.people.participant), cursor: { x, y: 0 } });
        ana.provider.awareness.setLocalState(valid(1));
        await waitFor(() => seen.length === 1, "Ana's first presence");
        // Past the 50 ms a connection waits between two presence updates, so none of these is held back.
        await new Promise((resolve) => setTimeout(resolve, 100));
        ana.provider.awareness.setLocalState({ ...valid(2), avatar: 'https://example.org/x.png' });
        ana.provider.awareness.setLocalState({
          user: { ...user(board.people.participant), name: '' },
          cursor: null,
        });
        // Another person's id, or another name than the one registered, is someone else.
        ana.provider.awareness.setLocalState({ user: user(board.people.facilitator), cursor: null });
        ana.provider.awareness.setLocalState({
          user: { ...user(board.people.participant), name: 'Fenna' },
          cursor: null,
        });
        ana.provider.awareness.setLocalState(valid(3));
        await waitFor(() => seen.length > 1, "Ana's next presence");
        expect(seen).toEqual([valid(1), valid(3)]);
      });

      it("keeps an observer's presence from the others and from the recording", async () => {
        const from = Date.now();
        const board = await createBoard(server);
        const ana = await connectSynced(server, board.id, board.tokens.participant, clients);
        const olga = await connectSynced(server, board.id, board.tokens.observer, clients);
        const seen = statesSeen(ana, olga);
        olga.provider.awareness.setLocalState({ user: user(board.people.observer), cursor: { x: 1, y: 1 } });
        ana.provider.awareness.setLocalState({
          user: user(board.people.participant),
          cursor: { x: 2, y: 2 },
        });
        await waitFor(
          () => olga.provider.awareness.getStates().get(ana.doc.clientID)?.user?.name === 'Ans',
          "Ana's presence at the observer",
        );
        // The relay records in the order it applies presence: Ana's sample comes after any of Olga's.
        let names: string[] = [];
        for (let attempt = 0; attempt < 100 && !names.includes('Ans'); attempt++) {
          names = await recordedNames(board, from);
          if (!names.includes('Ans')) await new Promise((resolve) => setTimeout(resolve, 20));
        }
        expect(names).toContain('Ans');
        expect(names).not.toContain('Otto');
        expect(seen).toEqual([]);
      });
    });
  });
}
