import { createNote, listNotes, readBoardLock, setBoardLock } from '@kompas/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Arena, MARK, STEP } from './adversary-arena.ts';
import { connectRecorded, type HostileClient, type RecordedClient } from './hostile-client.ts';
import { type Client, closeOf, joinBoard, waitFor } from './test-support.ts';

/**
 * Hostile clients in rooms they may only read (an observer anywhere, a participant in the control room), and in
 * the drafts room, which a participant may only add to. Writes are dropped and counted, never closed, relayed
 * or stored; nothing of anyone else's drafts reaches a participant; an observer cannot open the drafts.
 */

let arena: Arena;
let controlRoom: string;
/** The facilitator's honest client in the control room, who writes the barrier there. */
let fennaControl: Client;
/** An honest observer in the control room, who must never receive a dropped write. */
let controlWatcher: RecordedClient;

beforeEach(async () => {
  arena = await Arena.open();
  controlRoom = `${arena.board.id}.control`;
  fennaControl = await arena.honest(controlRoom, arena.board.tokens.facilitator);
  controlWatcher = await connectRecorded(
    arena.server,
    controlRoom,
    arena.board.tokens.observer,
    arena.clients,
  );
});
afterEach(() => arena.close());

/** What a hostile client writes to the control room: the whole board locked, phases visited, in its name. */
function seizeControl(client: HostileClient): void {
  client.write((doc) => {
    doc.getMap('lock').set('current', { mode: 'board', at: Date.now(), actor: MARK });
    doc.getArray('phaseHistory').push([{ phase: 'aan-de-slag', round: 9, at: Date.now(), actor: MARK }]);
  });
}

/** Fenna changes the lock through the model, and the watcher receives it: the control room's barrier. */
async function expectControlNotRelayed(): Promise<void> {
  setBoardLock(fennaControl.doc, 'other-phases', { actor: 'fenna' });
  await waitFor(() => readBoardLock(controlWatcher.doc).mode === 'other-phases', 'Fenna’s lock');
  expect(controlWatcher.received().includes(MARK)).toBe(false);
}

describe('a hostile participant in the control room', () => {
  it('has its writes dropped and counted: not closed, not relayed, not stored', async () => {
    const ans = await arena.hostile(arena.board.tokens.participant, controlRoom);
    const dropped = arena.server.stats().droppedWrites;
    seizeControl(ans);
    await ans.roundTrip();
    expect(ans.open).toBe(true);
    expect(arena.server.stats().droppedWrites).toBe(dropped + 1);
    await expectControlNotRelayed();
    const { control } = await arena.expectNotStored();
    expect(readBoardLock(control)).toMatchObject({ mode: 'other-phases', actor: 'fenna' });
    expect(control.getArray('phaseHistory').length).toBe(0);
  });
});

describe('a hostile observer', () => {
  it('has every document write dropped and counted, on the board and in the control room', async () => {
    const { board } = arena;
    const onBoard = await arena.hostile(board.tokens.observer);
    const inControl = await arena.hostile(board.tokens.observer, controlRoom);
    const dropped = arena.server.stats().droppedWrites;
    onBoard.write((doc) =>
      doc.getMap('notes').set('n', arena.noteMap({ authorId: board.people.observer.id, authorName: 'Otto' })),
    );
    onBoard.write((doc) => doc.getMap('meta').set('title', MARK));
    seizeControl(inControl);
    await onBoard.roundTrip();
    await inControl.roundTrip();
    expect([onBoard.open, inControl.open]).toEqual([true, true]);
    expect(arena.server.stats().droppedWrites).toBe(dropped + 3);

    await arena.expectNotRelayed();
    await expectControlNotRelayed();
    const { content, control } = await arena.expectNotStored();
    expect(content.getMap('notes').has('n')).toBe(false);
    expect(control.getArray('phaseHistory').length).toBe(0);
  });

  it('cannot open the drafts room', async () => {
    expect(
      await closeOf(arena.server, `/ws/${arena.board.id}.drafts?token=${arena.board.tokens.observer}`),
    ).toEqual({ code: 4403, reason: 'not for this role' });
  });
});

describe('a hostile participant in the drafts room', () => {
  it("receives nothing of anyone else's drafts, and may add its own", async () => {
    const { board } = arena;
    const draftsRoom = `${board.id}.drafts`;
    const bram = await joinBoard(arena.server, board.id, board.invites.participant, 'Bram');
    const bramsDrafts = await arena.honest(draftsRoom, bram.token);
    const fennasDrafts = await arena.honest(draftsRoom, board.tokens.facilitator);
    createNote(bramsDrafts.doc, { text: `${MARK} van Bram`, step: STEP, author: bram.person });
    await waitFor(() => listNotes(fennasDrafts.doc).length === 1, 'Bram’s first draft to be stored');

    const ans = await arena.hostile(board.tokens.participant, draftsRoom);
    createNote(bramsDrafts.doc, { text: `${MARK} nog een`, step: STEP, author: bram.person });
    ans.write((doc) => doc.getMap('notes').set('own', arena.noteMap({ text: 'van Ans' })));
    await waitFor(() => listNotes(fennasDrafts.doc).length === 3, 'all three drafts to reach Fenna');
    // Asked again for everything it lacks, the server still answers that the room holds nothing.
    await ans.roundTrip();

    expect(listNotes(ans.doc).map((note) => note.text)).toEqual(['van Ans']);
    expect(ans.received().includes(MARK)).toBe(false);
    expect(ans.open).toBe(true);
  });
});
