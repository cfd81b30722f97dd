import { describe, expect, it } from 'vitest';
import { fitText, type MeasureText, TextFitter } from './note-text-fit.ts';

/** Every character half a font size wide, like a simple monospaced font. */
const monospace: MeasureText = (text) => Array.from(text).length * 0.5;
const options = { maxFontSize: 20, minFontSize: 8, lineHeight: 1.25, fontSizeStep: 1 };
const box = { width: 100, height: 50 };

describe('fitText', () => {
  it('keeps a short text at the largest size', () => {
    expect(fitText('Ja', box, monospace, options)).toEqual({ fontSize: 20, lines: ['Ja'], cut: false });
  });

  it('shrinks the font until the whole text fits, wrapping whole words', () => {
    const text = 'Wij hebben 3 wijkteams en te weinig tijd';
    const fitted = fitText(text, box, monospace, options);
    expect(fitted.cut).toBe(false);
    expect(fitted.fontSize).toBeLessThan(20);
    expect(fitted.lines.join(' ')).toBe(text);
    const perLine = box.width / (fitted.fontSize * 0.5);
    for (const line of fitted.lines) expect(line.length).toBeLessThanOrEqual(perLine);
    expect(fitted.lines.length * fitted.fontSize * 1.25).toBeLessThanOrEqual(box.height);
    // One size larger does not fit: the font is as large as it can be.
    const larger = fitText(text, box, monospace, { ...options, minFontSize: fitted.fontSize + 1 });
    expect(larger.cut).toBe(true);
  });

  it('shrinks rather than break a long word', () => {
    // "Zorgopleidingen" is 15 characters: 7.5 font sizes, too wide for one line at 20 (5 sizes).
    const fitted = fitText('Zorgopleidingen samen', box, monospace, options);
    expect(fitted.lines).toEqual(['Zorgopleidingen', 'samen']);
    expect(fitted.fontSize).toBe(13);
  });

  it('breaks a word only when it is longer than a line at the smallest size', () => {
    const word = 'x'.repeat(30);
    const fitted = fitText(word, box, monospace, options);
    expect(fitted.fontSize).toBe(8);
    expect(fitted.lines).toEqual(['x'.repeat(25), 'x'.repeat(5)]);
    expect(fitted.cut).toBe(false);
  });

  it('cuts with an ellipsis after a whole word only below the smallest size', () => {
    const text = Array.from({ length: 30 }, (_, i) => `woord${i}`).join(' ');
    const fitted = fitText(text, box, monospace, options);
    expect(fitted.fontSize).toBe(8);
    expect(fitted.cut).toBe(true);
    expect(fitted.lines).toHaveLength(5);
    const last = fitted.lines.at(-1) ?? '';
    expect(last.endsWith('…')).toBe(true);
    expect(text.startsWith(`${fitted.lines.join(' ').slice(0, -1)} `)).toBe(true);
    expect(last.length).toBeLessThanOrEqual(25);
  });

  it('wraps a long text only at the sizes it could fit at', () => {
    const text = Array.from({ length: 12 }, (_, i) => `woord${i}`).join(' ');
    const wrapped: string[] = [];
    const counting: MeasureText = (part) => {
      wrapped.push(part);
      return monospace(part);
    };
    const fitted = fitText(text, box, counting, options);
    expect(fitted).toEqual(fitText(text, box, monospace, options));
    // 12 words measured once for the text's width, then wrapped at the few sizes where it might fit.
    expect(wrapped.filter((part) => part === 'woord0').length).toBeLessThan(5);
  });

  it('keeps the lines of a text written on several lines', () => {
    expect(fitText('Eén\n\nTwee', box, monospace, options).lines).toEqual(['Eén', '', 'Twee']);
  });
});

describe('TextFitter', () => {
  it('fits each text once', () => {
    let measured = 0;
    const counting: MeasureText = (text) => {
      measured++;
      return monospace(text);
    };
    const fitter = new TextFitter(box, counting, options);
    const first = fitter.fit('Samen één loket voor alle gezinnen');
    const calls = measured;
    expect(fitter.fit('Samen één loket voor alle gezinnen')).toBe(first);
    expect(measured).toBe(calls);
  });
});
