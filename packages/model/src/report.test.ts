import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoard } from './board.ts';
import { createNote } from './note.ts';
import { nextPhase, startFacilitation } from './phase-history.ts';
import { buildReport, fileNameSlug, REPORT_VERSION, type Report, reportToJson } from './report.ts';
import { NOTES_CSV_COLUMNS, notesToCsv } from './report-csv.ts';
import { reportToMarkdown } from './report-markdown.ts';
import { formatDuration, isTimeZone, type ReportReader } from './report-reader.ts';
import { setStepStatus } from './step-status.ts';
import { closeVotingRound, openVotingRound, placeVote } from './voting.ts';

const MINUTE = 60_000;
const START = Date.UTC(2025, 2, 14, 9, 0);
const at = (minutes: number) => START + minutes * MINUTE;

const ans = { id: 'user-ans', name: 'Ans' };
const bram = { id: 'user-bram', name: 'Bram' };

const ENGLISH_UTC: ReportReader = { language: 'en', timeZone: 'UTC' };
const DUTCH_AMSTERDAM: ReportReader = { language: 'nl', timeZone: 'Europe/Amsterdam' };

/**
 * A workshop: Ans and Bram write notes in Verkennen, the facilitator (Fay, who writes no notes) moves on to
 * Richten, Bram writes there, then two voting rounds close and a third is still open at the end.
 */
function workshop(): { content: Y.Doc; control: Y.Doc } {
  const content = new Y.Doc();
  const control = new Y.Doc();
  initBoard(content, { title: 'Regio-overleg', task: 'Samen zorg organiseren', createdAt: at(-5) });
  startFacilitation(control, { now: at(0), actor: 'user-fay' });
  const note = (id: string, text: string, step: string, author: typeof ans, minute: number) =>
    createNote(content, { id, text, step, author }, { now: at(minute) });
  note('own', 'We run two care homes', 'verkennen.eigen-situatie', ans, 1);
  note('library', 'The library', 'verkennen.partners', bram, 2);
  note('school', 'The school', 'verkennen.partners', ans, 3);
  setStepStatus(control, 'verkennen.eigen-situatie', 'done');
  nextPhase(control, { now: at(10), actor: 'user-fay' });
  note('ambition', 'A healthy region', 'richten.ambitie', bram, 12);

  const first = openVotingRound(
    control,
    { id: 'round-1', budget: 3, scope: { kind: 'board' }, results: 'hidden' },
    { now: at(14) },
  );
  placeVote(content, first, { note: 'school', voter: ans.id }, { now: at(15) });
  placeVote(content, first, { note: 'school', voter: bram.id }, { now: at(15) });
  placeVote(content, first, { note: 'ambition', voter: 'user-carla' }, { now: at(15) });
  closeVotingRound(control, { now: at(16) });
  const second = openVotingRound(
    control,
    { id: 'round-2', budget: 1, scope: { kind: 'phase', phase: 'richten' }, results: 'live' },
    { now: at(17) },
  );
  placeVote(content, second, { note: 'ambition', voter: ans.id }, { now: at(18) });
  closeVotingRound(control, { now: at(19) });
  const open = openVotingRound(
    control,
    { id: 'round-3', budget: 2, scope: { kind: 'board' }, results: 'hidden' },
    { now: at(20) },
  );
  placeVote(content, open, { note: 'library', voter: bram.id }, { now: at(21) });
  return { content, control };
}

function report(now = at(25)): Report {
  return buildReport({ ...workshop(), now });
}

