import {
  ISSUE_TEXT_MAX,
  listIssues,
  nextPhase,
  planHistory,
  planOf,
  setPlan,
  setStepStatus,
  startFacilitation,
  startMeeting,
} from '@kompas/model';
import { describe, expect, it } from 'vitest';
import { issuesPerStep } from './issue-values.ts';
import { readNextStep } from './next-step.ts';
import { samePlace, testBoard } from './test-board.ts';

const pos = { r: 0.5, t: 0.5 };

describe('the board core’s issues in hand', () => {
  it('takes up an issue for a facilitator, in the meeting going on, and records who changed it', () => {
    const { docs, core } = testBoard('facilitator', 'fay');
    expect(
      core.issues.add({ step: 'richten.belangen', text: 'Who pays?', kind: 'question', owner: '' }),
    ).toBeNull();
    startMeeting(docs.controlDoc, { actor: 'fay', id: 'second' });
    const [issue] = listIssues(docs.controlDoc);
    expect(issue).toMatchObject({
      step: 'richten.belangen',
      status: 'open',
      meeting: 'first',
      createdBy: 'fay',
    });
    expect(core.issues.update(issue?.id ?? '', { owner: 'Gemeente', kind: 'action' })).toBeNull();
    expect(core.issues.setStatus(issue?.id ?? '', 'done')).toBeNull();
    expect(listIssues(docs.controlDoc)[0]).toMatchObject({
      owner: 'Gemeente',
      kind: 'action',
      status: 'done',
      closedIn: 'second',
    });
  });

  it('tells a participant and an observer that facilitators keep the issues, and writes nothing', () => {
    const board = testBoard('participant', 'pim');
    const issue = { step: 'richten.belangen', text: 'Who pays?', kind: 'question', owner: '' } as const;
    expect(board.core.issues.add(issue)).toMatch(/facilitators/);
    expect(samePlace(board, 'observer', 'otto').core.issues.add(issue)).toMatch(/facilitators/);
    expect(listIssues(board.docs.controlDoc)).toEqual([]);
  });

  it('words a refused text and keeps the issue as it was', () => {
    const { docs, core } = testBoard('facilitator', 'fay');
    core.issues.add({ step: 'richten.belangen', text: 'Who pays?', kind: 'question', owner: '' });
    const [issue] = listIssues(docs.controlDoc);
    expect(core.issues.update(issue?.id ?? '', { text: '   ' })).toMatch(/1 to 280 characters/);
    expect(core.issues.update(issue?.id ?? '', { owner: 'x'.repeat(81) })).toMatch(/owner at most 80/);
    expect(listIssues(docs.controlDoc)[0]?.text).toBe('Who pays?');
  });

  it('turns a note into an action at the note’s step, with its text cut to an issue’s length', () => {
    const board = testBoard('participant', 'pim');
    board.core.notes.create({
      id: 'n1',
      text: 'Ask the province',
      step: 'inrichten.vorm',
      pos,
      color: 'yellow',
    });
    board.core.notes.create({
      id: 'n2',
      text: 'y'.repeat(400),
      step: 'verkennen.partners',
      pos,
      color: 'yellow',
    });
    const fay = samePlace(board, 'facilitator', 'fay');
    const draft = fay.core.issues.draftFromNote('n1');
    expect(draft).toEqual({
      step: 'inrichten.vorm',
      text: 'Ask the province',
      kind: 'action',
      owner: '',
      fromNote: 'n1',
    });
    expect(fay.core.issues.add({ ...(draft ?? ({} as never)), owner: 'Pim' })).toBeNull();
    expect(listIssues(board.docs.controlDoc)[0]).toMatchObject({
      fromNote: 'n1',
      owner: 'Pim',
      kind: 'action',
    });
    expect(fay.core.issues.draftFromNote('n2')?.text).toHaveLength(ISSUE_TEXT_MAX);
    expect(fay.core.issues.draftFromNote('gone')).toBeNull();
  });

  it('lists the issues per step round the circle, open ones first', () => {
    const { docs, core } = testBoard('facilitator', 'fay');
    const add = (id: string, step: string) =>
      core.issues.add({ step, text: id, kind: 'question', owner: '' }) ??
      listIssues(docs.controlDoc).at(-1)?.id;
    const first = add('first', 'richten.belangen') as string;
    add('second', 'richten.belangen');
    add('third', 'verkennen.partners');
    core.issues.setStatus(first, 'done');
    const all = issuesPerStep(listIssues(docs.controlDoc), false);
    expect(all.map(({ step, issues }) => [step, issues.map((issue) => issue.text)])).toEqual([
      ['verkennen.partners', ['third']],
      ['richten.belangen', ['second', 'first']],
    ]);
    expect(issuesPerStep(listIssues(docs.controlDoc), true)[1]?.issues.map((issue) => issue.text)).toEqual([
      'second',
    ]);
  });
});

describe('the board core’s next step', () => {
  it('suggests the step left open when the group moved on, and adds it to the plan at the end', () => {
    const { docs, core } = testBoard('facilitator', 'fay');
    startFacilitation(docs.controlDoc, { actor: 'fay' });
    for (const step of ['verkennen.eigen-situatie', 'verkennen.opgave'])
      setStepStatus(docs.controlDoc, step, 'done');
    nextPhase(docs.controlDoc, { actor: 'fay' });
    const reading = () => readNextStep(docs, Date.now());
    expect(reading()).toMatchObject({
      suggestion: { step: 'verkennen.partners', reason: 'skipped' },
      inPlan: false,
    });
    expect(reading().suggestion.because.en).toMatch(/moved on from Verkennen in round 1/);

    expect(core.nextStep.addToPlan('verkennen.partners')).toBeNull();
    expect(planOf(docs.controlDoc, 'first')?.items).toEqual([
      { step: 'verkennen.partners', minutes: 15, aim: '' },
    ]);
    expect(reading().inPlan).toBe(true);
    expect(core.nextStep.addToPlan('verkennen.partners')).toBeNull();
    expect(planHistory(docs.controlDoc, 'first')).toHaveLength(1);
  });

  it('keeps the plan’s items and roles when a step is added, and refuses a participant', () => {
    const board = testBoard('facilitator', 'fay');
    const roles = {
      facilitator: 'Fay',
      partners: [{ name: 'Pim', organisation: 'Gemeente' }],
      notetaker: '',
    };
    const items = [{ step: 'richten.belangen', minutes: 20, aim: 'Interests on the table' }];
    setPlan(board.docs.controlDoc, { meeting: 'first', items, roles, actor: 'fay' });
    expect(board.core.nextStep.addToPlan('verkennen.opgave')).toBeNull();
    expect(planOf(board.docs.controlDoc, 'first')).toMatchObject({
      items: [...items, { step: 'verkennen.opgave', minutes: 15, aim: '' }],
      roles,
    });
    expect(samePlace(board, 'participant', 'pim').core.nextStep.addToPlan('richten.ambitie')).toMatch(
      /facilitators/,
    );
    expect(planOf(board.docs.controlDoc, 'first')?.items).toHaveLength(2);
  });
});
