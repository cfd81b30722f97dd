import { describe, expect, it } from 'vitest';
import { chosenLanguage } from './language-choice.ts';

const kept = (value: string | null): Pick<Storage, 'getItem'> => ({ getItem: () => value });

describe('the language chosen on this device', () => {
  it('is read back when it is one Kompas speaks', () => {
    expect(chosenLanguage(kept('en'))).toBe('en');
    expect(chosenLanguage(kept('nl'))).toBe('nl');
  });

  it('is no choice when nothing or something else is kept, or storage is disabled', () => {
    expect(chosenLanguage(kept(null))).toBeNull();
    expect(chosenLanguage(kept('de'))).toBeNull();
    const disabled = {
      getItem: () => {
        throw new Error('storage disabled');
      },
    };
    expect(chosenLanguage(disabled)).toBeNull();
  });
});
