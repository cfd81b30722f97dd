import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoard } from './board.ts';
import { startMeeting } from './meetings.ts';
import { createNote } from './note.ts';
import { nextPhase, startFacilitation } from './phase-history.ts';
import { buildReport, type Report } from './report.ts';
import { NOTES_CSV_COLUMNS, notesToCsv } from './report-csv.ts';
import { reportToMarkdown } from './report-markdown.ts';
import type { ReportReader } from './report-reader.ts';
import { carryId, carryNote, startNextRound } from './rounds.ts';

const MINUTE = 60_000;
const START = Date.UTC(2025, 2, 14, 9, 0);
const at = (minutes: number) => START + minutes * MINUTE;

const ENGLISH_UTC: ReportReader = { language: 'en', timeZone: 'UTC' };
const DUTCH_AMSTERDAM: ReportReader = { language: 'nl', timeZone: 'Europe/Amsterdam' };

const people = {
  ans: { id: 'user-ans', name: 'Ans' },
  bram: { id: 'user-bram', name: 'Bram' },
  carla: { id: 'user-carla', name: 'Carla' },
};
type Person = keyof typeof people;

/**
 * Three rounds of the circle, ten minutes a phase. Round 1 writes in most steps. Round 2 (earlier notes dimmed)
 * carries three notes along, writes new ones, and skips Mogelijke partners, Gezamenlijke opgave,
 * Uitgangspunten and Ontwerp, which round 1 visited. Round 3 (earlier notes archived) skips Mogelijke partners
 * again, carries the opgave of round 1 back in, and is in Richten at the end (minute 95).
 */
function threeRounds(): { content: Y.Doc; control: Y.Doc } {
  const content = new Y.Doc();
  const control = new Y.Doc();
  initBoard(content, { title: 'Wijk in beweging', task: 'Samen zorg in de wijk', createdAt: at(-5) });
  const write = (id: string, step: string, text: string, who: Person, minute: number) =>
    createNote(content, { id, text, step, author: people[who] }, { now: at(minute) });
  const move = (minute: number) => nextPhase(control, { now: at(minute), actor: 'user-fay' });
  const carry = (id: string, minute: number) => carryNote(content, control, id, { now: at(minute) });

  startFacilitation(control, { now: at(0), actor: 'user-fay' });
  write('own-1', 'verkennen.eigen-situatie', 'Wij hebben drie wijkteams', 'ans', 1);
  write('own-2', 'verkennen.eigen-situatie', 'De huisarts zit vol', 'bram', 2);
  write('partners-1', 'verkennen.partners', 'De bibliotheek', 'ans', 3);
  write('partners-2', 'verkennen.partners', 'Het buurthuis', 'carla', 4);
  write('opgave-1', 'verkennen.opgave', 'Eenzaamheid in de wijk', 'bram', 5);
  move(10);
  write('belangen-1', 'richten.belangen', 'Zorg dichtbij huis', 'ans', 11);
  write('ambitie-1', 'richten.ambitie', 'Niemand alleen', 'bram', 12);
  write('uitgangspunten-1', 'richten.uitgangspunten', 'Bewoners beslissen mee', 'carla', 13);
  move(20);
  write('vorm-1', 'inrichten.vorm', 'Een wijknetwerk', 'ans', 21);
  write('ontwerp-1', 'inrichten.ontwerp', 'Elke maand samen', 'bram', 22);
  move(30);
  write('realiseren-1', 'aan-de-slag.realiseren', 'Start in Noord', 'carla', 31);

  startNextRound(control, { earlier: 'dimmed', now: at(40), actor: 'user-fay' });
  carry('own-1', 41);
  write('own-3', 'verkennen.eigen-situatie', 'Wijkteam Noord stopt', 'bram', 42);
  move(50);
  carry('belangen-1', 51);
  write('ambitie-2', 'richten.ambitie', 'Iedereen een maatje', 'carla', 52);
  move(60);
  carry('vorm-1', 61);
  write('implementatie-2', 'inrichten.implementatie', 'Vrijwilligers werven', 'ans', 62);
  move(70);
  write('realiseren-2', 'aan-de-slag.realiseren', 'Start in Zuid', 'bram', 71);
  write('reflectie-2', 'aan-de-slag.reflectie', 'Wat werkte in Noord?', 'ans', 72);

  startNextRound(control, { earlier: 'archived', now: at(80), actor: 'user-fay' });
  write('own-4', 'verkennen.eigen-situatie', 'Twee wijkteams over', 'carla', 81);
  carry('opgave-1', 82);
  move(90);
  write('belangen-3', 'richten.belangen', 'Zorg en welzijn samen', 'bram', 92);
  return { content, control };
}

