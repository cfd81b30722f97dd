import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  createNote,
  deleteNote,
  editNote,
  getNote,
  listNotes,
  moveNote,
  notesType,
  recolorNote,
} from './note.ts';
import { recoverUnsharedNotes } from './note-recovery.ts';

const ans = { id: 'ans', name: 'Ans' };

/** The server's board and a device's copy of it, in step, with three notes. */
function inStep(): { server: Y.Doc; device: Y.Doc } {
  const server = new Y.Doc();
  for (const id of ['kept', 'edited', 'gone']) {
    createNote(server, { id, text: `Note ${id}`, step: 'verkennen.opgave', author: ans }, { now: 1 });
  }
  const device = new Y.Doc();
  Y.applyUpdate(device, Y.encodeStateAsUpdate(server));
  return { server, device };
}

describe('recoverUnsharedNotes', () => {
  it('brings over what the server never received, and only that', () => {
    const { server, device } = inStep();
    // Meanwhile on the server: someone deletes a note.
    deleteNote(server, 'gone');
    // On the device, never sent: a new note, changes to a note, and a change the server would refuse.
    createNote(
      device,
      { id: 'new', text: 'Written offline', step: 'richten.ambitie', author: ans },
      { now: 5 },
    );
    editNote(device, 'edited', 'Edited offline', { now: 6 });
    moveNote(device, 'edited', 'richten.ambitie', { r: 0.3, t: 0.4 }, { now: 6 });
    recolorNote(device, 'edited', 'blue', { now: 6 });
    notesType(device).set('broken', 42);

    const recovered = recoverUnsharedNotes(device, server);

    expect(recovered).toEqual({ added: ['new'], updated: ['edited'] });
    expect(getNote(server, 'new')).toMatchObject({
      text: 'Written offline',
      step: 'richten.ambitie',
      createdAt: 5,
    });
    expect(getNote(server, 'edited')).toMatchObject({
      text: 'Edited offline',
      step: 'richten.ambitie',
      pos: { r: 0.3, t: 0.4 },
      color: 'blue',
    });
    // The deletion the device missed stands, and the refused value stays behind.
    expect(getNote(server, 'gone')).toBeUndefined();
    expect(notesType(server).has('broken')).toBe(false);
    expect(
      listNotes(server)
        .map((note) => note.id)
        .sort(),
    ).toEqual(['edited', 'kept', 'new']);
  });

  it('changes nothing when the device sent everything', () => {
    const { server, device } = inStep();
    editNote(device, 'edited', 'Sent in time');
    Y.applyUpdate(server, Y.encodeStateAsUpdate(device, Y.encodeStateVector(server)));
    editNote(server, 'edited', 'Edited again by someone else');

    expect(recoverUnsharedNotes(device, server)).toEqual({ added: [], updated: [] });
    expect(getNote(server, 'edited')?.text).toBe('Edited again by someone else');
  });
});
