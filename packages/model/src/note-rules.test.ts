import { describe, expect, it } from 'vitest';
import { mayChangeDraft, mayDeleteNote } from './note-rules.ts';

describe('who may change or delete a note', () => {
  const note = { authorId: 'ann' };

  it('lets only a draft’s author change it, not even a facilitator', () => {
    expect(mayChangeDraft(note, 'ann')).toBe(true);
    expect(mayChangeDraft(note, 'bob')).toBe(false);
  });

  it('lets its author and every facilitator delete a note', () => {
    expect(mayDeleteNote(note, { person: 'ann', role: 'participant' })).toBe(true);
    expect(mayDeleteNote(note, { person: 'bob', role: 'facilitator' })).toBe(true);
    expect(mayDeleteNote(note, { person: 'bob', role: 'participant' })).toBe(false);
  });
});