function report(now = at(95)): Report {
  return buildReport({ ...threeRounds(), now });
}

describe('the rounds in the report', () => {
  it('gives each note its round and, when carried, the round it came from', () => {
    const notes = report().phases[0]?.steps[2]?.notes ?? [];
    expect(
      notes.map(({ id, round, carriedFrom, carriedFromRound }) => [id, round, carriedFrom, carriedFromRound]),
    ).toEqual([
      ['opgave-1', 1, null, null],
      [carryId('opgave-1', 3), 3, 'opgave-1', 1],
    ]);
  });

  it('has a section per round with its span, time per phase, notes per step and skipped steps', () => {
    const { rounds } = report();
    expect(rounds.map(({ round, from, to, time }) => [round, from, to, time / MINUTE])).toEqual([
      [1, at(0), at(40), 40],
      [2, at(40), at(80), 40],
      [3, at(80), at(95), 15],
    ]);
    expect(rounds[2]?.phases).toEqual([
      { phase: 'verkennen', time: 10 * MINUTE },
      { phase: 'richten', time: 5 * MINUTE },
      { phase: 'inrichten', time: 0 },
      { phase: 'aan-de-slag', time: 0 },
    ]);
    const second = rounds[1];
    expect([second?.notes, second?.carried]).toEqual([8, 3]);
    expect(second?.steps[0]).toEqual({
      step: 'verkennen.eigen-situatie',
      state: 'visited',
      notes: 2,
      added: 1,
      carried: 1,
    });
    expect(second?.skippedSteps).toEqual([
      'verkennen.partners',
      'verkennen.opgave',
      'richten.uitgangspunten',
      'inrichten.ontwerp',
      'aan-de-slag.vitaliteit',
    ]);
    expect(rounds[2]?.skippedSteps).toEqual(['verkennen.partners']);
  });

  it('tells per step what changed: notes added, carried over with their round, and dropped', () => {
    const { changes } = report();
    expect(changes.map((change) => change.round)).toEqual([2, 3]);
    const ids = (notes: readonly { id: string }[]) => notes.map((note) => note.id);
    const second = changes[0]?.steps ?? [];
    expect(second.map((step) => [step.step, ids(step.added), ids(step.carried), ids(step.dropped)])).toEqual([
      ['verkennen.eigen-situatie', ['own-3'], [carryId('own-1', 2)], ['own-2']],
      ['verkennen.partners', [], [], ['partners-1', 'partners-2']],
      ['verkennen.opgave', [], [], ['opgave-1']],
      ['richten.belangen', [], [carryId('belangen-1', 2)], []],
      ['richten.ambitie', ['ambitie-2'], [], ['ambitie-1']],
      ['richten.uitgangspunten', [], [], ['uitgangspunten-1']],
      ['inrichten.vorm', [], [carryId('vorm-1', 2)], []],
      ['inrichten.ontwerp', [], [], ['ontwerp-1']],
      ['inrichten.implementatie', ['implementatie-2'], [], []],
      ['aan-de-slag.realiseren', ['realiseren-2'], [], ['realiseren-1']],
      ['aan-de-slag.reflectie', ['reflectie-2'], [], []],
    ]);
    // Round 3 has not reached Inrichten and Aan de slag: their notes of round 2 may still be carried along.
    const third = changes[1]?.steps ?? [];
    expect(third.map((step) => [step.step, ids(step.added), ids(step.carried), ids(step.dropped)])).toEqual([
      ['verkennen.eigen-situatie', ['own-4'], [], [carryId('own-1', 2), 'own-3']],
      ['verkennen.opgave', [], [carryId('opgave-1', 3)], []],
      ['richten.belangen', ['belangen-3'], [], [carryId('belangen-1', 2)]],
      ['richten.ambitie', [], [], ['ambitie-2']],
    ]);
    expect(third[1]?.carried[0]?.carriedFromRound).toBe(1);
  });

  it('compares the steps across the rounds per phase, marking lapses and flagging steps skipped again and again', () => {
    const { acrossRounds } = report();
    expect(acrossRounds.rounds).toEqual([1, 2, 3]);
    expect(acrossRounds.keepsBeingSkipped).toEqual(['verkennen.partners', 'aan-de-slag.vitaliteit']);
    const verkennen = acrossRounds.phases[0];
    expect(verkennen?.label).toEqual({ nl: 'Verkennen', en: 'Explore' });
    const cells = (index: number) =>
      verkennen?.steps[index]?.rounds.map(({ notes, time, state }) => [notes, time / MINUTE, state]);
    expect(cells(1)).toEqual([
      [2, 10, 'visited'],
      [0, 10, 'skipped'],
      [0, 10, 'skipped'],
    ]);
    expect(verkennen?.steps[1]).toMatchObject({
      label: { nl: 'Mogelijke partners', en: 'Possible partners' },
      lapses: [2],
      skippedStreak: 2,
      keepsBeingSkipped: true,
    });
    expect(verkennen?.steps[2]).toMatchObject({ lapses: [2], keepsBeingSkipped: false });
    const richten = acrossRounds.phases[1]?.steps[2]?.rounds.map((inRound) => inRound.state);
    expect(richten).toEqual(['visited', 'skipped', 'open']);
    const inrichten = acrossRounds.phases[2]?.steps[1]?.rounds.map((inRound) => inRound.state);
    expect(inrichten).toEqual(['visited', 'skipped', 'ahead']);
  });
});

