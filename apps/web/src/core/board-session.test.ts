import { describe, expect, it } from 'vitest';
import { webSocketBase } from './board-session.ts';

describe('webSocketBase', () => {
  it('follows the page protocol and host', () => {
    expect(webSocketBase({ protocol: 'http:', host: '127.0.0.1:8080' })).toBe('ws://127.0.0.1:8080/ws');
    expect(webSocketBase({ protocol: 'https:', host: 'kompas.example' })).toBe('wss://kompas.example/ws');
  });
});
