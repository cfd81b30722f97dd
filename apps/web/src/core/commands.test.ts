import { getFacilitation, getPhase, nextPhase, setStepStatus } from '@kompas/model';
import { describe, expect, it } from 'vitest';
import {
  type BoardView,
  COMMANDS,
  commandForKey,
  runCommand,
  SHORTCUT_GROUPS,
  shortcuts,
} from './commands.ts';
import type { MoveQuestion } from './move-questions.ts';
import { samePlace, testBoard } from './test-board.ts';

const keys = { code: '', shiftKey: false, ctrlKey: true, metaKey: false, altKey: false };

function view(): BoardView & { asked: MoveQuestion[]; calls: string[] } {
  const calls: string[] = [];
  const asked: MoveQuestion[] = [];
  const call = (name: string) => () => calls.push(name);
  return {
    calls,
    asked,
    addNote: call('addNote'),
    zoomIn: call('zoomIn'),
    zoomOut: call('zoomOut'),
    zoomToFit: call('zoomToFit'),
    focusOn: (area) => calls.push(`focusOn ${area.kind === 'phase' ? area.phase : area.step}`),
    toggleSteps: call('toggleSteps'),
    toggleVoting: call('toggleVoting'),
    toggleIssues: call('toggleIssues'),
    ask: (question) => asked.push(question),
    showRounds: (step) => calls.push(`showRounds ${step}`),
    showDetails: call('showDetails'),
    showShortcuts: call('showShortcuts'),
    serverNow: () => 1_700_000_000_000,
  };
}