describe('the rounds in the Markdown report', () => {
  it('writes the comparison as a table and a chart per phase, in English', () => {
    const markdown = reportToMarkdown(report(), ENGLISH_UTC);
    for (const line of [
      '- Rounds: 3; keep being skipped: Explore · Possible partners, Work together · Vitality',
      '## Rounds compared',
      '### 1. Verkennen (Explore)',
      '| Step | Round 1 | Round 2 | Round 3 |',
      '| Time in the phase | 10 min | 10 min | 10 min |',
      '| Own situation | 2 notes · visited | 2 notes (1 carried over) · visited | 1 note · visited |',
      '| Possible partners ⚑ keeps being skipped | 2 notes · visited | 0 notes · skipped ⚠ | 0 notes · skipped |',
      '⚠ visited in the round before, skipped in this one · ⚑ keeps being skipped: in the latest rounds, one after the other',
      '| Time in the phase | 10 min | 10 min | — |',
      '| Design and elaborate | 1 note · visited | 0 notes · skipped ⚠ | not yet |',
      '| Vitality ⚑ keeps being skipped | 0 notes · skipped | 0 notes · skipped | not yet |',
    ]) {
      expect(markdown).toContain(`\n${line}\n`);
    }
    const chart = chartOf(markdown, '### 1. Verkennen (Explore)');
    expect(chart).toEqual([
      'Notes per round    Round 1      Round 2      Round 3',
      'Own situation      ████████ 2   ████████ 2   ████ 1',
      'Possible partners  ████████ 2   · 0          · 0          ⚑ keeps being skipped',
      'Joint task         ████ 1       · 0          ████ 1',
    ]);
    // Bars are scaled alike in every phase: one note is half the bar of two.
    expect(chartOf(markdown, '### 3. Inrichten (Organise)')?.slice(1)).toEqual([
      'Fitting form          ████ 1       ████ 1       –',
      'Design and elaborate  ████ 1       · 0          –',
      'Implement             · 0          ████ 1       –',
    ]);
  });

  it('tells what changed and gives each round its section, with the notes of that round', () => {
    const markdown = reportToMarkdown(report(), ENGLISH_UTC);
    for (const block of [
      '## What changed',
      '### Round 2 against round 1\n\n**Explore · Own situation**\n\n- New: Wijkteam Noord stopt — Bram\n- Carried over from round 1: Wij hebben drie wijkteams — Ans\n- Dropped: De huisarts zit vol — Bram',
      '### Round 3 against round 2',
      '**Explore · Joint task**\n\n- Carried over from round 1: Eenzaamheid in de wijk — Bram',
      '## Round 2\n\nFrom 09:40 to 10:20 (40 min).',
      '- Time per phase: Explore 10 min, Set direction 10 min, Organise 10 min, Work together 10 min',
      '- Notes: 8, 3 of them carried over from an earlier round',
      '- Skipped in this round: Explore · Possible partners, Explore · Joint task, Set direction · Principles, Organise · Design and elaborate, Work together · Vitality',
      '**Explore · Own situation** — 2 notes (1 carried over)\n\n- Wij hebben drie wijkteams — Ans (carried over from round 1)\n- Wijkteam Noord stopt — Bram',
      '## Round 3\n\nStarted at 10:20; the group is still in this round (15 min up to 10:35).',
      '- Time per phase: Explore 10 min, Set direction 5 min, Organise —, Work together —',
    ]) {
      expect(markdown).toContain(`\n${block}\n`);
    }
    // The steps' own sections list the notes of every round, each with its round.
    expect(markdown).toContain('\n- Eenzaamheid in de wijk (round 1) — Bram · yellow\n');
    expect(markdown).toContain(
      '\n- Eenzaamheid in de wijk (round 3, carried over from round 1) — Bram · yellow\n',
    );
    // The comparison comes before the meetings and the phases.
    expect(markdown.indexOf('## Rounds compared')).toBeLessThan(markdown.indexOf('## What changed'));
    expect(markdown.indexOf('\n## Round 3\n')).toBeLessThan(markdown.indexOf('\n## 1. Verkennen'));
  });

  it('speaks Dutch, with times in the reader’s zone', () => {
    const markdown = reportToMarkdown(report(), DUTCH_AMSTERDAM);
    for (const block of [
      '- Rondes: 3; steeds overgeslagen: Verkennen · Mogelijke partners, Aan de slag · Vitaliteit',
      '## Rondes vergeleken',
      '| Stap | Ronde 1 | Ronde 2 | Ronde 3 |',
      '| Tijd in de fase | 10 min | 10 min | 10 min |',
      '| Eigen situatie | 2 notities · behandeld | 2 notities (1 meegenomen) · behandeld | 1 notitie · behandeld |',
      '| Mogelijke partners ⚑ steeds overgeslagen | 2 notities · behandeld | 0 notities · overgeslagen ⚠ | 0 notities · overgeslagen |',
      '| Gezamenlijke ambitie | 1 notitie · behandeld | 1 notitie · behandeld | 0 notities · nu open |',
      '## Wat er veranderde',
      '### Ronde 2 tegenover ronde 1',
      '- Nieuw: Wijkteam Noord stopt — Bram\n- Meegenomen uit ronde 1: Wij hebben drie wijkteams — Ans\n- Achtergelaten: De huisarts zit vol — Bram',
      '## Ronde 2\n\nVan 10:40 tot 11:20 (40 min).',
      '- Notities: 8, waarvan 3 meegenomen uit een eerdere ronde',
      '- Eenzaamheid in de wijk (ronde 3, meegenomen uit ronde 1) — Bram · geel',
    ]) {
      expect(markdown).toContain(`\n${block}\n`);
    }
    expect(chartOf(markdown, '### 1. Verkennen')?.[0]).toBe(
      'Notities per ronde   Ronde 1      Ronde 2      Ronde 3',
    );
    expect(markdown).not.toMatch(/Round|carried|skipped/);
  });

  it('says in one line that comparing starts in round 2, on a board in its first round', () => {
    const { content, control } = threeRounds();
    const early = buildReport({ content, control, now: at(35) });
    expect(early.acrossRounds.rounds).toEqual([1]);
    expect(early.changes).toEqual([]);
    const english = reportToMarkdown(early, ENGLISH_UTC);
    expect(english).toContain('\n- Rounds: the group is in round 1; comparing rounds starts in round 2.\n');
    expect(english).not.toMatch(/Rounds compared|What changed|## Round 1|\(round 1\)/);
    expect(reportToMarkdown(early, DUTCH_AMSTERDAM)).toContain(
      '\n- Rondes: de groep is in ronde 1; de vergelijking tussen rondes begint in ronde 2.\n',
    );
  });

  it('keeps a meeting’s round sections to the rounds it touched, with its own notes', () => {
    const { content, control } = threeRounds();
    // Meeting 2 began at minute 60: in Inrichten of round 2.
    startMeeting(control, { at: at(60), actor: 'user-fay' });
    const meetings = buildReport({ content, control, now: at(95) }).meetings;
    const second = buildReport({ content, control, now: at(95), meeting: meetings[1]?.id });
    expect(second.rounds.map((round) => [round.round, round.notes])).toEqual([
      [2, 4],
      [3, 3],
    ]);
    // How steps fared reads the whole board: Verkennen of round 2 was before this meeting, and visited.
    expect(second.rounds[0]?.steps[0]?.state).toBe('visited');
    expect(second.acrossRounds.rounds).toEqual([1, 2, 3]);
    const ids = second.changes[0]?.steps.map((step) => [step.step, step.added.length, step.carried.length]);
    expect(ids).toContainEqual(['inrichten.vorm', 0, 1]);
    // Round 2 left Verkennen and Richten before this meeting: what it dropped there is meeting 1's story.
    expect(ids?.map(([step]) => step)).toEqual([
      'inrichten.vorm',
      'inrichten.ontwerp',
      'inrichten.implementatie',
      'aan-de-slag.realiseren',
      'aan-de-slag.reflectie',
    ]);
    expect(reportToMarkdown(second, ENGLISH_UTC)).toContain(
      "\nThe comparison shows the whole board as it stood at the end of meeting 2; the rounds after it are those this meeting touched, with only this meeting's notes and time.\n",
    );
  });
});

describe('the rounds in the notes CSV', () => {
  it('adds the round and the round a carried note came from as the last columns', () => {
    expect(NOTES_CSV_COLUMNS.en.slice(-2)).toEqual(['round', 'carried from round']);
    expect(NOTES_CSV_COLUMNS.nl.slice(-2)).toEqual(['ronde', 'meegenomen uit ronde']);
    const rows = notesToCsv(report(), ENGLISH_UTC).split('\r\n');
    expect(rows).toContain('Explore,Joint task,Eenzaamheid in de wijk,Bram,yellow,0,2025-03-14 09:05,1,');
    expect(rows).toContain('Explore,Joint task,Eenzaamheid in de wijk,Bram,yellow,0,2025-03-14 10:22,3,1');
    const dutch = notesToCsv(report(), DUTCH_AMSTERDAM).split('\r\n');
    expect(dutch[0]).toBe('fase,stap,tekst,auteur,kleur,stemmen,gemaakt,ronde,meegenomen uit ronde');
  });
});

/** The lines of the chart in the section under `heading`. */
function chartOf(markdown: string, heading: string): string[] | undefined {
  const section = markdown.slice(markdown.indexOf(`\n${heading}\n`));
  return /```\n([\s\S]*?)\n```/.exec(section)?.[1]?.split('\n');
}
