import { getBoardMeta, initBoard, listNotes } from '@kompas/model';
import { describe, expect, it } from 'vitest';
import { detailsAreFacilitators } from './lead-actions.ts';
import { samePlace, testBoard } from './test-board.ts';

/** A board as it arrives from the server: created without a joint task, which is to be filled in later. */
function board(role: 'facilitator' | 'participant' | 'observer') {
  const opened = testBoard(role, 'fenna');
  initBoard(opened.docs.doc, { title: 'Zorgregio West', task: '', createdAt: 1 });
  return opened;
}

describe('editing the workshop’s title and joint task', () => {
  it('writes a facilitator’s title and task to the board, where everyone on it reads them', () => {
    const facilitator = board('facilitator');
    const task = 'Samen de wijkzorg organiseren, met de huisartsen en de gemeente';
    expect(facilitator.core.lead.editDetails({ title: 'Zorgregio West 2025', task })).toBeNull();
    expect(getBoardMeta(facilitator.docs.doc)).toMatchObject({ title: 'Zorgregio West 2025', task });
    expect(facilitator.refusals).toEqual([]);
  });

  it('is not part of anyone’s note history: undo leaves the title and task alone', () => {
    const facilitator = board('facilitator');
    facilitator.core.lead.editDetails({ task: 'Samen de wijkzorg organiseren' });
    expect(facilitator.docs.undo.canUndo()).toBe(false);
    facilitator.core.undo('undo');
    expect(getBoardMeta(facilitator.docs.doc)?.task).toBe('Samen de wijkzorg organiseren');
  });

  it('refuses participants and observers, and writes nothing', () => {
    const facilitator = board('facilitator');
    for (const role of ['participant', 'observer'] as const) {
      const other = samePlace(facilitator, role, `p-${role}`);
      expect(other.core.lead.editDetails({ title: 'Overgenomen' })).toBe(detailsAreFacilitators());
    }
    expect(getBoardMeta(facilitator.docs.doc)?.title).toBe('Zorgregio West');
  });

  it('refuses a title or task the board cannot hold, saying why', () => {
    const facilitator = board('facilitator');
    const { lead } = facilitator.core;
    const titleRule = 'A title has 1 to 120 characters, on one line.';
    expect(lead.editDetails({ title: '  ' })).toBe(titleRule);
    expect(lead.editDetails({ title: 'Nieuw', task: 't'.repeat(501) })).toBe(
      'The joint task has at most 500 characters.',
    );
    expect(lead.editDetails({ title: 'Twee\nregels' })).toBe(titleRule);
    expect(getBoardMeta(facilitator.docs.doc)).toMatchObject({ title: 'Zorgregio West', task: '' });
    expect(listNotes(facilitator.docs.doc)).toEqual([]);
  });

  it('waits for the board to arrive before changing it', () => {
    const { core } = testBoard('facilitator');
    expect(core.lead.editDetails({ title: 'Nieuw' })).toBe(
      'The board has not loaded yet; try again in a moment.',
    );
  });
});
