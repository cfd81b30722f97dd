import { getPhase, getStep, type PhaseId, type StepId } from './phases.ts';
import type { ReportWords } from './report-words.ts';
import type { VotingScope } from './voting.ts';

/** The pieces the report's Markdown is written with: names, tables, and people's words made safe. */

/** The model's names of phases, steps and what a voting round was about, in the reader's language. */
export function modelNames(words: ReportWords) {
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

export function listOrNone(items: readonly string[], words: ReportWords): string {
  return items.length > 0 ? items.join(', ') : words.none;
}

export function tableHead(columns: readonly string[]): string[] {
  return [`| ${columns.join(' | ')} |`, `|${' --- |'.repeat(columns.length)}`];
}

export function row(...cells: string[]): string {
  return `| ${cells.map((cell) => inline(cell).replaceAll('|', '\\|')).join(' | ')} |`;
}

/** People's words, with the characters that Markdown would read as formatting escaped. */
export function inline(text: string): string {
  return text.replace(/[\\`*_[\]<>#]/g, '\\$&').replace(/\s*\n\s*/g, ' ');
}

/** A note's text as a list item's: escaped, its continuation lines indented so that it stays one item. */
export function noteText(text: string): string {
  const [first = '', ...rest] = text.split('\n').map(block);
  return [first, ...rest.map((line) => (line ? `  ${line}` : ''))].join('\n');
}

/** One line of a note: escaped, and not read as a list, quote or heading where it starts. */
function block(line: string): string {
  return inline(line)
    .replace(/^(\s*)([-+>=])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
}
