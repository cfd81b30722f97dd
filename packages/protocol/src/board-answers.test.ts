import { describe, expect, it } from 'vitest';
import {
  errorMessage,
  parseBoardInfo,
  parseBoardInvites,
  parseCreatedBoard,
  parseJoinedPerson,
} from './board-answers.ts';
import { ShapeError } from './shape.ts';

const person = { id: 'p1', name: 'Ans', role: 'participant' };

describe('parseBoardInfo', () => {
  it('accepts a board, with or without the person of a person token', () => {
    const info = { id: 'b', title: 'T', task: 'J', createdAt: 5, role: 'observer' };
    expect(parseBoardInfo(info)).toEqual(info);
    expect(parseBoardInfo({ ...info, role: 'participant', person })).toEqual({
      ...info,
      role: 'participant',
      person,
    });
  });

  it('drops fields it does not know', () => {
    const info = { id: 'b', title: 'T', task: 'J', createdAt: 5, role: 'observer' };
    expect(parseBoardInfo({ ...info, extra: 1 })).toEqual(info);
  });

  it('rejects unknown roles and missing fields, naming the field', () => {
    const info = { id: 'b', title: 'T', task: '', createdAt: 5 };
    expect(() => parseBoardInfo({ ...info, role: 'admin' })).toThrow(
      new ShapeError('board.role should be one of facilitator, participant, observer, got "admin"'),
    );
    expect(() => parseBoardInfo({ ...info, role: 'observer', createdAt: undefined })).toThrow(
      'board.createdAt should be a number, got nothing',
    );
    expect(() => parseBoardInfo(null)).toThrow('board should be an object, got null');
    expect(() => parseBoardInfo([])).toThrow('board should be an object, got an array');
  });

  it('rejects a person of the wrong shape', () => {
    const info = { id: 'b', title: 'T', task: '', createdAt: 5, role: 'observer' };
    expect(() => parseBoardInfo({ ...info, person: { id: 'p1', name: 7, role: 'observer' } })).toThrow(
      'board.person.name should be a string, got 7',
    );
  });
});

describe('parseCreatedBoard', () => {
  const links = { facilitator: 'f', participant: 'p', observer: 'o' };

  it('accepts a new board with a link and a token per role', () => {
    expect(parseCreatedBoard({ id: 'b', links, tokens: links })).toEqual({ id: 'b', links, tokens: links });
  });

  it('needs all three links', () => {
    expect(() => parseCreatedBoard({ id: 'b', links: { facilitator: 'f' }, tokens: links })).toThrow(
      'created board.links.participant should be a string, got nothing',
    );
  });
});

describe('parseJoinedPerson', () => {
  it('accepts a person with their token', () => {
    expect(parseJoinedPerson({ person, token: 't' })).toEqual({ person, token: 't' });
  });

  it('rejects an answer without a token', () => {
    expect(() => parseJoinedPerson({ person })).toThrow('joined.token should be a string, got nothing');
  });
});

describe('parseBoardInvites', () => {
  it('accepts a facilitator’s three links and a participant’s one', () => {
    const all = { facilitator: '/f', participant: '/p', observer: '/o' };
    expect(parseBoardInvites({ links: all })).toEqual({ links: all });
    expect(parseBoardInvites({ links: { participant: '/p' } })).toEqual({ links: { participant: '/p' } });
  });

  it('rejects an answer without the participant link, or with a link that is not text', () => {
    expect(() => parseBoardInvites({ links: { observer: '/o' } })).toThrow(
      'invites.links.participant should be a string, got nothing',
    );
    expect(() => parseBoardInvites({ links: { participant: '/p', observer: 5 } })).toThrow(
      'invites.links.observer should be a string, got 5',
    );
  });
});

describe('errorMessage', () => {
  it('reads the message of a refusal, and nothing from other answers', () => {
    expect(errorMessage({ error: 'token expired' })).toBe('token expired');
    expect(errorMessage({ error: 404 })).toBeUndefined();
    expect(errorMessage(null)).toBeUndefined();
  });
});
