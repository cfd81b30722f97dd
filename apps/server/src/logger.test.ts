import { describe, expect, it } from 'vitest';
import { formatLogLine } from './logger.ts';

describe('formatLogLine', () => {
  it('puts the message first and fields as key=value, quoting values with spaces', () => {
    expect(formatLogLine('http', { method: 'GET', path: '/b/x', status: 200, skipped: undefined })).toBe(
      'http method=GET path=/b/x status=200',
    );
    expect(formatLogLine('failed', { error: new Error('disk full'), at: { a: 1 } })).toBe(
      'failed error="disk full" at="{\\"a\\":1}"',
    );
  });

  it('keeps every event on one line', () => {
    expect(formatLogLine('x', { text: 'a\nb' })).toBe('x text="a\\nb"');
  });

  it('redacts fields that look like credentials', () => {
    const line = formatLogLine('oops', {
      token: 'abc.def',
      secret: 's',
      Authorization: 'Bearer t',
      room: 'r',
    });
    expect(line).toBe('oops token=[redacted] secret=[redacted] Authorization=[redacted] room=r');
  });

  it('survives values it cannot serialise', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(formatLogLine('x', { circular })).toBe('x circular="[object Object]"');
  });
});
