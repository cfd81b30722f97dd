import { getPhase } from './phases.ts';
import type { Report, ReportNote } from './report.ts';
import { inline, listOrNone, modelNames, noteText, row, tableHead } from './report-markdown-text.ts';
import type { ReaderClock } from './report-reader.ts';
import { FLAG_MARK, LAPSE_MARK } from './report-round-words.ts';
import type {
  ReportAcrossRounds,
  ReportRound,
  ReportRoundChanges,
  ReportStepAcrossRounds,
} from './report-rounds.ts';
import type { ReportWords } from './report-words.ts';

/**
 * The rounds of the circle in the report's Markdown: a line in the summary, then, once there is more than one
 * round, the steps compared across the rounds (a table and a small chart per phase), what changed from round
 * to round, and a section per round.
 */

/** True once the report has rounds to compare. */
function hasRounds(report: Report): boolean {
  return report.acrossRounds.rounds.length > 1;
}

/** The summary's line about the rounds. */
export function roundsSummary(report: Report, words: ReportWords): string {
  const { rounds } = words;
  if (!hasRounds(report)) return rounds.comparisonLater;
  const skipped = report.acrossRounds.keepsBeingSkipped.map(modelNames(words).step);
  return rounds.roundsSummary(
    report.acrossRounds.rounds.length,
    skipped.length > 0 ? skipped.join(', ') : null,
  );
}

/** After a note's text on a board of several rounds: ` (ronde 2, meegenomen uit ronde 1)`. */
export function noteRoundMark(report: Report, note: ReportNote, words: ReportWords): string {
  if (!hasRounds(report)) return '';
  return ` (${words.rounds.noteRound(note.round, note.carriedFrom !== null, note.carriedFromRound)})`;
}

/** The report's sections about the rounds; none for a board still in its first round. */
export function roundsSections(report: Report, words: ReportWords, clock: ReaderClock): string[] {
  if (!hasRounds(report)) return [];
  const { rounds } = words;
  const lines = [`## ${rounds.roundsCompared}`, '', rounds.comparedIntro];
  if (report.scope.kind === 'meeting') lines.push('', rounds.meetingRounds(report.scope.number));
  for (const phase of report.acrossRounds.phases) {
    lines.push('', ...phaseAcrossRounds(report.acrossRounds, phase, words, clock));
  }
  if (report.changes.length > 0) {
    lines.push('', `## ${rounds.changes}`, '', rounds.changesIntro);
    for (const changes of report.changes) lines.push('', ...changesSection(changes, words));
  }
  for (const round of report.rounds) lines.push('', ...roundSection(report, round, words, clock));
  return lines;
}

type PhaseAcrossRounds = ReportAcrossRounds['phases'][number];

function phaseAcrossRounds(
  across: ReportAcrossRounds,
  phase: PhaseAcrossRounds,
  words: ReportWords,
  clock: ReaderClock,
): string[] {
  const { rounds } = words;
  const lines = [`### ${getPhase(phase.phase).index + 1}. ${words.heading(phase.label)}`, ''];
  lines.push(...tableHead([rounds.stepColumn, ...across.rounds.map(rounds.round)]));
  const first = phase.steps[0]?.rounds ?? [];
  lines.push(
    row(
      rounds.phaseTime,
      ...first.map((inRound) => (inRound.state === 'ahead' ? '—' : clock.duration(inRound.time))),
    ),
  );
  for (const step of phase.steps) {
    const name = words.name(step.label);
    const cells = step.rounds.map((inRound) => {
      if (inRound.state === 'ahead') return rounds.state.ahead;
      const lapse = step.lapses.includes(inRound.round) ? ` ${LAPSE_MARK}` : '';
      return `${rounds.notes(inRound.notes, inRound.carried)} · ${rounds.state[inRound.state]}${lapse}`;
    });
    lines.push(
      row(step.keepsBeingSkipped ? `${name} ${FLAG_MARK} ${rounds.keepsBeingSkipped}` : name, ...cells),
    );
  }
  const legend = rounds.legend(
    phase.steps.some((step) => step.lapses.length > 0),
    phase.steps.some((step) => step.keepsBeingSkipped),
  );
  if (legend) lines.push('', legend);
  const most = Math.max(...across.phases.flatMap(({ steps }) => steps.flatMap(notesPerRound)));
  lines.push('', '```', ...notesChart(phase.steps, most, words), '```');
  return lines;
}

const notesPerRound = (step: ReportStepAcrossRounds) => step.rounds.map((inRound) => inRound.notes);

