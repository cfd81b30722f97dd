import { ModelError } from '@kompas/model';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { newBoardId } from './board-id.ts';
import { MAX_PEOPLE_PER_BOARD, People, PeopleLimitError } from './people.ts';
import { ENGINES, openPeopleStore, type SharedDatabase } from './store-engines.ts';

for (const engine of ENGINES) {
  engine.describe(`the people of boards on ${engine.name}`, () => {
    let database: SharedDatabase;
    const boardId = newBoardId();
    beforeEach(async () => {
      database = await engine.open();
    });
    afterEach(async () => {
      await database.drop();
    });

    /** The people registry of one more server on the database. */
    async function server(max = MAX_PEOPLE_PER_BOARD): Promise<People> {
      return new People(await openPeopleStore(database.connect()), max);
    }

    it('makes people with checked names, and keeps them apart per board', async () => {
      const people = await server();
      const ans = await people.join(boardId, 'participant', ' Ans de Vries ', 1000);
      expect(ans).toEqual({
        id: expect.stringMatching(/^[\w-]{22}$/),
        boardId,
        role: 'participant',
        name: 'Ans de Vries',
        joinedAt: 1000,
      });
      expect(people.get(boardId, ans.id)).toEqual(ans);
      expect(await people.load(boardId, ans.id)).toEqual(ans);
      expect(await people.load(newBoardId(), ans.id)).toBeUndefined();
      await expect(people.join(boardId, 'participant', '')).rejects.toThrow(ModelError);
      await expect(people.rename(boardId, ans.id, 'x'.repeat(61))).rejects.toThrow(ModelError);
      expect(await people.rename(boardId, 'nobody', 'Bram')).toBeUndefined();
      expect(await people.rename(boardId, ans.id, 'Anna')).toEqual({ ...ans, name: 'Anna' });
      expect(people.get(boardId, ans.id)?.name).toBe('Anna');
    });

    it('lists everyone of a board in the order they joined, once the board is loaded', async () => {
      const here = await server();
      const there = await server();
      const fenna = await here.join(boardId, 'facilitator', 'Fenna', 1000);
      const otto = await there.join(boardId, 'observer', 'Otto', 3000);
      const ans = await there.join(boardId, 'participant', 'Ans', 2000);
      await there.join(newBoardId(), 'participant', 'Elders', 1500);
      expect(here.list(boardId)).toEqual([fenna]);
      expect(await here.loadBoard(boardId)).toEqual([fenna, ans, otto]);
      expect(here.list(boardId)).toEqual([fenna, ans, otto]);
    });

    it('knows a person who joined through another server once they are loaded, and their new name from then', async () => {
      const a = await server();
      const b = await server();
      const ans = await a.join(boardId, 'participant', 'Ans');
      // What the write rules ask, synchronously, before the person opened a room here.
      expect(b.get(boardId, ans.id)).toBeUndefined();
      expect(await b.load(boardId, ans.id)).toEqual(ans);
      expect(b.get(boardId, ans.id)).toEqual(ans);
      await a.rename(boardId, ans.id, 'Anna');
      // Connections opened before the rename keep the name they opened with...
      expect(b.get(boardId, ans.id)?.name).toBe('Ans');
      // ...the next one reads it afresh.
      await b.load(boardId, ans.id);
      expect(b.get(boardId, ans.id)?.name).toBe('Anna');
    });

    it('holds the most people per board across servers joining at once', async () => {
      const max = 5;
      const servers = [await server(max), await server(max)];
      const joins = await Promise.allSettled(
        Array.from({ length: 12 }, (_, i) => servers[i % 2]?.join(boardId, 'participant', `Deelnemer ${i}`)),
      );
      const joined = joins.filter((join) => join.status === 'fulfilled');
      const refused = joins.flatMap((join) => (join.status === 'rejected' ? [join.reason] : []));
      expect(joined).toHaveLength(max);
      expect(refused).toHaveLength(12 - max);
      for (const reason of refused) expect(reason).toBeInstanceOf(PeopleLimitError);
      expect(await servers[0]?.loadBoard(boardId)).toHaveLength(max);
      // Another board has places of its own.
      await expect(servers[1]?.join(newBoardId(), 'observer', 'Otto')).resolves.toMatchObject({
        name: 'Otto',
      });
    });
  });
}