describe('buildReport', () => {
  it('describes the board, the totals and where the group is', () => {
    const built = report();
    expect(built.version).toBe(REPORT_VERSION);
    expect(built.board).toEqual({ title: 'Regio-overleg', task: 'Samen zorg organiseren' });
    expect(built.generatedAt).toBe(at(25));
    expect(built.started).toBe(true);
    expect(built.current).toEqual({ phase: 'richten', round: 1 });
    // The open third round's vote does not count yet.
    expect(built.totals).toEqual({ notes: 4, votes: 4, contributors: 3, votingRounds: 2 });
  });

  it('prefers the title and task the server knows', () => {
    const built = buildReport({ ...workshop(), now: at(25), board: { title: 'Renamed', task: '' } });
    expect(built.board).toEqual({ title: 'Renamed', task: '' });
  });

  it('lists the notes per phase and step, most votes first, with authors, colours and votes per round', () => {
    const built = report();
    const verkennen = built.phases[0];
    expect(verkennen?.label).toEqual({ nl: 'Verkennen', en: 'Explore' });
    expect(verkennen?.steps.map((step) => [step.step, step.notes.map((note) => note.id)])).toEqual([
      ['verkennen.eigen-situatie', ['own']],
      ['verkennen.partners', ['school', 'library']],
      ['verkennen.opgave', []],
    ]);
    const school = verkennen?.steps[1]?.notes[0];
    expect(school).toMatchObject({
      text: 'The school',
      authorId: ans.id,
      authorName: 'Ans',
      color: 'yellow',
      votes: 2,
      votesByRound: [{ round: 'round-1', votes: 2 }],
      createdAt: at(3),
    });
    const ambition = built.phases[1]?.steps[1]?.notes[0];
    expect(ambition?.votes).toBe(2);
    expect(ambition?.votesByRound).toEqual([
      { round: 'round-1', votes: 1 },
      { round: 'round-2', votes: 1 },
    ]);
    expect(verkennen?.steps[1]?.notes[1]?.votes).toBe(0);
  });

  it('tells the time spent per phase and which steps were skipped', () => {
    const built = report();
    expect(built.phases.map((phase) => [phase.phase, phase.visited, phase.timeSpent / MINUTE])).toEqual([
      ['verkennen', true, 10],
      ['richten', true, 15],
      ['inrichten', false, 0],
      ['aan-de-slag', false, 0],
    ]);
    expect(built.skippedSteps).toEqual(['verkennen.partners', 'verkennen.opgave']);
    expect(built.phases[0]?.steps.map((step) => [step.status, step.skipped])).toEqual([
      ['done', false],
      ['open', true],
      ['open', true],
    ]);
    expect(built.phasesNeverReturnedTo).toEqual([]);
  });

  it('counts who wrote and who voted, naming voters by their notes', () => {
    expect(report().contributors).toEqual([
      { id: ans.id, name: 'Ans', notes: 2, votes: 2, edits: 0, moves: 0 },
      { id: bram.id, name: 'Bram', notes: 2, votes: 1, edits: 0, moves: 0 },
      { id: 'user-carla', name: null, notes: 0, votes: 1, edits: 0, moves: 0 },
    ]);
  });

  it('counts the edits and moves the recording tells, and ranks people by all they did', () => {
    const built = buildReport({
      ...workshop(),
      now: at(25),
      people: [{ id: 'user-fay', name: 'Fay' }],
      activity: [
        { id: 'user-fay', edits: 1, moves: 6 },
        { id: ans.id, edits: 2, moves: 0 },
        { id: 'user-carla', edits: -1, moves: 3 },
        { id: '', edits: 9, moves: 9 },
      ],
    });
    expect(built.contributors).toEqual([
      { id: 'user-fay', name: 'Fay', notes: 0, votes: 0, edits: 1, moves: 6 },
      { id: ans.id, name: 'Ans', notes: 2, votes: 2, edits: 2, moves: 0 },
      { id: bram.id, name: 'Bram', notes: 2, votes: 1, edits: 0, moves: 0 },
      { id: 'user-carla', name: null, notes: 0, votes: 1, edits: 0, moves: 0 },
    ]);
    expect(reportToMarkdown(built, ENGLISH_UTC)).toContain('| Fay | 0 | 0 | 1 | 6 |');
  });

  it('lists the closed voting rounds with their counts', () => {
    expect(report().votingRounds).toEqual([
      {
        id: 'round-1',
        number: 1,
        scope: { kind: 'board' },
        budget: 3,
        openedAt: at(14),
        closedAt: at(16),
        votes: 3,
        voters: 3,
      },
      {
        id: 'round-2',
        number: 2,
        scope: { kind: 'phase', phase: 'richten' },
        budget: 1,
        openedAt: at(17),
        closedAt: at(19),
        votes: 1,
        voters: 1,
      },
    ]);
  });

  it('gives the phase timeline, one entry per stay, the last lasting until now', () => {
    const { content, control } = workshop();
    // A second facilitator recording the same move again does not start a new stay.
    control.getArray('phaseHistory').push([{ phase: 'richten', round: 1, at: at(11), actor: 'user-gert' }]);
    expect(buildReport({ content, control, now: at(25) }).timeline).toEqual([
      { phase: 'verkennen', round: 1, from: at(0), to: at(10), actorId: 'user-fay', actorName: null },
      { phase: 'richten', round: 1, from: at(10), to: at(25), actorId: 'user-fay', actorName: null },
    ]);
  });

  it('names people who wrote no note from the names it is given, notes first', () => {
    const built = buildReport({
      ...workshop(),
      now: at(25),
      people: [
        { id: 'user-fay', name: 'Fay' },
        { id: 'user-carla', name: 'Carla' },
        { id: ans.id, name: 'Old name' },
        { id: 'user-bad', name: '' },
      ],
    });
    expect(built.timeline.map((entry) => entry.actorName)).toEqual(['Fay', 'Fay']);
    expect(built.contributors.map((person) => person.name)).toEqual(['Ans', 'Bram', 'Carla']);
  });

  it('names the facilitator in the timeline when they wrote a note', () => {
    const { content, control } = workshop();
    createNote(content, {
      text: 'Welcome',
      step: 'verkennen.opgave',
      author: { id: 'user-fay', name: 'Fay' },
    });
    expect(buildReport({ content, control, now: at(25) }).timeline[0]?.actorName).toBe('Fay');
  });

  it('reports an empty board that has not started', () => {
    const built = buildReport({ content: new Y.Doc(), control: new Y.Doc(), now: at(0) });
    expect(built.started).toBe(false);
    expect(built.board).toEqual({ title: 'Untitled workshop', task: '' });
    expect(built.totals).toEqual({ notes: 0, votes: 0, contributors: 0, votingRounds: 0 });
    expect(built.timeline).toEqual([]);
    expect(built.phases.flatMap((phase) => phase.steps)).toHaveLength(12);
  });

  it('refuses a time that is not one', () => {
    expect(() => buildReport({ content: new Y.Doc(), control: new Y.Doc(), now: Number.NaN })).toThrow(
      /now must be a finite number/,
    );
  });

  it('writes nothing to the documents', () => {
    const { content, control } = workshop();
    let updates = 0;
    content.on('update', () => updates++);
    control.on('update', () => updates++);
    buildReport({ content, control, now: at(25) });
    expect(updates).toBe(0);
  });
});

