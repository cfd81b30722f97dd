import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  LOCK_KEY,
  lockedPhaseOf,
  lockedPhases,
  NO_LOCK,
  observeBoardLock,
  readBoardLock,
  setBoardLock,
} from './board-lock.ts';
import { findInvalidControlChange } from './control-change-check.ts';
import { REMOTE_ORIGIN } from './origins.ts';
import { checkSentChange, expectRefused } from './test-support.ts';

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('board lock', () => {
  it('reads as unlocked in an empty document', () => {
    expect(readBoardLock(new Y.Doc())).toEqual(NO_LOCK);
  });

  it('sets a mode with who and when, and unlocks', () => {
    const doc = new Y.Doc();
    expect(setBoardLock(doc, 'board', { now: 5, actor: 'fay' })).toEqual({
      mode: 'board',
      at: 5,
      actor: 'fay',
    });
    expect(readBoardLock(doc)).toEqual({ mode: 'board', at: 5, actor: 'fay' });
    setBoardLock(doc, 'other-phases', { now: 6 });
    expect(readBoardLock(doc)).toEqual({ mode: 'other-phases', at: 6 });
    setBoardLock(doc, 'none', { now: 7, actor: 'frits' });
    expect(readBoardLock(doc)).toEqual({ mode: 'none', at: 7, actor: 'frits' });
  });

  it('writes nothing when the mode does not change', () => {
    const doc = new Y.Doc();
    let updates = 0;
    doc.on('update', () => updates++);
    setBoardLock(doc, 'none');
    setBoardLock(doc, 'board', { now: 1 });
    setBoardLock(doc, 'board', { now: 2 });
    expect(updates).toBe(1);
    expect(readBoardLock(doc).at).toBe(1);
  });

  it('refuses unknown modes, bad actors and bad times', () => {
    const doc = new Y.Doc();
    expectRefused(doc, 'invalid-lock', () => setBoardLock(doc, 'phase' as 'board'));
    expectRefused(doc, 'invalid-actor', () => setBoardLock(doc, 'board', { actor: '' }));
    expectRefused(doc, 'invalid-time', () => setBoardLock(doc, 'board', { now: Number.NaN }));
  });

  it('reads an invalid stored lock as unlocked', () => {
    const doc = new Y.Doc();
    doc.transact(() => doc.getMap(LOCK_KEY).set('current', { mode: 'all', at: 1 }), REMOTE_ORIGIN);
    expect(readBoardLock(doc)).toEqual(NO_LOCK);
  });

  it('tells observers about changes with their origin', () => {
    const doc = new Y.Doc();
    const origins: unknown[] = [];
    const stop = observeBoardLock(doc, (origin) => origins.push(origin));
    setBoardLock(doc, 'board', { origin: REMOTE_ORIGIN });
    stop();
    setBoardLock(doc, 'none');
    expect(origins).toEqual([REMOTE_ORIGIN]);
  });

  it('settles on one facilitator’s whole choice when two lock at once', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    setBoardLock(a, 'board', { now: 1, actor: 'fay' });
    setBoardLock(b, 'other-phases', { now: 2, actor: 'frits' });
    sync(a, b);
    const lock = readBoardLock(a);
    expect(readBoardLock(b)).toEqual(lock);
    expect([
      { mode: 'board', at: 1, actor: 'fay' },
      { mode: 'other-phases', at: 2, actor: 'frits' },
    ]).toContainEqual(lock);
  });

  it('passes the server check when written by the operation, and fails it otherwise', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    const check = () => checkSentChange(server, client, findInvalidControlChange);
    setBoardLock(client, 'other-phases', { now: 1, actor: 'fay' });
    expect(check()).toBeNull();
    client.transact(() => client.getMap(LOCK_KEY).set('current', { mode: 'everything', at: 1 }));
    expect(check()).toMatch(/lock/);
    client.transact(() => client.getMap(LOCK_KEY).set('open', 'richten'));
    expect(check()).toMatch(/lock/);
  });
});

describe('which note changes a lock allows', () => {
  it('closes nothing, everything, or all but the current phase', () => {
    expect(lockedPhases('none', 'richten')).toEqual([]);
    expect(lockedPhases('board', 'richten')).toEqual(['verkennen', 'richten', 'inrichten', 'aan-de-slag']);
    expect(lockedPhases('other-phases', 'richten')).toEqual(['verkennen', 'inrichten', 'aan-de-slag']);
  });

  it('allows everything when unlocked', () => {
    expect(lockedPhaseOf('none', 'verkennen', { to: 'richten.ambitie' })).toBeNull();
    expect(
      lockedPhaseOf('none', 'verkennen', { from: 'aan-de-slag.reflectie', to: 'richten.ambitie' }),
    ).toBeNull();
  });

  it('allows nothing when the whole board is locked', () => {
    expect(lockedPhaseOf('board', 'richten', { to: 'richten.ambitie' })).toBe('richten');
    expect(lockedPhaseOf('board', 'richten', { from: 'richten.ambitie' })).toBe('richten');
    expect(lockedPhaseOf('board', 'richten', { from: 'richten.ambitie', to: 'richten.uitgangspunten' })).toBe(
      'richten',
    );
  });

  it('with all but the current phase locked, allows changes within the current phase only', () => {
    const current = 'richten';
    expect(lockedPhaseOf('other-phases', current, { to: 'richten.belangen' })).toBeNull();
    expect(
      lockedPhaseOf('other-phases', current, { from: 'richten.belangen', to: 'richten.ambitie' }),
    ).toBeNull();
    expect(lockedPhaseOf('other-phases', current, { from: 'richten.ambitie' })).toBeNull();
    // Adding to, moving into, moving out of, editing or deleting in another phase is refused.
    expect(lockedPhaseOf('other-phases', current, { to: 'verkennen.partners' })).toBe('verkennen');
    expect(lockedPhaseOf('other-phases', current, { from: 'richten.ambitie', to: 'inrichten.vorm' })).toBe(
      'inrichten',
    );
    expect(
      lockedPhaseOf('other-phases', current, { from: 'aan-de-slag.reflectie', to: 'richten.ambitie' }),
    ).toBe('aan-de-slag');
    expect(
      lockedPhaseOf('other-phases', current, { from: 'verkennen.partners', to: 'verkennen.partners' }),
    ).toBe('verkennen');
  });

  it('follows the group when it moves on', () => {
    const change = { to: 'inrichten.vorm' };
    expect(lockedPhaseOf('other-phases', 'richten', change)).toBe('inrichten');
    expect(lockedPhaseOf('other-phases', 'inrichten', change)).toBeNull();
  });

  it('refuses unknown steps', () => {
    expect(() => lockedPhaseOf('board', 'richten', { to: 'richten.nope' })).toThrow(/step/);
  });
});
