import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { findInvalidControlChange } from './control-change-check.ts';
import { nextPhase, PHASE_HISTORY_KEY, previousPhase, startFacilitation } from './phase-history.ts';
import { STEP_STATUS_KEY, setStepStatus } from './step-status.ts';
import { checkSentChange } from './test-support.ts';

/** A server's copy of a started control document, and a facilitator's client synced to it. */
function setUp() {
  const server = new Y.Doc();
  startFacilitation(server, { now: 1, actor: 'facilitator-1' });
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return { server, client };
}

function check(server: Y.Doc, client: Y.Doc): string | null {
  return checkSentChange(server, client, findInvalidControlChange);
}

describe('findInvalidControlChange', () => {
  it('passes what the facilitation operations write', () => {
    const { server, client } = setUp();
    nextPhase(client, { now: 2 });
    expect(check(server, client)).toBeNull();
    previousPhase(client, { now: 3, actor: 'facilitator-2' });
    expect(check(server, client)).toBeNull();
    setStepStatus(client, 'verkennen.partners', 'done');
    expect(check(server, client)).toBeNull();
    client.transact(() => client.getMap(STEP_STATUS_KEY).delete('verkennen.partners'));
    expect(check(server, client)).toBeNull();
  });

  it('checks a fresh server document too', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    startFacilitation(client, { now: 1 });
    expect(check(server, client)).toBeNull();
  });

  it('refuses invalid entries, removals and unknown or nested types', () => {
    const cases: [string, (doc: Y.Doc) => void, RegExp][] = [
      [
        'invalid entry',
        (doc) => doc.getArray(PHASE_HISTORY_KEY).push([{ phase: 'x', round: 1, at: 1 }]),
        /invalid/,
      ],
      ['removal', (doc) => doc.getArray(PHASE_HISTORY_KEY).delete(0, 1), /removed/],
      ['nested type', (doc) => doc.getArray(PHASE_HISTORY_KEY).push([new Y.Map()]), /invalid/],
      ['unknown step', (doc) => doc.getMap(STEP_STATUS_KEY).set('richten.nope', 'done'), /step status/],
      ['bad status', (doc) => doc.getMap(STEP_STATUS_KEY).set('richten.ambitie', 'finished'), /step status/],
      ['unknown root', (doc) => doc.getMap('phase').set('phase', 'richten'), /unknown top-level/],
    ];
    for (const [what, write, expected] of cases) {
      const { server, client } = setUp();
      client.transact(() => write(client));
      expect(check(server, client), what).toMatch(expected);
    }
  });

  it('refuses changes inside a nested type', () => {
    const { server, client } = setUp();
    const nested = new Y.Map<unknown>();
    client.getMap(STEP_STATUS_KEY).set('richten.ambitie', nested);
    check(server, client);
    nested.set('x', 1);
    expect(check(server, client)).toMatch(/nested/);
  });
});