describe('reportToJson', () => {
  it('round-trips the report with the version first', () => {
    const built = report();
    const json = reportToJson(built);
    expect(JSON.parse(json)).toEqual(built);
    expect(json.startsWith('{\n  "version": 1,')).toBe(true);
  });
});

describe('reportToMarkdown', () => {
  it('has a heading per phase and per step, the notes with authors and votes, and the summary', () => {
    const markdown = reportToMarkdown(report(), ENGLISH_UTC);
    expect(markdown.startsWith('# Regio-overleg\n')).toBe(true);
    expect(markdown).toContain('Reflection report, generated Friday, 14 March 2025 at 09:25 (UTC).');
    expect(markdown).toContain('**Joint task:** Samen zorg organiseren');
    expect(markdown).toContain('- Where the group is: Set direction, round 1');
    expect(markdown).toContain('- Skipped steps: Explore · Possible partners, Explore · Joint task');
    for (const heading of [
      '## 1. Verkennen (Explore)',
      '## 2. Richten (Set direction)',
      '## 3. Inrichten (Organise)',
      '## 4. Aan de slag (Work together)',
      '### Mogelijke partners (Possible partners)',
    ]) {
      expect(markdown).toContain(`\n${heading}\n`);
    }
    expect(markdown).toContain('- The school — Ans · yellow · 2 votes (voting round 1: 2)\n');
    expect(markdown).toContain(
      '- A healthy region — Bram · yellow · 2 votes (voting round 1: 1, voting round 2: 1)\n',
    );
    expect(markdown).toContain('- The library — Bram · yellow · 0 votes\n');
    expect(markdown).toContain('Time spent: 10 min over 1 visit (round 1).');
    expect(markdown).toContain('| Explore | 1 | 09:00 | 09:10 | 10 min | a facilitator |');
    expect(markdown).toContain('| Ans | 2 | 2 | 0 | 0 |');
    expect(markdown).toContain('| Someone without a name | 0 | 1 | 0 | 0 |');
    expect(markdown).toContain('Status: open — skipped: the group left this phase with the step still open.');
    // The steps come in the phase's order.
    expect(markdown.indexOf('### Eigen situatie')).toBeLessThan(markdown.indexOf('### Mogelijke partners'));
    expect(markdown.indexOf('## 1. Verkennen')).toBeLessThan(markdown.indexOf('## 2. Richten'));
  });

  it("keeps people's words from being read as Markdown", () => {
    const { content, control } = workshop();
    createNote(
      content,
      {
        text: '# not a *heading*\n- nor a list\n1. nor this',
        step: 'richten.belangen',
        author: { id: 'x', name: 'A|B' },
      },
      { now: at(22) },
    );
    const markdown = reportToMarkdown(buildReport({ content, control, now: at(25) }), ENGLISH_UTC);
    expect(markdown).toContain(
      '- \\# not a \\*heading\\*\n  \\- nor a list\n  1\\. nor this — A|B · yellow · 0 votes',
    );
    expect(markdown).toContain('| A\\|B | 1 | 0 |');
  });

  it('leaves votes out when no round has closed', () => {
    const content = new Y.Doc();
    createNote(content, { text: 'Idea', step: 'verkennen.opgave', author: ans }, { now: at(1) });
    const markdown = reportToMarkdown(
      buildReport({ content, control: new Y.Doc(), now: at(2) }),
      ENGLISH_UTC,
    );
    expect(markdown).toContain('- Idea — Ans · yellow\n');
    expect(markdown).toContain('- The workshop has not started yet.');
    expect(markdown).toContain('The group has not moved around the circle yet.');
    expect(markdown).not.toContain('Rounds:');
  });

  it('writes durations for people, in both languages', () => {
    const durations = [0, 45_000, 12 * MINUTE + 20_000, 60 * MINUTE, 65 * MINUTE];
    expect(durations.map((ms) => formatDuration(ms, 'en'))).toEqual([
      '0 s',
      '45 s',
      '12 min',
      '1 h',
      '1 h 5 min',
    ]);
    expect(durations.map((ms) => formatDuration(ms, 'nl'))).toEqual([
      '0 s',
      '45 s',
      '12 min',
      '1 uur',
      '1 uur 5 min',
    ]);
  });

  it('gives the date with each time when the times span more than a day', () => {
    const markdown = reportToMarkdown(report(at(25) + 24 * 60 * MINUTE), ENGLISH_UTC);
    expect(markdown).toContain(
      '| Explore | 1 | 14 Mar 2025, 09:00 | 14 Mar 2025, 09:10 | 10 min | a facilitator |',
    );
  });

  it('refuses a time zone Intl does not know', () => {
    expect(() => reportToMarkdown(report(), { language: 'nl', timeZone: 'Mars/Olympus' })).toThrowError(
      expect.objectContaining({ code: 'invalid-time-zone' }),
    );
    expect(isTimeZone('Europe/Amsterdam') && isTimeZone('UTC')).toBe(true);
    for (const zone of ['Mars/Olympus', '', 'CET-ish', null, 1]) expect(isTimeZone(zone)).toBe(false);
  });
});

