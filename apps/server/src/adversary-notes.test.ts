import { getBoardMeta, getNote, listNotes, setBoardLock, startFacilitation } from '@kompas/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { Arena, MARK, refused, STEP } from './adversary-arena.ts';
import { waitFor } from './test-support.ts';

/**
 * A hostile participant writes notes and the board's title with Yjs directly, over the raw protocol, against a
 * real server. Each refused write closes it with 4422 and its reason; the honest observer never receives it, and
 * storage never holds it.
 */

const LOCKED_STEP = 'richten.belangen';

let arena: Arena;
beforeEach(async () => {
  arena = await Arena.open();
});
afterEach(() => arena.close());

function storedNote(doc: Y.Doc, id: string): Y.Map<unknown> {
  return doc.getMap('notes').get(id) as Y.Map<unknown>;
}

describe('a hostile participant writing notes', () => {
  it("cannot create a note under another person's id", async () => {
    const ans = await arena.hostile(arena.board.tokens.participant);
    ans.write((doc) =>
      doc
        .getMap('notes')
        .set('forged', arena.noteMap({ authorId: arena.board.people.facilitator.id, authorName: 'Fenna' })),
    );
    expect(await ans.closeOf()).toEqual(refused('under its writer’s own name'));
    await arena.expectNotRelayed();
    const { content: stored } = await arena.expectNotStored();
    expect(stored.getMap('notes').has('forged')).toBe(false);
  });

  it("cannot create a note under its own id with another person's registered name", async () => {
    const ans = await arena.hostile(arena.board.tokens.participant);
    ans.write((doc) => doc.getMap('notes').set('forged', arena.noteMap({ authorName: 'Fenna' })));
    expect(await ans.closeOf()).toEqual(refused('its writer’s registered name'));
    await arena.expectNotRelayed();
    expect((await arena.expectNotStored()).content.getMap('notes').has('forged')).toBe(false);
  });

  const FIXED_FIELDS = [
    ['authorId', () => arena.board.people.participant.id, () => arena.board.people.observer.id],
    ['authorName', () => MARK, () => MARK],
    ['createdAt', () => 1, () => 1],
  ] as const;
  for (const [field, onFennas, onOwn] of FIXED_FIELDS) {
    it(`cannot change the ${field} of anyone's note, its own included`, async () => {
      const fennas = await arena.honestNote('facilitator');
      const own = await arena.honestNote('participant');
      for (const [note, value] of [
        [fennas, onFennas()],
        [own, onOwn()],
      ] as const) {
        const ans = await arena.hostile(arena.board.tokens.participant);
        ans.write((doc) => storedNote(doc, note.id).set(field, value));
        expect(await ans.closeOf()).toEqual(refused('author and creation time never change'));
      }
      await arena.expectNotRelayed();
      expect(getNote(arena.watcher.doc, fennas.id)).toEqual(fennas);
      const { content: stored } = await arena.expectNotStored();
      expect(getNote(stored, fennas.id)).toEqual(fennas);
      expect(getNote(stored, own.id)).toEqual(own);
    });
  }

  it("may move, edit and recolour another person's note", async () => {
    const fennas = await arena.honestNote('facilitator');
    const ans = await arena.hostile(arena.board.tokens.participant);
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
    await waitFor(
      () => getNote(arena.watcher.doc, fennas.id)?.text === text,
      'the edit to reach the watcher',
    );
    expect(getNote(arena.watcher.doc, fennas.id)).toEqual(expected);
    expect(ans.open).toBe(true);
    expect(getNote((await arena.expectNotStored()).content, fennas.id)).toEqual(expected);
  });

  it("cannot delete another person's note; its author and a facilitator can", async () => {
    const fennas = await arena.honestNote('facilitator');
    const own = await arena.honestNote('participant');
    const another = await arena.honestNote('participant', STEP, 'van Ans, door Fenna weg');

    const ans = await arena.hostile(arena.board.tokens.participant);
    ans.write((doc) => doc.getMap('notes').delete(fennas.id));
    expect(await ans.closeOf()).toEqual(refused('only its author or a facilitator may delete'));
    await arena.expectNotRelayed();
    expect(getNote(arena.watcher.doc, fennas.id)).toEqual(fennas);

    const author = await arena.hostile(arena.board.tokens.participant);
    author.write((doc) => doc.getMap('notes').delete(own.id));
    const facilitator = await arena.hostile(arena.board.tokens.facilitator);
    facilitator.write((doc) => doc.getMap('notes').delete(another.id));
    await author.roundTrip();
    await facilitator.roundTrip();
    await waitFor(
      () => getNote(arena.watcher.doc, another.id) === undefined,
      'the deletions to reach the watcher',
    );
    expect(getNote(arena.watcher.doc, own.id)).toBeUndefined();

    const { content: stored } = await arena.expectNotStored();
    expect(getNote(stored, fennas.id)).toEqual(fennas);
    expect(listNotes(stored).map((note) => note.id)).not.toContain(own.id);
  });

  it('cannot change the title or the task; a facilitator can', async () => {
    for (const key of ['title', 'task']) {
      const ans = await arena.hostile(arena.board.tokens.participant);
      ans.write((doc) => doc.getMap('meta').set(key, MARK));
      expect(await ans.closeOf()).toEqual(refused('only facilitators change the board’s title and task'));
    }
    await arena.expectNotRelayed();

    const facilitator = await arena.hostile(arena.board.tokens.facilitator);
    facilitator.write((doc) => doc.getMap('meta').set('title', 'Nieuwe titel'));
    await facilitator.roundTrip();
    await waitFor(() => getBoardMeta(arena.watcher.doc)?.title === 'Nieuwe titel', 'the new title');
    expect(getBoardMeta((await arena.expectNotStored()).content)).toMatchObject({
      title: 'Nieuwe titel',
      task: expect.any(String),
    });
  });
});