/** The widest bar, in blocks: for the most notes a step got in a round. */
const BAR_WIDTH = 8;

/**
 * The notes per round of a phase's steps as text that reads in any Markdown viewer: a line per step with a bar
 * of blocks per round, scaled so that `most` notes fill the widest bar, and the count; `–` for a round that has
 * not reached the phase, and the flag after a step that keeps being skipped.
 */
export function notesChart(
  steps: readonly ReportStepAcrossRounds[],
  most: number,
  words: ReportWords,
): string[] {
  const { rounds } = words;
  const names = steps.map((step) => words.name(step.label));
  const nameWidth = Math.max(rounds.chartHead.length, ...names.map((name) => name.length)) + 2;
  const numbers = steps[0]?.rounds.map((inRound) => inRound.round) ?? [];
  const cellWidth =
    Math.max(...numbers.map((round) => rounds.round(round).length), BAR_WIDTH + 2 + String(most).length) + 2;
  const line = (head: string, cells: readonly string[], tail = '') =>
    `${head.padEnd(nameWidth)}${cells.map((cell) => cell.padEnd(cellWidth)).join('')}${tail}`.trimEnd();
  return [
    line(rounds.chartHead, numbers.map(rounds.round)),
    ...steps.map((step, index) =>
      line(
        names[index] as string,
        step.rounds.map((inRound) => {
          if (inRound.state === 'ahead') return '–';
          const blocks =
            inRound.notes === 0
              ? 0
              : Math.max(1, Math.round((inRound.notes / Math.max(1, most)) * BAR_WIDTH));
          return `${blocks === 0 ? '·' : '█'.repeat(blocks)} ${inRound.notes}`;
        }),
        step.keepsBeingSkipped ? `${FLAG_MARK} ${rounds.keepsBeingSkipped}` : '',
      ),
    ),
  ];
}

function changesSection(changes: ReportRoundChanges<ReportNote>, words: ReportWords): string[] {
  const { rounds } = words;
  const names = modelNames(words);
  const lines = [`### ${rounds.changesOfRound(changes.round)}`];
  if (changes.steps.length === 0) lines.push('', rounds.nothingChanged);
  for (const step of changes.steps) {
    lines.push('', `**${names.step(step.step)}**`, '');
    lines.push(...step.added.map((note) => changeItem(rounds.added, note)));
    lines.push(...step.carried.map((note) => changeItem(rounds.carriedFrom(note.carriedFromRound), note)));
    lines.push(...step.dropped.map((note) => changeItem(rounds.dropped, note)));
  }
  return lines;
}

function changeItem(kind: string, note: ReportNote): string {
  return `- ${kind}: ${noteText(note.text)} — ${inline(note.authorName)}`;
}

function roundSection(report: Report, round: ReportRound, words: ReportWords, clock: ReaderClock): string[] {
  const { rounds } = words;
  const names = modelNames(words);
  const lines = [`## ${rounds.round(round.round)}`, ''];
  if (round.from !== null && round.to !== null) {
    const ongoing = report.scope.kind === 'trajectory' && round.round === report.current.round;
    lines.push(
      rounds.roundSpan(
        clock.time(round.from),
        clock.until(round.from, round.to),
        clock.duration(round.time),
        ongoing,
      ),
      '',
    );
  }
  const times = round.phases.map(
    ({ phase, time }) => `${names.phase(phase)} ${time > 0 ? clock.duration(time) : '—'}`,
  );
  lines.push(
    `- ${rounds.phaseTimes(times.join(', '))}`,
    `- ${rounds.roundNotes(round.notes, round.carried)}`,
    `- ${rounds.skippedInRound(listOrNone(round.skippedSteps.map(names.step), words))}`,
  );
  if (round.notes === 0) return [...lines, '', rounds.noNotesInRound];
  const notesOfRound = report.phases.flatMap((phase) =>
    phase.steps.map((step) => ({ step, notes: step.notes.filter((note) => note.round === round.round) })),
  );
  for (const { step, notes } of notesOfRound) {
    if (notes.length === 0) continue;
    const carried = notes.filter((note) => note.carriedFrom !== null).length;
    lines.push('', `**${names.step(step.step)}** — ${rounds.notes(notes.length, carried)}`, '');
    for (const note of notes) {
      const from = note.carriedFrom === null ? '' : ` (${rounds.carriedNote(note.carriedFromRound)})`;
      lines.push(`- ${noteText(note.text)} — ${inline(note.authorName)}${from}`);
    }
  }
  return lines;
}
