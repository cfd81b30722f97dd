import { describe, expect, it } from 'vitest';
import { cleanName, colorForId, loadLocalUser } from './local-user.ts';
import { PERSON_COLORS } from './person-colors.ts';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, v: string) => void items.set(key, v),
  };
}

describe('local user', () => {
  it('gives a stable colour from the palette per id', () => {
    expect(colorForId('abc')).toBe(colorForId('abc'));
    expect(PERSON_COLORS).toContain(colorForId('someone-else'));
  });

  it('keeps the same identity across loads', () => {
    const storage = memoryStorage();
    const first = loadLocalUser(storage);
    expect(first.name).toBe('');
    const second = loadLocalUser(storage);
    expect(second).toEqual(first);
  });

  it('cleans names', () => {
    expect(cleanName('  Ann \n  de\tVries ')).toBe('Ann de Vries');
    expect(cleanName('a'.repeat(80))).toHaveLength(40);
    // Cut by characters: an emoji at the limit stays whole, half of one is never sent.
    expect(cleanName(`${'a'.repeat(39)}\u{1F600}b`)).toBe(`${'a'.repeat(39)}\u{1F600}`);
    expect(cleanName(`Ann\uD800`)).toBe('Ann');
    expect(cleanName(`${'a'.repeat(39)} b`)).toBe('a'.repeat(39));
    expect(cleanName('\u0000')).toBe('');
  });
});