describe('a hostile participant against a locked phase', () => {
  it('cannot create, move into, move out of or edit notes of a locked phase', async () => {
    const inLockedPhase = await arena.honestNote('facilitator', LOCKED_STEP);
    const own = await arena.honestNote('participant');
    const control = await arena.honest(`${arena.board.id}.control`, arena.board.tokens.facilitator);
    const controlWatcher = await arena.honest(`${arena.board.id}.control`, arena.board.tokens.observer);
    startFacilitation(control.doc);
    setBoardLock(control.doc, 'other-phases');
    await waitFor(() => controlWatcher.doc.getMap('lock').size === 1, 'the lock to be stored');

    const attacks: [string, (doc: Y.Doc) => void][] = [
      ['create', (doc) => doc.getMap('notes').set('new', arena.noteMap({ step: LOCKED_STEP }))],
      ['move into', (doc) => storedNote(doc, own.id).set('step', LOCKED_STEP)],
      ['move out of', (doc) => storedNote(doc, inLockedPhase.id).set('step', STEP)],
      ['edit', (doc) => storedNote(doc, inLockedPhase.id).set('text', MARK)],
    ];
    for (const [what, attack] of attacks) {
      const ans = await arena.hostile(arena.board.tokens.participant);
      ans.write(attack);
      expect({ what, ...(await ans.closeOf()) }).toEqual({ what, ...refused('Richten is locked') });
    }
    // The phase the group is in stays open.
    const ans = await arena.hostile(arena.board.tokens.participant);
    ans.write((doc) => doc.getMap('notes').set('open', arena.noteMap({ text: 'in Verkennen' })));
    await ans.roundTrip();
    await waitFor(() => getNote(arena.watcher.doc, 'open') !== undefined, 'the note in the open phase');

    // Locking the whole board closes that one too.
    setBoardLock(control.doc, 'board');
    await waitFor(() => controlWatcher.doc.getMap('lock').get('current') !== undefined, 'the lock');
    await waitFor(
      () => (controlWatcher.doc.getMap('lock').get('current') as { mode: string }).mode === 'board',
      'the board lock to be stored',
    );
    const again = await arena.hostile(arena.board.tokens.participant);
    again.write((doc) => doc.getMap('notes').set('closed', arena.noteMap()));
    expect(await again.closeOf()).toEqual(refused('Verkennen is locked'));

    await arena.expectNotRelayed();
    const { content: stored } = await arena.expectNotStored();
    expect(getNote(stored, inLockedPhase.id)).toEqual(inLockedPhase);
    expect(getNote(stored, own.id)).toEqual(own);
    expect(getNote(stored, 'open')?.text).toBe('in Verkennen');
    expect(getNote(stored, 'new')).toBeUndefined();
  });
});
