import { describe, expect, it } from 'vitest';
import { noteDescription } from './note-label.ts';

describe('noteDescription', () => {
  it('reads text, step, phase and author', () => {
    const text = noteDescription({
      text: 'Shared\ndata',
      step: 'richten.ambitie',
      phase: 'richten',
      authorName: 'Ann',
    });
    expect(text).toBe('Shared data — Gezamenlijke ambitie (Richten) by Ann');
  });
});
