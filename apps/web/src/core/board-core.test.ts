import {
  getFacilitation,
  getNote,
  getPhase,
  latestVotingRound,
  listNotes,
  readBoardLock,
  readPhaseHistory,
  roundVotes,
  setBoardLock,
  setStepStatus,
  startFacilitation,
  startPrivateRound,
} from '@kompas/model';
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { samePlace, testBoard } from './test-board.ts';

const pos = { r: 0.5, t: 0.5 };
/** Where a board records its schema's migrations (the model's SCHEMA_KEY). */
const SCHEMA = 'schema';

function note(id: string, step = 'verkennen.partners') {
  return { id, text: `Note ${id}`, step, pos, color: 'yellow' as const };
}

describe('the board core’s notes', () => {
  it('puts a new note on the board, and into the drafts while a silent brainstorm runs', () => {
    const { docs, core } = testBoard('participant');
    core.notes.create(note('a'));
    startPrivateRound(docs.controlDoc, { actor: 'fac' });
    core.notes.create(note('b'));
    expect(listNotes(docs.doc).map((n) => n.id)).toEqual(['a']);
    expect(listNotes(docs.draftsDoc).map((n) => n.id)).toEqual(['b']);
    core.notes.edit({ id: 'b', text: 'Changed' });
    expect(getNote(docs.draftsDoc, 'b')?.text).toBe('Changed');
  });

  it('refuses to change someone else’s draft, even for a facilitator', () => {
    const board = testBoard('participant');
    startPrivateRound(board.docs.controlDoc, { actor: 'fac' });
    board.core.notes.create(note('mine'));
    const facilitator = samePlace(board, 'facilitator', 'fac');
    facilitator.core.notes.edit({ id: 'mine', text: 'Not yours' });
    expect(getNote(board.docs.draftsDoc, 'mine')?.text).toBe('Note mine');
    expect(facilitator.refusals).toEqual([
      'Only its author can change a private note before it is revealed.',
    ]);
  });

  it('lets only its author or a facilitator delete a note', () => {
    const board = testBoard('participant');
    board.core.notes.create(note('a'));
    const other = samePlace(board, 'participant', 'bob');
    expect(other.core.permissions.mayDelete({ authorId: 'ann' })).toBe(false);
    other.core.notes.delete('a');
    expect(getNote(board.docs.doc, 'a')).toBeDefined();
    expect(other.refusals).toEqual(['Only its author or a facilitator can delete this note.']);
    samePlace(board, 'facilitator', 'fac').core.notes.delete('a');
    expect(getNote(board.docs.doc, 'a')).toBeUndefined();
  });

  it('changes nothing for an observer, nor on a board saved by a newer Kompas', () => {
    const observer = testBoard('observer');
    expect(observer.core.readOnly).toBe(true);
    observer.core.notes.create(note('a'));
    expect(listNotes(observer.docs.doc)).toEqual([]);

    const newer = testBoard('participant');
    newer.docs.doc.getMap(SCHEMA).set('kompas.board/99-future', 99);
    expect(newer.core.readOnly).toBe(true);
    newer.core.notes.create(note('a'));
    expect(listNotes(newer.docs.doc)).toEqual([]);
  });

  it('places and takes back a vote in the open round', () => {
    const board = testBoard('participant');
    board.core.notes.create(note('a'));
    const facilitator = samePlace(board, 'facilitator', 'fac');
    facilitator.core.lead.openVoting({ budget: 3, scope: { kind: 'board' }, results: 'live' });
    const votes = () => {
      const round = latestVotingRound(board.docs.controlDoc);
      return round ? roundVotes(board.docs.doc, round).length : -1;
    };
    board.core.notes.vote('a', false);
    board.core.notes.vote('a', false);
    expect(votes()).toBe(2);
    board.core.notes.vote('a', true);
    expect(votes()).toBe(1);
    expect(board.refusals).toEqual([]);
  });
});

/** Marks every step of Verkennen done except `open`. */
function closeStepsBut(controlDoc: Y.Doc, open?: string): void {
  for (const step of getPhase('verkennen').steps) {
    if (step.id !== open) setStepStatus(controlDoc, step.id, 'done');
  }
}

describe('the board core’s leading', () => {
  it('does nothing a participant asks of the facilitator', () => {
    const { docs, core } = testBoard('participant');
    core.lead.startWorkshop();
    core.lead.setLock('board');
    expect(getFacilitation(docs.controlDoc).started).toBe(false);
    expect(readBoardLock(docs.controlDoc).mode).toBe('none');
  });

  it('asks before moving on from open steps, then moves from the phase the facilitator saw', () => {
    const { docs, core } = testBoard('facilitator', 'fac');
    core.lead.startWorkshop();
    closeStepsBut(docs.controlDoc, 'verkennen.partners');
    const question = core.lead.nextPhase();
    expect(question?.kind === 'open-steps' && question.steps.map((step) => step.id)).toEqual([
      'verkennen.partners',
    ]);
    expect(getFacilitation(docs.controlDoc).phase).toBe('verkennen');
    // A co-facilitator moves the group on meanwhile: the answer does not move it a second time.
    samePlace({ docs, core, refusals: [] }, 'facilitator', 'eve').core.lead.moveOn(question?.from);
    core.lead.moveOn(question?.from);
    expect(getFacilitation(docs.controlDoc).phase).toBe('richten');
    expect(readPhaseHistory(docs.controlDoc)).toHaveLength(2);
  });

  it('moves on at once when no step is open', () => {
    const { docs, core } = testBoard('facilitator', 'fac');
    core.lead.startWorkshop();
    closeStepsBut(docs.controlDoc);
    expect(core.lead.nextPhase()).toBeNull();
    expect(getFacilitation(docs.controlDoc).phase).toBe('richten');
  });
});

describe('the board core under the lock', () => {
  it('closes every phase but the current one to participants only', () => {
    const board = testBoard('participant');
    startFacilitation(board.docs.controlDoc, { actor: 'fac' });
    setBoardLock(board.docs.controlDoc, 'other-phases', { actor: 'fac' });
    expect(board.core.lockApplies).toBe(true);
    expect(board.core.lockedPhases).toEqual(['richten', 'inrichten', 'aan-de-slag']);
    expect(board.core.lockedPhases).toBe(board.core.lockedPhases);
    expect(samePlace(board, 'facilitator', 'fac').core.lockApplies).toBe(false);
  });

  it('refuses an undo that would change a locked phase, and takes it back', () => {
    const board = testBoard('participant');
    startFacilitation(board.docs.controlDoc, { actor: 'fac' });
    board.core.notes.create(note('a'));
    setBoardLock(board.docs.controlDoc, 'board', { actor: 'fac' });
    board.core.undo('undo');
    expect(getNote(board.docs.doc, 'a')).toBeDefined();
    expect(board.refusals).toEqual([
      'The facilitator has locked the board for now; notes cannot be added or changed.',
    ]);
    setBoardLock(board.docs.controlDoc, 'none', { actor: 'fac' });
    board.core.undo('undo');
    expect(getNote(board.docs.doc, 'a')).toBeUndefined();
  });
});
