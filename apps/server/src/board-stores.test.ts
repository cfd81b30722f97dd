import { getBoardMeta, ModelError } from '@kompas/model';
import { MemoryStorage } from '@kompas/relay';
import { afterEach, beforeEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newBoardId } from './board-id.ts';
import { type BoardRecord, type BoardStore, Boards } from './boards.ts';
import { ENGINES, openBoardStore, type SharedDatabase } from './store-engines.ts';

function board(createdAt: number, title = 'Regio-overleg'): BoardRecord {
  return { id: newBoardId(), title, task: 'Samen zorg organiseren', createdAt };
}

for (const engine of ENGINES) {
  engine.describe(`the board registry on ${engine.name}`, () => {
    let database: SharedDatabase;
    let store: BoardStore;
    beforeEach(async () => {
      database = await engine.open();
      store = await openBoardStore(database.connect());
    });
    afterEach(async () => {
      await database.drop();
    });

    it('finds a board by id, lists them newest first, and knows no others', async () => {
      const older = board(1_700_000_000_000);
      const newer = board(1_700_000_060_000, 'Tweede');
      await store.insert(older);
      await store.insert(newer);
      expect(await store.get(older.id)).toEqual(older);
      expect(await store.ids()).toEqual([newer.id, older.id]);
      expect(await store.get(newBoardId())).toBeUndefined();
    });

    it('keeps a new title and task', async () => {
      const kept = board(1_700_000_000_000);
      await store.insert(kept);
      await store.retitle(kept.id, { title: 'Nieuw', task: 'Anders' });
      expect(await store.get(kept.id)).toEqual({ ...kept, title: 'Nieuw', task: 'Anders' });
      await store.retitle(newBoardId(), { title: 'Niemand', task: '' });
      expect(await store.ids()).toEqual([kept.id]);
    });

    it('is shared by every server on the database, each starting on the schema the first made', async () => {
      const made = board(1_700_000_000_000);
      await store.insert(made);
      const other = await openBoardStore(database.connect());
      expect(await other.get(made.id)).toEqual(made);
    });

    it('registers a board only once its first state is stored, and not one the model refuses', async () => {
      const storage = new MemoryStorage();
      const boards = new Boards(store, (room, update, meta) => storage.append(room, update, meta));
      const created = await boards.create({ title: ' Wijkzorg ', task: 'Wie doet wat' }, 1_700_000_000_000);
      expect(await boards.get(created.id)).toEqual(created);
      const doc = new Y.Doc();
      const stored = await storage.load(created.id);
      Y.applyUpdate(doc, stored.state ?? new Uint8Array());
      expect(getBoardMeta(doc)).toMatchObject({ title: created.title, task: 'Wie doet wat' });
      doc.destroy();
      await expect(boards.create({ title: '', task: '' })).rejects.toThrow(ModelError);
      expect(await boards.ids()).toEqual([created.id]);
    });
  });
}
