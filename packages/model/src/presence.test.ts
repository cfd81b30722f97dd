import { describe, expect, it } from 'vitest';
import { cleanPresence, cleanPresenceShape, PRESENCE_COORDINATE_LIMIT } from './presence.ts';

const ada = { id: 'person-ada', name: 'Ada', color: '#e64980' };
const full = {
  user: ada,
  cursor: { x: 12.5, y: -40 },
  following: 'person-bo',
  view: { x: 0, y: 10, radius: 400 },
};

describe('cleanPresence', () => {
  it('takes what the web app publishes, as a copy', () => {
    const clean = cleanPresence(full, 'person-ada');
    expect(clean).toEqual(full);
    expect(clean?.user).not.toBe(full.user);
    expect(cleanPresence({ user: ada, cursor: null, following: null, view: null }, 'person-ada')).toEqual({
      user: ada,
      cursor: null,
      following: null,
      view: null,
    });
    expect(cleanPresence({ user: ada }, 'person-ada')).toEqual({ user: ada });
  });

  it('takes the empty state every tab starts with, but nothing else without a user', () => {
    expect(cleanPresence({}, 'person-ada')).toEqual({});
    expect(cleanPresence({ cursor: { x: 1, y: 1 } }, 'person-ada')).toBeNull();
  });

  it("refuses a state that names someone else: nobody sets another person's name", () => {
    expect(cleanPresence(full, 'person-bo')).toBeNull();
    expect(cleanPresenceShape(full)).toEqual(full);
  });

  it('refuses keys beside the schema, at every level', () => {
    expect(cleanPresence({ ...full, extra: 1 }, 'person-ada')).toBeNull();
    expect(cleanPresence({ ...full, user: { ...ada, avatar: 'x' } }, 'person-ada')).toBeNull();
    expect(cleanPresence({ ...full, cursor: { x: 1, y: 2, z: 3 } }, 'person-ada')).toBeNull();
    expect(cleanPresence({ ...full, view: { x: 1, y: 2, radius: 3, zoom: 1 } }, 'person-ada')).toBeNull();
    expect(
      cleanPresence(JSON.parse(`{"user":${JSON.stringify(ada)},"__proto__":{}}`), 'person-ada'),
    ).toBeNull();
  });

  it.each([
    ['no state', null],
    ['a list', [ada]],
    ['a string', 'Ada'],
    ['a user without a colour', { user: { id: ada.id, name: 'Ada' } }],
    ['a colour that is no #rrggbb', { user: { ...ada, color: 'red' } }],
    ['an empty name', { user: { ...ada, name: '' } }],
    ['a name with a control character', { user: { ...ada, name: 'Ada\u0007' } }],
    ['a name too long', { user: { ...ada, name: 'A'.repeat(61) } }],
    ['a name with spaces around it', { user: { ...ada, name: ' Ada' } }],
    ['a number for an id', { user: { ...ada, id: 7 } }],
    ['a cursor of text', { user: ada, cursor: { x: '1', y: 2 } }],
    ['an infinite cursor', { user: ada, cursor: { x: Number.POSITIVE_INFINITY, y: 2 } }],
    ['a cursor off the board', { user: ada, cursor: { x: PRESENCE_COORDINATE_LIMIT + 1, y: 0 } }],
    ['a cursor without y', { user: ada, cursor: { x: 1 } }],
    ['a following that is no id', { user: ada, following: 3 }],
    ['a following of an empty id', { user: ada, following: '' }],
    ['a view without a radius', { user: ada, view: { x: 0, y: 0 } }],
    ['a view of no size', { user: ada, view: { x: 0, y: 0, radius: 0 } }],
    ['a view off the board', { user: ada, view: { x: 0, y: -PRESENCE_COORDINATE_LIMIT - 1, radius: 10 } }],
    ['a user that is a list', { user: [ada] }],
  ])('refuses %s', (_what, value) => {
    expect(cleanPresence(value, 'person-ada')).toBeNull();
  });

  it('takes cursors and regions up to the limit', () => {
    const edge = PRESENCE_COORDINATE_LIMIT;
    const state = { user: ada, cursor: { x: -edge, y: edge }, view: { x: edge, y: -edge, radius: edge } };
    expect(cleanPresence(state, 'person-ada')).toEqual(state);
  });
});