describe('the report in Dutch', () => {
  it("has Dutch headings, sentences and step names, with times in the reader's zone", () => {
    const markdown = reportToMarkdown(report(), DUTCH_AMSTERDAM);
    // 09:25 UTC on 14 March 2025 is 10:25 in Amsterdam, still on winter time.
    expect(markdown).toContain(
      'Reflectieverslag, gemaakt op vrijdag 14 maart 2025 om 10:25 (Midden-Europese tijd).',
    );
    expect(markdown).toContain('**Gezamenlijke opgave:** Samen zorg organiseren');
    for (const line of [
      '## Samenvatting',
      '- Waar de groep nu is: Richten, ronde 1',
      '- Notities: 4, van 2 personen',
      '- Stemmen: 4, in 2 afgesloten stemrondes',
      '- Overgeslagen stappen: Verkennen · Mogelijke partners, Verkennen · Gezamenlijke opgave',
      '## Verloop van de fasen',
      '| Fase | Ronde | Van | Tot | Duur | Facilitator |',
      '| Verkennen | 1 | 10:00 | 10:10 | 10 min | naam onbekend |',
      '## Bijdragen',
      '| Iemand zonder naam | 0 | 1 | 0 | 0 |',
      '## Stemrondes',
      '| 2 | Richten | 1 | 1 | 1 | 10:19 |',
      '## 1. Verkennen',
      'De groep was 10 min in deze fase (ronde 1).',
      '### Eigen situatie',
      'Status: afgerond.',
      '### Mogelijke partners',
      'Status: open. Overgeslagen: de groep verliet de fase terwijl deze stap nog open stond.',
      '- The school — Ans · geel · 2 stemmen (stemronde 1: 2)',
      '- A healthy region — Bram · geel · 2 stemmen (stemronde 1: 1, stemronde 2: 1)',
      '## 4. Aan de slag',
      'De groep is nog niet in deze fase geweest.',
      'Geen notities.',
    ]) {
      expect(markdown).toContain(`\n${line}\n`);
    }
    expect(markdown).not.toMatch(/Explore|Own situation|votes|Status: done/);
  });

  it('writes the notes as CSV with Dutch headers and names and local times', () => {
    const rows = notesToCsv(report(), DUTCH_AMSTERDAM).split('\r\n');
    expect(rows.slice(0, 3)).toEqual([
      'fase,stap,tekst,auteur,kleur,stemmen,gemaakt,ronde,meegenomen uit ronde',
      'Verkennen,Eigen situatie,We run two care homes,Ans,geel,0,2025-03-14 10:01,1,',
      'Verkennen,Mogelijke partners,The school,Ans,geel,2,2025-03-14 10:03,1,',
    ]);
  });

  it('gives 08:30 UTC in winter as 09:30 in Amsterdam, and in summer as 10:30', () => {
    for (const [month, local] of [
      [0, '09:30'],
      [6, '10:30'],
    ] as const) {
      const content = new Y.Doc();
      const now = Date.UTC(2025, month, 14, 8, 30);
      createNote(content, { text: 'Idea', step: 'verkennen.opgave', author: ans }, { now });
      const csv = notesToCsv(buildReport({ content, control: new Y.Doc(), now }), DUTCH_AMSTERDAM);
      expect(csv).toContain(`,2025-0${month + 1}-14 ${local},1,\r\n`);
      const markdown = reportToMarkdown(buildReport({ content, control: new Y.Doc(), now }), DUTCH_AMSTERDAM);
      expect(markdown).toContain(` om ${local} (Midden-Europese tijd).`);
    }
  });
});

