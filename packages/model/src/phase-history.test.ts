import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { REMOTE_ORIGIN } from './origins.ts';
import {
  currentPosition,
  moveToPhase,
  nextPhase,
  PHASE_HISTORY_KEY,
  positionAfter,
  positionBefore,
  previousPhase,
  readPhaseHistory,
  startFacilitation,
} from './phase-history.ts';
import { expectRefused } from './test-support.ts';

function startedDoc() {
  const doc = new Y.Doc();
  startFacilitation(doc, { now: 1000, actor: 'facilitator-1' });
  return doc;
}

describe('phase positions', () => {
  it('moves clockwise and on to Verkennen of the next round after Aan de slag', () => {
    expect(positionAfter({ phase: 'verkennen', round: 1 })).toEqual({ phase: 'richten', round: 1 });
    expect(positionAfter({ phase: 'aan-de-slag', round: 1 })).toEqual({ phase: 'verkennen', round: 2 });
  });

  it('moves back across rounds but never before round 1 Verkennen', () => {
    expect(positionBefore({ phase: 'richten', round: 2 })).toEqual({ phase: 'verkennen', round: 2 });
    expect(positionBefore({ phase: 'verkennen', round: 2 })).toEqual({ phase: 'aan-de-slag', round: 1 });
    expect(positionBefore({ phase: 'verkennen', round: 1 })).toBeUndefined();
  });
});

describe('phase history', () => {
  it('reads an empty document as round 1 Verkennen, not started', () => {
    const doc = new Y.Doc();
    expect(readPhaseHistory(doc)).toEqual([]);
    expect(currentPosition(readPhaseHistory(doc))).toEqual({ phase: 'verkennen', round: 1 });
  });

  it('records the start, each move with its time and actor, round after round', () => {
    const doc = startedDoc();
    for (let move = 1; move <= 4; move++) nextPhase(doc, { now: 1000 + move * 100 });
    expect(readPhaseHistory(doc)).toEqual([
      { phase: 'verkennen', round: 1, at: 1000, actor: 'facilitator-1' },
      { phase: 'richten', round: 1, at: 1100 },
      { phase: 'inrichten', round: 1, at: 1200 },
      { phase: 'aan-de-slag', round: 1, at: 1300 },
      { phase: 'verkennen', round: 2, at: 1400 },
    ]);
    expect(previousPhase(doc, { now: 1500 })).toEqual({ phase: 'aan-de-slag', round: 1, at: 1500 });
  });

  it('refuses moves before the start, a second start and going back from the start', () => {
    const doc = new Y.Doc();
    expectRefused(doc, 'facilitation-not-started', () => nextPhase(doc));
    expectRefused(doc, 'facilitation-not-started', () => previousPhase(doc));
    startFacilitation(doc, { now: 1 });
    expectRefused(doc, 'facilitation-started', () => startFacilitation(doc));
    expectRefused(doc, 'no-previous-phase', () => previousPhase(doc));
  });

  it('validates the time and the actor before writing', () => {
    const doc = startedDoc();
    expectRefused(doc, 'invalid-time', () => nextPhase(doc, { now: -1 }));
    expectRefused(doc, 'invalid-actor', () => nextPhase(doc, { actor: '' }));
    expectRefused(doc, 'invalid-actor', () => nextPhase(doc, { actor: 42 as unknown as string }));
  });

  it('skips invalid entries a hostile client wrote', () => {
    const doc = startedDoc();
    doc.transact(() => {
      doc
        .getArray(PHASE_HISTORY_KEY)
        .push([
          { phase: 'nowhere', round: 1, at: 2 },
          { phase: 'richten', round: 0, at: 2 },
          { phase: 'richten', round: 1, at: Number.NaN },
          'richten',
          new Y.Map(),
        ]);
    }, REMOTE_ORIGIN);
    expect(readPhaseHistory(doc)).toHaveLength(1);
    expect(nextPhase(doc, { now: 3 })).toEqual({ phase: 'richten', round: 1, at: 3 });
  });

  it('lets two facilitators move at once and converges on one position', () => {
    const a = startedDoc();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    nextPhase(a, { now: 2000, actor: 'a' });
    nextPhase(b, { now: 2001, actor: 'b' });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readPhaseHistory(a)).toEqual(readPhaseHistory(b));
    expect(currentPosition(readPhaseHistory(a))).toEqual({ phase: 'richten', round: 1 });
  });

  it('refuses a move chosen from a position the group has left, so two presses do not move it twice', () => {
    const a = startedDoc();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const seen = { phase: 'verkennen', round: 1 } as const;
    nextPhase(a, { now: 2000, actor: 'a', from: seen });
    // b chose to move on while in Verkennen, but a's move arrived before b confirmed.
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expectRefused(b, 'phase-moved', () => nextPhase(b, { now: 2001, actor: 'b', from: seen }));
    expectRefused(b, 'phase-moved', () => previousPhase(b, { now: 2001, actor: 'b', from: seen }));
    expect(currentPosition(readPhaseHistory(b))).toEqual({ phase: 'richten', round: 1 });
    // From where the group is, the move goes ahead.
    previousPhase(b, { now: 2002, from: { phase: 'richten', round: 1 } });
    expect(currentPosition(readPhaseHistory(b))).toEqual(seen);
  });
});

describe('moveToPhase', () => {
  const positions = (doc: Y.Doc) => readPhaseHistory(doc).map((visit) => `${visit.phase} ${visit.round}`);

  it('moves straight to a later phase, or back to an earlier one, with one entry each', () => {
    const doc = new Y.Doc();
    startFacilitation(doc, { now: 0 });
    expect(moveToPhase(doc, 'inrichten', { now: 1, actor: 'fac-1' })).toEqual({
      phase: 'inrichten',
      round: 1,
      at: 1,
      actor: 'fac-1',
    });
    moveToPhase(doc, 'richten', { now: 2 });
    moveToPhase(doc, 'aan-de-slag', { now: 3 });
    moveToPhase(doc, 'verkennen', { now: 4 });
    moveToPhase(doc, 'aan-de-slag', { now: 5 });
    moveToPhase(doc, 'richten', { now: 6 });
    expect(positions(doc)).toEqual([
      'verkennen 1',
      'inrichten 1',
      'richten 1',
      'aan-de-slag 1',
      // After Aan de slag the circle comes round: Verkennen of the next round.
      'verkennen 2',
      'aan-de-slag 2',
      'richten 2',
    ]);
  });

  it('writes nothing when the group is there already, and starts the session where it is asked', () => {
    const doc = new Y.Doc();
    expect(moveToPhase(doc, 'richten', { now: 5 })).toMatchObject({ phase: 'richten', round: 1, at: 5 });
    const before = Y.encodeStateVector(doc);
    expect(moveToPhase(doc, 'richten', { now: 6 })).toMatchObject({ phase: 'richten', round: 1, at: 5 });
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('refuses an unknown phase, a bad actor and a move from where the group no longer is', () => {
    const doc = new Y.Doc();
    startFacilitation(doc, { now: 0 });
    expectRefused(doc, 'unknown-phase', () => moveToPhase(doc, 'elsewhere' as never));
    expectRefused(doc, 'invalid-actor', () => moveToPhase(doc, 'richten', { actor: '' }));
    expectRefused(doc, 'phase-moved', () =>
      moveToPhase(doc, 'richten', { from: { phase: 'inrichten', round: 1 } }),
    );
  });
});
