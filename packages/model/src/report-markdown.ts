import { ISSUE_KIND_LABELS } from './issues-in-hand.ts';
import { getPhase } from './phases.ts';
import type { Report, ReportNote, ReportPhase, ReportStep } from './report.ts';
import { inline, listOrNone, modelNames, noteText, row, tableHead } from './report-markdown-text.ts';
import type { ReportIssue, ReportMeeting, ReportPlan } from './report-meetings.ts';
import { type ReaderClock, type ReportReader, readerClock } from './report-reader.ts';
import { noteRoundMark, roundsSections, roundsSummary } from './report-rounds-markdown.ts';
import { REPORT_WORDS, type ReportWords } from './report-words.ts';

/**
 * The reflection report as a Markdown document for people to read: a summary, the phase timeline, a section
 * per meeting (its plan against reality, the issues raised and closed in it), the issues in hand, who
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
  const { scope } = report;
  if (scope.kind === 'meeting') {
    add('', words.scopeMeeting(scope.number, clock.time(scope.from), clock.time(scope.to)));
  } else if (report.meetings.length > 1) {
    add('', words.scopeTrajectory(report.meetings.length));
  }
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
  if (report.started) add(`- ${roundsSummary(report, words)}`);
  if (report.issues.length > 0) {
    const open = report.issues.filter((issue) => issue.status === 'open').length;
    add(`- ${words.issuesSummary(open, report.issues.length - open)}`);
  }

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

  const rounds = roundsSections(report, words, clock);
  if (rounds.length > 0) add('', ...rounds);

  if (showsMeetings(report)) {
    for (const meeting of report.meetings) add('', ...meetingSection(report, meeting, words, clock));
  }
  add('', ...issuesSection(report, words));

  add('', `## ${words.contributions}`, '');
  // Edits and moves are counted over the whole board's recording, so a meeting's report leaves them out.
  const withActivity = report.scope.kind === 'trajectory';
  if (report.contributors.length === 0) {
    add(words.contributionsEmpty);
  } else {
    add(...tableHead(words.contributionsColumns.slice(0, withActivity ? undefined : 3)));
    for (const person of report.contributors) {
      const { notes, votes, edits, moves } = person;
      const counts = withActivity ? [notes, votes, edits, moves] : [notes, votes];
      add(row(person.name ?? words.unnamedPerson, ...counts.map(String)));
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
    ...(showsMeetings(report) ? report.meetings.flatMap((meeting) => [meeting.from, meeting.to]) : []),
    ...(report.scope.kind === 'meeting' ? [report.scope.from, report.scope.to] : []),
  ];
}

/** A board of one meeting without a plan reads as before meetings existed: no section for it. */
function showsMeetings(report: Report): boolean {
  return (
    report.scope.kind === 'meeting' ||
    report.meetings.length > 1 ||
    report.meetings.some((meeting) => meeting.plan !== null)
  );
}

function meetingSection(
  report: Report,
  meeting: ReportMeeting,
  words: ReportWords,
  clock: ReaderClock,
): string[] {
  const names = modelNames(words);
  const startedBy = meeting.startedByName ?? (meeting.startedBy ? words.unnamedFacilitator : null);
  const lines = [
    `## ${words.meeting(meeting.number)}`,
    '',
    words.meetingSpan(
      clock.time(meeting.from),
      clock.until(meeting.from, meeting.to),
      clock.duration(meeting.to - meeting.from),
      startedBy === null ? null : inline(startedBy),
    ),
    '',
    `### ${words.planAgainstReality}`,
    '',
  ];
  if (meeting.plan) lines.push(...planLines(meeting.plan, words, clock));
  else lines.push(words.noPlan);

  lines.push('', `### ${words.issuesOfMeeting}`, '');
  const byId = new Map(report.issues.map((issue) => [issue.id, issue]));
  const listed = (ids: readonly string[]) =>
    ids.flatMap((id) => {
      const issue = byId.get(id);
      return issue ? [issue] : [];
    });
  const raised = listed(meeting.issuesOpened);
  const closed = listed(meeting.issuesClosed);
  if (raised.length === 0 && closed.length === 0) lines.push(words.noIssuesInMeeting);
  const item = (issue: ReportIssue, detail: string) =>
    `- ${words.name(ISSUE_KIND_LABELS[issue.kind])}: ${inline(issue.text)} — ${detail}`;
  if (raised.length > 0) {
    lines.push(words.issuesRaised(raised.length), '');
    lines.push(...raised.map((issue) => item(issue, names.step(issue.step))));
  }
  if (closed.length > 0) {
    if (raised.length > 0) lines.push('');
    lines.push(words.issuesClosed(closed.length), '');
    lines.push(...closed.map((issue) => item(issue, words.issueStatus(issue.status, null))));
  }
  return lines;
}

