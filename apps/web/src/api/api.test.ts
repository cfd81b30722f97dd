import { describe, expect, it } from 'vitest';
import { ApiError, parseBoardInfo, parseCreatedBoard } from './api.ts';

describe('parseBoardInfo', () => {
  it('accepts a board', () => {
    const info = { id: 'b', title: 'T', task: 'J', createdAt: 5, role: 'observer' };
    expect(parseBoardInfo(info)).toEqual(info);
  });
  it('rejects unknown roles and missing fields', () => {
    expect(() => parseBoardInfo({ id: 'b', title: 'T', task: '', role: 'admin' })).toThrow(ApiError);
    expect(() => parseBoardInfo(null)).toThrow(ApiError);
  });
});

describe('parseCreatedBoard', () => {
  it('needs all three links', () => {
    const links = { facilitator: 'f', participant: 'p', observer: 'o' };
    expect(parseCreatedBoard({ id: 'b', links })).toEqual({ id: 'b', links });
    expect(() => parseCreatedBoard({ id: 'b', links: { facilitator: 'f' } })).toThrow(ApiError);
  });
});
