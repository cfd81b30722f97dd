import { getPhase, getStep, type PhaseId, type StepId } from './phases.ts';
import type { Report, ReportNote, ReportPhase, ReportStep } from './report.ts';
import type { VotingScope } from './voting.ts';

/**
 * The reflection report as a Markdown document for people to read: a summary, the phase timeline, who
 * contributed, the voting rounds, then a section per phase with a heading per step and its notes. Times are
 * written in UTC, as the server that builds the report has no idea of the reader's time zone.
 */
export function reportToMarkdown(report: Report): string {
  const lines: string[] = [];
  const add = (...more: string[]) => lines.push(...more);

  add(
    `# ${inline(report.board.title)}`,
    '',
    `Reflection report, generated ${formatTime(report.generatedAt)} UTC.`,
  );
  if (report.board.task) add('', `**Joint task:** ${inline(report.board.task)}`);

  add('', '## Summary', '');
  add(
    report.started
      ? `- Where the group is: ${phaseName(report.current.phase)}, round ${report.current.round}`
      : '- The workshop has not started yet.',
    `- Notes: ${report.totals.notes} by ${plural(report.contributors.filter((person) => person.notes > 0).length, 'person', 'people')}`,
    `- Votes: ${report.totals.votes} in ${plural(report.totals.votingRounds, 'closed voting round')}`,
    `- Skipped steps: ${listOrNone(report.skippedSteps.map(stepName))}`,
    `- Phases never returned to: ${listOrNone(report.phasesNeverReturnedTo.map(phaseName))}`,
  );

  add('', '## Phase timeline', '');
  if (report.timeline.length === 0) {
    add('The group has not moved around the circle yet.');
  } else {
    add(
      '| Phase | Round | From (UTC) | To (UTC) | Time | Moved by |',
      '| --- | --- | --- | --- | --- | --- |',
    );
    for (const entry of report.timeline) {
      add(
        row(
          phaseName(entry.phase),
          String(entry.round),
          formatTime(entry.from),
          formatTime(entry.to),
          formatDuration(entry.to - entry.from),
          entry.actorName ?? (entry.actorId ? 'a facilitator' : '—'),
        ),
      );
    }
  }

  add('', '## Contributions', '');
  if (report.contributors.length === 0) {
    add('Nobody has written, changed or voted on a note yet.');
  } else {
    add(
      '| Person | Notes written | Votes cast | Notes edited | Notes moved |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const person of report.contributors) {
      const { notes, votes, edits, moves } = person;
      add(row(person.name ?? 'Someone without a name', ...[notes, votes, edits, moves].map(String)));
    }
  }

  if (report.votingRounds.length > 0) {
    add('', '## Voting rounds', '');
    add('| Round | About | Votes per person | Votes cast | People voting | Closed (UTC) |');
    add('| --- | --- | --- | --- | --- | --- |');
    for (const round of report.votingRounds) {
      add(
        row(
          String(round.number),
          scopeName(round.scope),
          String(round.budget),
          String(round.votes),
          String(round.voters),
          formatTime(round.closedAt),
        ),
      );
    }
  }

  for (const phase of report.phases) add('', ...phaseSection(report, phase));
  return `${lines.join('\n')}\n`;
}

function phaseSection(report: Report, phase: ReportPhase): string[] {
  const { index } = getPhase(phase.phase);
  const lines = [`## ${index + 1}. ${phase.label.nl} — ${phase.label.en}`, ''];
  if (phase.visited) {
    const rounds = phase.rounds.length === 1 ? 'round' : 'rounds';
    lines.push(
      `Time spent: ${formatDuration(phase.timeSpent)} over ${plural(phase.visits, 'visit')} (${rounds} ${phase.rounds.join(', ')}).`,
    );
  } else {
    lines.push('The group has not been in this phase.');
  }
  if (phase.neverReturnedTo) lines.push('', 'The circle came round to this phase again and passed it by.');
  for (const step of phase.steps) lines.push('', ...stepSection(report, step));
  return lines;
}

function stepSection(report: Report, step: ReportStep): string[] {
  const lines = [`### ${step.label.nl} — ${step.label.en}`, ''];
  const status = { open: 'open', 'in-progress': 'in progress', done: 'done' }[step.status];
  lines.push(
    step.skipped
      ? `Status: ${status} — skipped: the group left this phase with the step still open.`
      : `Status: ${status}.`,
    '',
  );
  if (step.notes.length === 0) lines.push('No notes.');
  const withVotes = report.votingRounds.length > 0;
  for (const note of step.notes) lines.push(noteItem(report, note, withVotes));
  return lines;
}

function noteItem(report: Report, note: ReportNote, withVotes: boolean): string {
  const [first = '', ...rest] = note.text.split('\n').map(block);
  const details = [inline(note.authorName), note.color];
  if (withVotes) {
    const perRound =
      report.votingRounds.length > 1 && note.votesByRound.length > 0
        ? ` (${note.votesByRound.map(({ round, votes }) => `round ${roundNumber(report, round)}: ${votes}`).join(', ')})`
        : '';
    details.push(`${plural(note.votes, 'vote')}${perRound}`);
  }
  // Continuation lines are indented so that a note of several lines stays one list item.
  const text = [first, ...rest.map((line) => (line ? `  ${line}` : ''))].join('\n');
  return `- ${text} — ${details.join(' · ')}`;
}

function roundNumber(report: Report, id: string): number {
  return report.votingRounds.find((round) => round.id === id)?.number ?? 0;
}

function phaseName(id: PhaseId): string {
  return getPhase(id).label.nl;
}

function stepName(id: StepId): string {
  const step = getStep(id);
  return `${phaseName(step.phase)} · ${step.label.nl}`;
}

function scopeName(scope: VotingScope): string {
  if (scope.kind === 'phase') return phaseName(scope.phase);
  if (scope.kind === 'step') return stepName(scope.step);
  return 'the whole board';
}

function listOrNone(items: readonly string[]): string {
  return items.length > 0 ? items.join(', ') : 'none';
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
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

/** `2025-03-14 09:05`, in UTC. */
export function formatTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

/** `45 s`, `12 min`, `1 h 5 min`. */
export function formatDuration(ms: number): string {
  const seconds = Math.round(Math.max(0, ms) / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}