function planLines(plan: ReportPlan, words: ReportWords, clock: ReaderClock): string[] {
  const names = modelNames(words);
  const minutes = (count: number) => clock.duration(count * 60_000);
  const lines = tableHead(words.planColumns);
  for (const item of plan.items) {
    const actual = item.startedAt === null ? '—' : clock.duration(item.actualMs);
    lines.push(
      row(names.step(item.step), minutes(item.plannedMinutes), actual, words.agendaStatus[item.status]),
    );
  }
  const planned = plan.items.reduce((sum, item) => sum + item.plannedMinutes, 0);
  const spent = plan.items.reduce((sum, item) => sum + item.actualMs, 0);
  const unplanned = [
    ...plan.stepsWithoutPlan.map(names.step),
    ...plan.phasesWithoutPlan.map((phase) => words.wholePhase(names.phase(phase))),
  ];
  lines.push(
    '',
    `- ${words.planTotal(minutes(planned), clock.duration(spent))}`,
    `- ${words.notReached(listOrNone(plan.notReached.map(names.step), words))}`,
    `- ${words.withoutPlan(listOrNone(unplanned, words))}`,
  );
  if (plan.changes > 0) lines.push(`- ${words.planChanged(plan.changes)}`);
  const { facilitator, notetaker, partners } = plan.roles;
  if (facilitator || notetaker || partners.length > 0) {
    const partnerList = partners.map(({ name, organisation }) =>
      organisation ? `${inline(name)} (${inline(organisation)})` : inline(name),
    );
    lines.push(
      `- ${words.roles(inline(facilitator) || '—', inline(notetaker) || '—', listOrNone(partnerList, words))}`,
    );
  }
  return lines;
}

/** The issues in hand, a table per step, clockwise; open ones first (the report's order). */
function issuesSection(report: Report, words: ReportWords): string[] {
  const names = modelNames(words);
  const lines = [`## ${words.issues}`, ''];
  if (report.issues.length === 0) return [...lines, words.issuesEmpty];
  const steps = [...new Set(report.issues.map((issue) => issue.step))];
  for (const [index, step] of steps.entries()) {
    if (index > 0) lines.push('');
    lines.push(`### ${names.step(step)}`, '', ...tableHead(words.issuesColumns));
    for (const issue of report.issues.filter((candidate) => candidate.step === step)) {
      lines.push(
        row(
          words.name(ISSUE_KIND_LABELS[issue.kind]),
          issue.text,
          issue.owner || '—',
          words.issueStatus(issue.status, issue.closedInNumber),
          issue.meetingNumber === null ? '—' : words.meeting(issue.meetingNumber),
        ),
      );
    }
  }
  return lines;
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
  const details = [inline(note.authorName), words.colours[note.color]];
  if (withVotes) {
    const perRound =
      report.votingRounds.length > 1 && note.votesByRound.length > 0
        ? ` (${note.votesByRound.map(({ round, votes }) => words.roundVotes(roundNumber(report, round), votes)).join(', ')})`
        : '';
    details.push(`${words.votes(note.votes)}${perRound}`);
  }
  return `- ${noteText(note.text)}${noteRoundMark(report, note, words)} — ${details.join(' · ')}`;
}

function roundNumber(report: Report, id: string): number {
  return report.votingRounds.find((round) => round.id === id)?.number ?? 0;
}
