import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { findInvalidControlChange } from './control-change-check.ts';
import {
  FOLLOW_KEY,
  observeFollowSession,
  readFollowSession,
  startFollowing,
  stopFollowing,
} from './follow.ts';
import { REMOTE_ORIGIN } from './origins.ts';
import { checkSentChange, expectRefused } from './test-support.ts';

const FAY = { id: 'fay-1', name: 'Fay' };
const FRITS = { id: 'frits-2', name: 'Frits' };

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('follow session', () => {
  it('reads as none in an empty document', () => {
    expect(readFollowSession(new Y.Doc())).toBeNull();
  });

  it('starts with the leader and the time, and stops', () => {
    const doc = new Y.Doc();
    const session = startFollowing(doc, { id: FAY.id, name: '  Fay ' }, { now: 1_000 });
    expect(session).toEqual({ leader: FAY, since: 1_000 });
    expect(readFollowSession(doc)).toEqual({ leader: FAY, since: 1_000 });
    stopFollowing(doc);
    expect(readFollowSession(doc)).toBeNull();
  });

  it('hands the lead to the facilitator who starts last', () => {
    const doc = new Y.Doc();
    startFollowing(doc, FAY, { now: 1 });
    startFollowing(doc, FRITS, { now: 2 });
    expect(readFollowSession(doc)).toEqual({ leader: FRITS, since: 2 });
  });

  it('writes nothing when stopping with no session running', () => {
    const doc = new Y.Doc();
    let updates = 0;
    doc.on('update', () => updates++);
    stopFollowing(doc);
    startFollowing(doc, FAY, { now: 1 });
    stopFollowing(doc);
    stopFollowing(doc);
    expect(updates).toBe(2);
  });

  it('refuses a leader without an id or a name, and a bad time', () => {
    const doc = new Y.Doc();
    expectRefused(doc, 'invalid-author', () => startFollowing(doc, { id: '', name: 'Fay' }));
    expectRefused(doc, 'invalid-author', () => startFollowing(doc, { id: 'fay', name: '   ' }));
    expectRefused(doc, 'invalid-time', () => startFollowing(doc, FAY, { now: -1 }));
  });

  it('reads an invalid stored session as none', () => {
    const doc = new Y.Doc();
    doc.transact(() => doc.getMap(FOLLOW_KEY).set('session', { leader: 'fay', since: 1 }), REMOTE_ORIGIN);
    expect(readFollowSession(doc)).toBeNull();
  });

  it('tells observers about changes with their origin', () => {
    const doc = new Y.Doc();
    const origins: unknown[] = [];
    const stop = observeFollowSession(doc, (origin) => origins.push(origin));
    startFollowing(doc, FAY, { now: 1, origin: REMOTE_ORIGIN });
    stop();
    stopFollowing(doc);
    expect(origins).toEqual([REMOTE_ORIGIN]);
  });

  it('settles on one whole session when two facilitators start at once', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    startFollowing(a, FAY, { now: 10 });
    startFollowing(b, FRITS, { now: 20 });
    sync(a, b);
    const session = readFollowSession(a);
    expect(readFollowSession(b)).toEqual(session);
    expect([
      { leader: FAY, since: 10 },
      { leader: FRITS, since: 20 },
    ]).toContainEqual(session);
  });

  it('passes the server check when written by the operations, and fails it otherwise', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    const check = () => checkSentChange(server, client, findInvalidControlChange);
    startFollowing(client, FAY, { now: 1 });
    expect(check()).toBeNull();
    stopFollowing(client);
    expect(check()).toBeNull();
    client.transact(() => client.getMap(FOLLOW_KEY).set('session', { leader: { id: 'x' }, since: 1 }));
    expect(check()).toMatch(/follow/);
    const other = new Y.Doc();
    const fresh = new Y.Doc();
    fresh.transact(() => fresh.getMap(FOLLOW_KEY).set('view', { x: 0, y: 0 }));
    expect(checkSentChange(other, fresh, findInvalidControlChange)).toMatch(/follow/);
  });
});
