import { createNote, listNotes, notesType } from '@kompas/model';
import { encodeUpdate } from '@kompas/relay';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  type Client,
  closeClients,
  closeOf,
  connectSynced,
  createBoard,
  joinBoard,
  removeDir,
  SERVER_ENGINES,
  type ServerDatabase,
  startTestServer,
  type TestServer,
  tempDir,
  waitFor,
} from './test-support.ts';

for (const engine of SERVER_ENGINES) {
  engine.describe(`on ${engine.name}`, () => {
    let database: ServerDatabase;
    let dataDir: string;
    let server: TestServer;
    let clients: Client[];

    beforeEach(async () => {
      database = await engine.open();
      dataDir = await tempDir('people');
      server = await startTestServer(dataDir, ['--max-notes', '3', ...database.argv]);
      clients = [];
    });
    afterEach(async () => {
      closeClients(...clients);
      await server.close();
      await database.drop();
      await removeDir(dataDir);
    });

    function people(boardId: string, token: string, init: { method: string; body: unknown }) {
      return fetch(`${server.url}/api/boards/${boardId}/people${init.method === 'PATCH' ? '/me' : ''}`, {
        method: init.method,
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(init.body),
      });
    }

    describe('people of a board', () => {
      it('are made by joining with an invite link, and stay the same person with their person token', async () => {
        const board = await createBoard(server);
        const joined = await joinBoard(server, board.id, board.invites.participant, ' Ans de Vries ');
        expect(joined.person).toEqual({
          id: expect.stringMatching(/^[\w-]{22}$/),
          name: 'Ans de Vries',
          role: 'participant',
        });
        const again = await people(board.id, joined.token, { method: 'POST', body: {} });
        expect(again.status).toBe(200);
        expect((await again.json()).person).toEqual(joined.person);
        // Joining twice with the link makes two people: the link is for a role, not for one person.
        const other = await joinBoard(server, board.id, board.invites.participant, 'Bram');
        expect(other.person.id).not.toBe(joined.person.id);
      });

      it('take a valid name, and can change it through the server', async () => {
        const board = await createBoard(server);
        expect(
          (await people(board.id, board.invites.participant, { method: 'POST', body: { name: '' } })).status,
        ).toBe(400);
        const tooLong = await people(board.id, board.invites.participant, {
          method: 'POST',
          body: { name: 'x'.repeat(61) },
        });
        expect(tooLong.status).toBe(400);
        const renamed = await people(board.id, board.tokens.participant, {
          method: 'PATCH',
          body: { name: 'Anna' },
        });
        expect(renamed.status).toBe(200);
        expect((await renamed.json()).person.name).toBe('Anna');
        // Renaming needs a person token: an invite link names nobody.
        expect(
          (await people(board.id, board.invites.participant, { method: 'PATCH', body: { name: 'X' } }))
            .status,
        ).toBe(401);
      });

      it('open the rooms; an invite link alone, or a person of another board, does not', async () => {
        const board = await createBoard(server);
        const other = await createBoard(server);
        expect(await closeOf(server, `/ws/${board.id}?token=${board.invites.participant}`)).toEqual({
          code: 4401,
          reason: 'join the board first',
        });
        expect(await closeOf(server, `/ws/${board.id}?token=${other.tokens.participant}`)).toEqual({
          code: 4403,
          reason: 'invalid token',
        });
        await connectSynced(server, board.id, board.tokens.participant, clients);
      });

      it('write notes under their own name only, and a board holds at most its budget of notes', async () => {
        const board = await createBoard(server);
        const ans = await connectSynced(server, board.id, board.tokens.participant, clients);
        const observer = await connectSynced(server, board.id, board.tokens.observer, clients);
        createNote(ans.doc, {
          text: 'Wij hebben drie wijkteams',
          step: 'verkennen.eigen-situatie',
          author: board.people.participant,
        });
        await waitFor(() => listNotes(observer.doc).length === 1, 'Ans’s note');
        expect(listNotes(observer.doc)[0]?.authorName).toBe('Ans');

        const refused = new Promise<{ code: number; reason: string }>((resolve) =>
          ans.provider.once('closed', (event) => resolve(event)),
        );
        createNote(ans.doc, {
          text: 'Namens Fenna',
          step: 'verkennen.partners',
          author: board.people.facilitator,
        });
        expect(await refused).toEqual({
          code: 4422,
          reason: 'invalid board data: a new note must be written under its writer’s own name',
        });

        const fenna = await connectSynced(server, board.id, board.tokens.facilitator, clients);
        const overBudget = new Promise<{ code: number; reason: string }>((resolve) =>
          fenna.provider.once('closed', (event) => resolve(event)),
        );
        const author = board.people.facilitator;
        createNote(fenna.doc, { text: 'Twee', step: 'verkennen.partners', author });
        createNote(fenna.doc, { text: 'Drie', step: 'verkennen.partners', author });
        await waitFor(() => listNotes(observer.doc).length === 3, 'the notes up to the budget');
        createNote(fenna.doc, { text: 'Vier', step: 'verkennen.partners', author });
        expect(await overBudget).toEqual({ code: 4429, reason: 'a board holds at most 3 notes' });
        expect(notesType(observer.doc).size).toBe(3);
      });

      it('may send again what the board holds, others’ notes too, as a browser does after a reload', async () => {
        const board = await createBoard(server);
        const fenna = await connectSynced(server, board.id, board.tokens.facilitator, clients);
        const observer = await connectSynced(server, board.id, board.tokens.observer, clients);
        createNote(fenna.doc, {
          text: 'Van Fenna',
          step: 'verkennen.partners',
          author: board.people.facilitator,
        });
        await waitFor(() => listNotes(observer.doc).length === 1, 'Fenna’s note');
        const ans = await connectSynced(server, board.id, board.tokens.participant, clients);
        const closes: number[] = [];
        ans.provider.on('connection-close', (event) => closes.push(event?.code ?? 0));
        // Everything Ans's browser holds, sent as one update, as y-indexeddb hands it over on a reload.
        Y.applyUpdate(ans.doc, Y.encodeStateAsUpdate(observer.doc), 'device');
        ans.provider.ws?.send(encodeUpdate(Y.encodeStateAsUpdate(ans.doc)));
        createNote(ans.doc, {
          text: 'Na het herladen',
          step: 'verkennen.partners',
          author: board.people.participant,
        });
        await waitFor(() => listNotes(observer.doc).length === 2, 'Ans’s note after the resent board');
        expect(closes).toEqual([]);
      });
    });
  });
}
