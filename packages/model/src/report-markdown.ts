import { getPhase, getStep, type PhaseId, type StepId } from './phases.ts';
import type { Report, ReportNote, ReportPhase, ReportStep } from './report.ts';
import { type ReaderClock, type ReportReader, readerClock } from './report-reader.ts';
import { REPORT_WORDS, type ReportWords } from './report-words.ts';
import type { VotingScope } from './voting.ts';

/**
 * The reflection report as a Markdown document for people to read: a summary, the phase timeline, who
 * contributed, the voting rounds, then a section per phase with a heading per step and its notes. Written in
 * the reader's language with times in the reader's time zone; throws ModelError('invalid-time-zone') for a
 * zone Intl does not know.
 */
export function reportToMarkdown(report: Report, reader: ReportReader): string {
  const words = REPORT_WORDS[reader.language];
  const clock = readerClock(reader, reportTimes(report));
  const names = modelNames(words);
  const lines: string[] = [];
  const add = (...more: string[]) => lines.push(...more);

  add(
    `# ${inline(report.board.title)}`,
    '',
    words.generated(clock.moment(report.generatedAt), clock.zoneName),
  );
  if (report.board.task) add('', `**${words.jointTask}:** ${inline(report.board.task)}`);

  add('', `## ${words.summary}`, '');
  const writers = report.contributors.filter((person) => person.notes > 0).length;
  add(
    `- ${report.started ? words.whereNow(names.phase(report.current.phase), report.current.round) : words.notStarted}`,
    `- ${words.notesBy(report.totals.notes, writers)}`,
    `- ${words.votesIn(report.totals.votes, report.totals.votingRounds)}`,
    `- ${words.skippedSteps(listOrNone(report.skippedSteps.map(names.step), words))}`,
    `- ${words.phasesPassedBy(listOrNone(report.phasesNeverReturnedTo.map(names.phase), words))}`,
  );

  add('', `## ${words.timeline}`, '');
  if (report.timeline.length === 0) {
    add(words.timelineEmpty);
  } else {
    add(...tableHead(words.timelineColumns));
    for (const entry of report.timeline) {
      add(
        row(
          names.phase(entry.phase),
          String(entry.round),
          clock.time(entry.from),
          clock.time(entry.to),
          clock.duration(entry.to - entry.from),
          entry.actorName ?? (entry.actorId ? words.unnamedFacilitator : '—'),
        ),
      );
    }
  }

  add('', `## ${words.contributions}`, '');
  if (report.contributors.length === 0) {
    add(words.contributionsEmpty);
  } else {
    add(...tableHead(words.contributionsColumns));
    for (const person of report.contributors) {
      const { notes, votes, edits, moves } = person;
      add(row(person.name ?? words.unnamedPerson, ...[notes, votes, edits, moves].map(String)));
    }
  }

  if (report.votingRounds.length > 0) {
    add('', `## ${words.votingRounds}`, '');
    add(...tableHead(words.votingRoundsColumns));
    for (const round of report.votingRounds) {
      add(
        row(
          String(round.number),
          names.scope(round.scope),
          String(round.budget),
          String(round.votes),
          String(round.voters),
          clock.time(round.closedAt),
        ),
      );
    }
  }

  for (const phase of report.phases) add('', ...phaseSection(report, phase, words, clock));
  return `${lines.join('\n')}\n`;
}

/** Every moment the report's tables show, and when it was made: whether they share a day. */
function reportTimes(report: Report): number[] {
  return [
    report.generatedAt,
    ...report.timeline.flatMap((entry) => [entry.from, entry.to]),
    ...report.votingRounds.map((round) => round.closedAt),
  ];
}

function phaseSection(report: Report, phase: ReportPhase, words: ReportWords, clock: ReaderClock): string[] {
  const { index } = getPhase(phase.phase);
  const lines = [`## ${index + 1}. ${words.heading(phase.label)}`, ''];
  lines.push(
    phase.visited
      ? words.timeSpent(clock.duration(phase.timeSpent), phase.visits, phase.rounds)
      : words.notVisited,
  );
  if (phase.neverReturnedTo) lines.push('', words.passedBy);
  for (const step of phase.steps) lines.push('', ...stepSection(report, step, words));
  return lines;
}

function stepSection(report: Report, step: ReportStep, words: ReportWords): string[] {
  const lines = [`### ${words.heading(step.label)}`, '', words.status(step.status, step.skipped), ''];
  if (step.notes.length === 0) lines.push(words.noNotes);
  const withVotes = report.votingRounds.length > 0;
  for (const note of step.notes) lines.push(noteItem(report, note, withVotes, words));
  return lines;
}

function noteItem(report: Report, note: ReportNote, withVotes: boolean, words: ReportWords): string {
  const [first = '', ...rest] = note.text.split('\n').map(block);
  const details = [inline(note.authorName), words.colours[note.color]];
  if (withVotes) {
    const perRound =
      report.votingRounds.length > 1 && note.votesByRound.length > 0
        ? ` (${note.votesByRound.map(({ round, votes }) => words.roundVotes(roundNumber(report, round), votes)).join(', ')})`
        : '';
    details.push(`${words.votes(note.votes)}${perRound}`);
  }
  // Continuation lines are indented so that a note of several lines stays one list item.
  const text = [first, ...rest.map((line) => (line ? `  ${line}` : ''))].join('\n');
  return `- ${text} — ${details.join(' · ')}`;
}

function roundNumber(report: Report, id: string): number {
  return report.votingRounds.find((round) => round.id === id)?.number ?? 0;
}

/** The model's names of phases, steps and what a voting round was about, in the reader's language. */
function modelNames(words: ReportWords) {
  const phase = (id: PhaseId) => words.name(getPhase(id).label);
  const step = (id: StepId) => {
    const found = getStep(id);
    return `${phase(found.phase)} · ${words.name(found.label)}`;
  };
  const scope = (votingScope: VotingScope) => {
    if (votingScope.kind === 'phase') return phase(votingScope.phase);
    if (votingScope.kind === 'step') return step(votingScope.step);
    return words.wholeBoard;
  };
  return { phase, step, scope };
}

function listOrNone(items: readonly string[], words: ReportWords): string {
  return items.length > 0 ? items.join(', ') : words.none;
}

function tableHead(columns: readonly string[]): string[] {
  return [`| ${columns.join(' | ')} |`, `|${' --- |'.repeat(columns.length)}`];
}

function row(...cells: string[]): string {
  return `| ${cells.map((cell) => inline(cell).replaceAll('|', '\\|')).join(' | ')} |`;
}

/** People's words, with the characters that Markdown would read as formatting escaped. */
function inline(text: string): string {
  return text.replace(/[\\`*_[\]<>#]/g, '\\$&').replace(/\s*\n\s*/g, ' ');
}

/** One line of a note: escaped, and not read as a list, quote or heading where it starts. */
function block(line: string): string {
  return inline(line)
    .replace(/^(\s*)([-+>=])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
}