describe('notesToCsv', () => {
  it('writes one row per note, in report order, with CRLF line ends', () => {
    const csv = notesToCsv(report(), ENGLISH_UTC);
    const lines = csv.split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1)).toEqual([
      NOTES_CSV_COLUMNS.en.join(','),
      'Explore,Own situation,We run two care homes,Ans,yellow,0,2025-03-14 09:01,1,',
      'Explore,Possible partners,The school,Ans,yellow,2,2025-03-14 09:03,1,',
      'Explore,Possible partners,The library,Bram,yellow,0,2025-03-14 09:02,1,',
      'Set direction,Shared ambition,A healthy region,Bram,yellow,2,2025-03-14 09:12,1,',
    ]);
  });

  it('quotes as RFC 4180 says and defuses formulas', () => {
    const content = new Y.Doc();
    const write = (text: string, name: string, minute: number) =>
      createNote(
        content,
        { text, step: 'verkennen.opgave', author: { id: name, name } },
        { now: at(minute) },
      );
    write('Say "yes", then\nact', 'Ans', 1);
    write('=HYPERLINK("http://evil")', '@Bram', 2);
    write('-1 + 2', '+Carla', 3);
    const rows = notesToCsv(buildReport({ content, control: new Y.Doc(), now: at(5) }), ENGLISH_UTC).split(
      '\r\n',
    );
    expect(rows[1]).toBe('Explore,Joint task,"Say ""yes"", then\nact",Ans,yellow,0,2025-03-14 09:01,1,');
    expect(rows[2]).toBe(
      `Explore,Joint task,"'=HYPERLINK(""http://evil"")",'@Bram,yellow,0,2025-03-14 09:02,1,`,
    );
    expect(rows[3]).toBe("Explore,Joint task,'-1 + 2,'+Carla,yellow,0,2025-03-14 09:03,1,");
  });
});

describe('fileNameSlug', () => {
  it('makes a board title a safe file name', () => {
    expect(fileNameSlug('Regio-overleg Zuid!')).toBe('regio-overleg-zuid');
    expect(fileNameSlug('Café "Één" / 2025')).toBe('cafe-een-2025');
    expect(fileNameSlug('???')).toBe('board');
    expect(fileNameSlug('x'.repeat(100))).toHaveLength(60);
  });
});
