import { setBoardLock } from '@kompas/model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { roomValidator } from './rooms.ts';

/** What the control room's validator says of a lock set by someone in `role`. */
function verdictOnLock(role: string): unknown {
  const people = { get: () => undefined } as unknown as Parameters<typeof roomValidator>[0]['people'];
  const validate = roomValidator({ people, maxNotes: 10 })('AAAAAAAAAAAAAAAAAAAAAA.control');
  if (!validate) throw new Error('the control room has a validator');
  const doc = new Y.Doc();
  let verdict: unknown;
  doc.on('afterTransaction', (transaction: Y.Transaction) => {
    verdict = validate(doc, transaction, { writer: { person: 'p', role }, companion: null });
  });
  setBoardLock(doc, 'board');
  return verdict;
}

describe('the control room validator', () => {
  it('takes valid facilitation state from facilitators only, even if a read-only room let a write through', () => {
    expect(verdictOnLock('facilitator')).toBeNull();
    for (const role of ['participant', 'observer', 'unknown']) {
      expect(verdictOnLock(role)).toBe('only facilitators write the facilitation state');
    }
  });
});
