import * as prng from 'lib0/prng';
import type * as Y from 'yjs';

/*
 * Random edits of a document and what they leave, for the tests that play many clients in a random order
 * (after Yjs's own tests) and then check that everyone converged.
 */

/** Text and notes; notes sorted, since map iteration order depends on the order updates arrived in. */
export function content(doc: Y.Doc): string {
  const notes = Object.entries(doc.getMap('notes').toJSON()).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify({ text: doc.getText('text').toString(), notes });
}

export function randomEdit(gen: prng.PRNG, doc: Y.Doc): void {
  const text = doc.getText('text');
  const notes = doc.getMap('notes');
  const choice = prng.int32(gen, 0, 9);
  if (choice < 5 || text.length === 0) {
    text.insert(prng.int32(gen, 0, text.length), prng.word(gen, 1, 4));
  } else if (choice < 7) {
    const index = prng.int32(gen, 0, text.length - 1);
    text.delete(index, Math.min(prng.int32(gen, 1, 3), text.length - index));
  } else if (choice < 9) {
    notes.set(`note-${prng.int32(gen, 0, 5)}`, prng.word(gen, 1, 6));
  } else {
    notes.delete(`note-${prng.int32(gen, 0, 5)}`);
  }
}