describe('the board’s commands', () => {
  it('opens the title and task dialog for facilitators only', () => {
    for (const role of ['facilitator', 'participant', 'observer'] as const) {
      const shown = view();
      const ran = runCommand('edit-details', { core: testBoard(role).core, view: shown });
      expect([role, ran, shown.calls]).toEqual(
        role === 'facilitator' ? [role, true, ['showDetails']] : [role, false, []],
      );
    }
  });

  it('finds undo and redo by their keys', () => {
    expect(commandForKey({ ...keys, key: 'z' })?.name).toBe('undo');
    expect(commandForKey({ ...keys, key: 'Z', shiftKey: true })?.name).toBe('redo');
    expect(commandForKey({ ...keys, key: 'y' })?.name).toBe('redo');
    expect(commandForKey({ ...keys, key: 'z', ctrlKey: false })).toBeUndefined();
  });

  it('keeps the labels the buttons show', () => {
    expect(COMMANDS['zoom-fit'].label).toBe('Fit to screen');
    expect(COMMANDS.undo.shortcut).toBe('Ctrl+Z');
  });

  it('runs a command only when it is allowed', () => {
    const observer = { core: testBoard('observer').core, view: view() };
    expect(runCommand('add-note', observer)).toBe(false);
    expect(runCommand('zoom-in', observer)).toBe(true);
    expect(observer.view.calls).toEqual(['zoomIn']);
    expect(runCommand('start-workshop', observer)).toBe(false);
  });

  it('focuses on the phase the group is in, for everyone who can see the board', () => {
    const board = testBoard('facilitator', 'fac');
    const observer = { core: testBoard('observer').core, view: view() };
    const facilitator = { core: board.core, view: view() };
    expect(runCommand('focus-phase', observer)).toBe(true);
    runCommand('start-workshop', facilitator);
    setStepStatus(board.docs.controlDoc, getPhase('verkennen').steps[0]?.id ?? '', 'done');
    setStepStatus(board.docs.controlDoc, getPhase('verkennen').steps[1]?.id ?? '', 'done');
    setStepStatus(board.docs.controlDoc, getPhase('verkennen').steps[2]?.id ?? '', 'done');
    runCommand('next-phase', facilitator);
    runCommand('focus-phase', facilitator);
    expect(observer.view.calls).toEqual(['focusOn verkennen']);
    expect(facilitator.view.calls).toEqual(['focusOn richten']);
  });

  it('asks the view about open steps before moving on', () => {
    const board = testBoard('facilitator', 'fac');
    const context = { core: board.core, view: view() };
    runCommand('start-workshop', context);
    setStepStatus(board.docs.controlDoc, getPhase('verkennen').steps[0]?.id ?? '', 'in-progress');
    runCommand('next-phase', context);
    expect(context.view.asked).toHaveLength(1);
    expect(getFacilitation(board.docs.controlDoc).phase).toBe('verkennen');
  });

  it('follows the meeting’s plan with Start and Next, asking nothing about open steps', () => {
    const board = testBoard('facilitator', 'fac');
    const context = { core: board.core, view: view() };
    const items = [
      { step: 'verkennen.opgave', minutes: 5, aim: '' },
      { step: 'richten.belangen', minutes: 10, aim: '' },
    ];
    board.core.plan.save({ items, roles: { facilitator: '', partners: [], notetaker: '' } }, Date.now());
    runCommand('start-workshop', context);
    expect(getFacilitation(board.docs.controlDoc)).toMatchObject({ started: true, phase: 'verkennen' });
    runCommand('next-phase', context);
    expect(getFacilitation(board.docs.controlDoc).phase).toBe('richten');
    expect(context.view.asked).toHaveLength(0);
  });

  it('asks how to start the next round when Next moves on from Aan de slag, with or without a plan', () => {
    const board = testBoard('facilitator', 'fac');
    const context = { core: board.core, view: view() };
    runCommand('start-workshop', context);
    for (const _ of [1, 2, 3]) nextPhase(board.docs.controlDoc);
    for (const step of getPhase('aan-de-slag').steps) setStepStatus(board.docs.controlDoc, step.id, 'done');
    runCommand('next-phase', context);
    const roles = { facilitator: '', partners: [], notetaker: '' };
    board.core.plan.save({ items: [{ step: 'verkennen.opgave', minutes: 5, aim: '' }], roles }, Date.now());
    runCommand('next-phase', context);
    expect(context.view.asked.map((question) => question.kind === 'new-round' && question.by)).toEqual([
      'phase',
      'plan',
    ]);
    expect(getFacilitation(board.docs.controlDoc)).toMatchObject({ phase: 'aan-de-slag', round: 1 });
  });

  it('opens the round view for everyone at the first step of the phase the group is in', () => {
    const board = testBoard('facilitator', 'fac');
    const observer = { core: samePlace(board, 'observer', 'olga').core, view: view() };
    runCommand('start-workshop', { core: board.core, view: view() });
    nextPhase(board.docs.controlDoc);
    expect(runCommand('show-rounds', observer)).toBe(true);
    expect(observer.view.calls).toEqual(['showRounds richten.belangen']);
  });

  it('opens the shortcuts list with ? and moves the phase on with Alt+Shift+arrows', () => {
    const plain = { code: '', shiftKey: true, ctrlKey: false, metaKey: false, altKey: false };
    expect(commandForKey({ ...plain, key: '?' })?.name).toBe('show-shortcuts');
    expect(commandForKey({ ...plain, key: 'ArrowRight', altKey: true })?.name).toBe('next-phase');
    expect(commandForKey({ ...plain, key: 'ArrowLeft', altKey: true })?.name).toBe('previous-phase');
    expect(commandForKey({ ...plain, key: 'ArrowRight' })).toBeUndefined();
    expect(commandForKey({ ...plain, key: 'n', shiftKey: false })?.name).toBe('add-note');
  });

  it('lists every shortcut once, by group, from the commands and the canvas keys', () => {
    const list = shortcuts();
    expect([...new Set(list.map((line) => line.group))]).toEqual([...SHORTCUT_GROUPS]);
    const labels = list.map((line) => line.label);
    expect(labels).toContain('Undo');
    expect(labels).toContain('Next phase');
    expect(labels).toContain('Move the selected note to the previous or next step');
    expect(labels).toContain('Keyboard shortcuts');
    expect(new Set(labels).size).toBe(labels.length);
    for (const line of list) expect(line.keys).not.toBe('');
  });
});
