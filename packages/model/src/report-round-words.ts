import type { Language } from './phases.ts';
import type { StepRoundState } from './round-diagnosis.ts';

/**
 * The report's words about the rounds of the circle, in Dutch and in English (see report-words.ts). A round
 * (ronde) is a time round the circle, never a voting round (stemronde).
 */
export interface RoundWords {
  /** The summary's line on a board still in its first round. */
  comparisonLater: string;
  /** The summary's line once there are rounds to compare. */
  roundsSummary(rounds: number, keepsBeingSkipped: string | null): string;
  roundsCompared: string;
  comparedIntro: string;
  /** Under the heading, in a meeting's report: what its round sections cover. */
  meetingRounds(meeting: number): string;
  stepColumn: string;
  /** "Ronde 2": a heading, a table column. */
  round(round: number): string;
  phaseTime: string;
  state: Readonly<Record<StepRoundState, string>>;
  notes(count: number, carried: number): string;
  keepsBeingSkipped: string;
  /** What the marks in a phase's table mean; only those used are explained. */
  legend(lapse: boolean, flag: boolean): string;
  chartHead: string;
  roundSpan(from: string, to: string, duration: string, ongoing: boolean): string;
  phaseTimes(times: string): string;
  roundNotes(notes: number, carried: number): string;
  skippedInRound(steps: string): string;
  noNotesInRound: string;
  changes: string;
  changesIntro: string;
  changesOfRound(round: number): string;
  nothingChanged: string;
  added: string;
  carriedFrom(round: number | null): string;
  /** After a carried note in its round's section. */
  carriedNote(from: number | null): string;
  dropped: string;
  /** After a note of a board with several rounds: "ronde 2, meegenomen uit ronde 1". */
  noteRound(round: number, carried: boolean, from: number | null): string;
  csvColumns: readonly [round: string, carriedFromRound: string];
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** Marks in a phase's table and chart: a step skipped right after a round that visited it, and one skipped round after round. */
export const LAPSE_MARK = '⚠';
export const FLAG_MARK = '⚑';

const DUTCH: RoundWords = {
  comparisonLater: 'Rondes: de groep is in ronde 1; de vergelijking tussen rondes begint in ronde 2.',
  roundsSummary: (rounds, skipped) =>
    `Rondes: ${rounds}${skipped ? `; steeds overgeslagen: ${skipped}` : ''}`,
  roundsCompared: 'Rondes vergeleken',
  comparedIntro:
    'Per fase en per stap: de notities en hoe het ging, ronde na ronde. Een stap heeft geen eigen klok: de tijd is die van de fase in die ronde.',
  meetingRounds: (meeting) =>
    `De vergelijking toont het hele bord zoals het er aan het eind van bijeenkomst ${meeting} voor stond; de rondes daarna zijn die waarin deze bijeenkomst viel, met alleen de notities en de tijd van deze bijeenkomst.`,
  stepColumn: 'Stap',
  round: (round) => `Ronde ${round}`,
  phaseTime: 'Tijd in de fase',
  state: { visited: 'behandeld', skipped: 'overgeslagen', open: 'nu open', ahead: 'nog niet' },
  notes: (count, carried) =>
    `${plural(count, 'notitie', 'notities')}${carried > 0 ? ` (${carried} meegenomen)` : ''}`,
  keepsBeingSkipped: 'steeds overgeslagen',
  legend: (lapse, flag) =>
    [
      lapse ? `${LAPSE_MARK} in de ronde ervoor behandeld, in deze overgeslagen` : '',
      flag ? `${FLAG_MARK} steeds overgeslagen: in de laatste rondes na elkaar` : '',
    ]
      .filter(Boolean)
      .join(' · '),
  chartHead: 'Notities per ronde',
  roundSpan: (from, to, duration, ongoing) =>
    ongoing
      ? `Begonnen om ${from}; de groep is nog in deze ronde (${duration} tot ${to}).`
      : `Van ${from} tot ${to} (${duration}).`,
  phaseTimes: (times) => `Tijd per fase: ${times}`,
  roundNotes: (notes, carried) =>
    `Notities: ${notes}${carried > 0 ? `, waarvan ${carried} meegenomen uit een eerdere ronde` : ''}`,
  skippedInRound: (steps) => `Overgeslagen in deze ronde: ${steps}`,
  noNotesInRound: 'In deze ronde zijn geen notities geschreven.',
  changes: 'Wat er veranderde',
  changesIntro:
    'Per ronde en per stap: nieuwe notities, notities meegenomen uit een eerdere ronde, en notities van de ronde ervoor die niet zijn meegenomen (achtergelaten).',
  changesOfRound: (round) => `Ronde ${round} tegenover ronde ${round - 1}`,
  nothingChanged: 'Geen nieuwe, meegenomen of achtergelaten notities.',
  added: 'Nieuw',
  carriedFrom: (round) => (round === null ? 'Meegenomen' : `Meegenomen uit ronde ${round}`),
  carriedNote: (from) => `meegenomen uit ${from === null ? 'een eerdere ronde' : `ronde ${from}`}`,
  dropped: 'Achtergelaten',
  noteRound: (round, carried, from) =>
    carried ? `ronde ${round}, ${DUTCH.carriedNote(from)}` : `ronde ${round}`,
  csvColumns: ['ronde', 'meegenomen uit ronde'],
};

const ENGLISH: RoundWords = {
  comparisonLater: 'Rounds: the group is in round 1; comparing rounds starts in round 2.',
  roundsSummary: (rounds, skipped) => `Rounds: ${rounds}${skipped ? `; keep being skipped: ${skipped}` : ''}`,
  roundsCompared: 'Rounds compared',
  comparedIntro:
    'Per phase and step: the notes and how it went, round by round. A step has no clock of its own: the time is that of its phase in the round.',
  meetingRounds: (meeting) =>
    `The comparison shows the whole board as it stood at the end of meeting ${meeting}; the rounds after it are those this meeting touched, with only this meeting's notes and time.`,
  stepColumn: 'Step',
  round: (round) => `Round ${round}`,
  phaseTime: 'Time in the phase',
  state: { visited: 'visited', skipped: 'skipped', open: 'open now', ahead: 'not yet' },
  notes: (count, carried) =>
    `${plural(count, 'note', 'notes')}${carried > 0 ? ` (${carried} carried over)` : ''}`,
  keepsBeingSkipped: 'keeps being skipped',
  legend: (lapse, flag) =>
    [
      lapse ? `${LAPSE_MARK} visited in the round before, skipped in this one` : '',
      flag ? `${FLAG_MARK} keeps being skipped: in the latest rounds, one after the other` : '',
    ]
      .filter(Boolean)
      .join(' · '),
  chartHead: 'Notes per round',
  roundSpan: (from, to, duration, ongoing) =>
    ongoing
      ? `Started at ${from}; the group is still in this round (${duration} up to ${to}).`
      : `From ${from} to ${to} (${duration}).`,
  phaseTimes: (times) => `Time per phase: ${times}`,
  roundNotes: (notes, carried) =>
    `Notes: ${notes}${carried > 0 ? `, ${carried} of them carried over from an earlier round` : ''}`,
  skippedInRound: (steps) => `Skipped in this round: ${steps}`,
  noNotesInRound: 'No notes were written in this round.',
  changes: 'What changed',
  changesIntro:
    'Per round and step: new notes, notes carried over from an earlier round, and notes of the round before that were not carried along (dropped).',
  changesOfRound: (round) => `Round ${round} against round ${round - 1}`,
  nothingChanged: 'No notes added, carried over or dropped.',
  added: 'New',
  carriedFrom: (round) => (round === null ? 'Carried over' : `Carried over from round ${round}`),
  carriedNote: (from) => `carried over from ${from === null ? 'an earlier round' : `round ${from}`}`,
  dropped: 'Dropped',
  noteRound: (round, carried, from) =>
    carried ? `round ${round}, ${ENGLISH.carriedNote(from)}` : `round ${round}`,
  csvColumns: ['round', 'carried from round'],
};

export const ROUND_WORDS: Readonly<Record<Language, RoundWords>> = { nl: DUTCH, en: ENGLISH };
