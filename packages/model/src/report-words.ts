import type { AgendaStatus } from './agenda.ts';
import type { IssueStatus } from './issues-in-hand.ts';
import type { NoteColor } from './note.ts';
import type { Label, Language } from './phases.ts';
import { ROUND_WORDS, type RoundWords } from './report-round-words.ts';
import type { StepStatus } from './step-status.ts';

/**
 * The report's own words, in Dutch and in English. Each language writes whole sentences from the values, so
 * neither is a word-for-word copy of the other. Phase and step names come from the model's Labels.
 */
export interface ReportWords {
  /** A phase's or step's name in running text and table cells. */
  name(label: Label): string;
  /** A phase's or step's name as a heading: in English with the model's Dutch name first. */
  heading(label: Label): string;
  generated(moment: string, zone: string): string;
  jointTask: string;
  summary: string;
  whereNow(phase: string, round: number): string;
  notStarted: string;
  notesBy(notes: number, writers: number): string;
  votesIn(votes: number, rounds: number): string;
  skippedSteps(steps: string): string;
  phasesPassedBy(phases: string): string;
  none: string;
  timeline: string;
  timelineEmpty: string;
  timelineColumns: readonly string[];
  /** Who moved the group on when their name is not known. */
  unnamedFacilitator: string;
  contributions: string;
  contributionsEmpty: string;
  contributionsColumns: readonly string[];
  unnamedPerson: string;
  votingRounds: string;
  votingRoundsColumns: readonly string[];
  wholeBoard: string;
  timeSpent(duration: string, visits: number, rounds: readonly number[]): string;
  notVisited: string;
  passedBy: string;
  status(status: StepStatus, skipped: boolean): string;
  noNotes: string;
  votes(count: number): string;
  roundVotes(round: number, votes: number): string;
  colours: Readonly<Record<NoteColor, string>>;
  /** "Meeting 2": a heading, and a table cell. */
  meeting(number: number): string;
  scopeMeeting(number: number, from: string, to: string): string;
  scopeTrajectory(meetings: number): string;
  meetingSpan(from: string, to: string, duration: string, startedBy: string | null): string;
  planAgainstReality: string;
  noPlan: string;
  planColumns: readonly string[];
  agendaStatus: Readonly<Record<AgendaStatus, string>>;
  planTotal(planned: string, actual: string): string;
  notReached(steps: string): string;
  withoutPlan(stepsAndPhases: string): string;
  /** A phase in the list of places visited without a plan, told apart from a step. */
  wholePhase(phase: string): string;
  planChanged(times: number): string;
  roles(facilitator: string, notetaker: string, partners: string): string;
  issuesOfMeeting: string;
  issuesRaised(count: number): string;
  issuesClosed(count: number): string;
  noIssuesInMeeting: string;
  issues: string;
  issuesEmpty: string;
  issuesColumns: readonly string[];
  issueStatus(status: IssueStatus, closedIn: number | null): string;
  issuesSummary(open: number, closed: number): string;
  /** About the rounds of the circle. */
  rounds: RoundWords;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

const DUTCH: ReportWords = {
  name: (label) => label.nl,
  heading: (label) => label.nl,
  generated: (moment, zone) => `Reflectieverslag, gemaakt op ${moment} (${zone}).`,
  jointTask: 'Gezamenlijke opgave',
  summary: 'Samenvatting',
  whereNow: (phase, round) => `Waar de groep nu is: ${phase}, ronde ${round}`,
  notStarted: 'De workshop is nog niet begonnen.',
  notesBy: (notes, writers) => `Notities: ${notes}, van ${plural(writers, 'persoon', 'personen')}`,
  votesIn: (votes, rounds) =>
    `Stemmen: ${votes}, in ${plural(rounds, 'afgesloten stemronde', 'afgesloten stemrondes')}`,
  skippedSteps: (steps) => `Overgeslagen stappen: ${steps}`,
  phasesPassedBy: (phases) => `Fasen waar de groep in een nieuwe ronde aan voorbijging: ${phases}`,
  none: 'geen',
  timeline: 'Verloop van de fasen',
  timelineEmpty: 'De groep heeft nog geen fase doorlopen.',
  timelineColumns: ['Fase', 'Ronde', 'Van', 'Tot', 'Duur', 'Facilitator'],
  unnamedFacilitator: 'naam onbekend',
  contributions: 'Bijdragen',
  contributionsEmpty: 'Nog niemand heeft een notitie geschreven, bewerkt of erop gestemd.',
  contributionsColumns: [
    'Persoon',
    'Notities geschreven',
    'Stemmen gegeven',
    'Notities bewerkt',
    'Notities verplaatst',
  ],
  unnamedPerson: 'Iemand zonder naam',
  votingRounds: 'Stemrondes',
  votingRoundsColumns: [
    'Ronde',
    'Waarover',
    'Stemmen per persoon',
    'Stemmen gegeven',
    'Stemmers',
    'Gesloten',
  ],
  wholeBoard: 'het hele bord',
  timeSpent: (duration, visits, rounds) =>
    visits === 1
      ? `De groep was ${duration} in deze fase (ronde ${rounds.join(', ')}).`
      : `De groep was ${visits} keer in deze fase, samen ${duration} (${rounds.length === 1 ? 'ronde' : 'rondes'} ${rounds.join(', ')}).`,
  notVisited: 'De groep is nog niet in deze fase geweest.',
  passedBy:
    'In een nieuwe ronde kwam de groep weer bij deze fase, maar ging er zonder te stoppen aan voorbij.',
  status: (status, skipped) => {
    const name = { open: 'open', 'in-progress': 'bezig', done: 'afgerond' }[status];
    return skipped
      ? `Status: ${name}. Overgeslagen: de groep verliet de fase terwijl deze stap nog open stond.`
      : `Status: ${name}.`;
  },
  noNotes: 'Geen notities.',
  votes: (count) => plural(count, 'stem', 'stemmen'),
  roundVotes: (round, votes) => `stemronde ${round}: ${votes}`,
  colours: { yellow: 'geel', orange: 'oranje', pink: 'roze', purple: 'paars', blue: 'blauw', green: 'groen' },
  meeting: (number) => `Bijeenkomst ${number}`,
  scopeMeeting: (number, from, to) => `Dit verslag gaat over bijeenkomst ${number}, van ${from} tot ${to}.`,
  scopeTrajectory: (meetings) => `Dit verslag gaat over het hele traject: ${meetings} bijeenkomsten.`,
  meetingSpan: (from, to, duration, startedBy) =>
    `Van ${from} tot ${to} (${duration})${startedBy ? `, gestart door ${startedBy}` : ''}.`,
  planAgainstReality: 'Plan en werkelijkheid',
  noPlan: 'Voor deze bijeenkomst was er geen plan.',
  planColumns: ['Stap', 'Gepland', 'Werkelijk', 'Hoe het ging'],
  agendaStatus: {
    todo: 'niet aan toegekomen',
    current: 'nog bezig',
    done: 'afgerond',
    skipped: 'overgeslagen',
  },
  planTotal: (planned, actual) => `Samen ${planned} gepland, ${actual} besteed.`,
  notReached: (steps) => `Gepland, maar niet aan toegekomen: ${steps}`,
  withoutPlan: (places) => `Zonder plan bezocht: ${places}`,
  wholePhase: (phase) => `fase ${phase}`,
  planChanged: (times) =>
    `Het plan is ${times === 1 ? 'één keer' : `${times} keer`} aangepast nadat het klaar was.`,
  roles: (facilitator, notetaker, partners) =>
    `Rollen: facilitator ${facilitator}, notulist ${notetaker}; partners: ${partners}.`,
  issuesOfMeeting: 'Lopende zaken in deze bijeenkomst',
  issuesRaised: (count) => `Ingebracht (${count}):`,
  issuesClosed: (count) => `Afgesloten (${count}):`,
  noIssuesInMeeting: 'Er zijn geen zaken ingebracht of afgesloten.',
  issues: 'Lopende zaken',
  issuesEmpty: 'Er zijn nog geen lopende zaken.',
  issuesColumns: ['Soort', 'Zaak', 'Eigenaar', 'Status', 'Ingebracht in'],
  issueStatus: (status, closedIn) => {
    const name = { open: 'open', done: 'afgerond', dropped: 'vervallen' }[status];
    return closedIn === null || status === 'open' ? name : `${name} in bijeenkomst ${closedIn}`;
  },
  issuesSummary: (open, closed) => `Lopende zaken: ${open} open, ${closed} afgesloten`,
  rounds: ROUND_WORDS.nl,
};

const ENGLISH: ReportWords = {
  name: (label) => label.en,
  heading: (label) => `${label.nl} (${label.en})`,
  generated: (moment, zone) => `Reflection report, generated ${moment} (${zone}).`,
  jointTask: 'Joint task',
  summary: 'Summary',
  whereNow: (phase, round) => `Where the group is: ${phase}, round ${round}`,
  notStarted: 'The workshop has not started yet.',
  notesBy: (notes, writers) => `Notes: ${notes} by ${plural(writers, 'person', 'people')}`,
  votesIn: (votes, rounds) =>
    `Votes: ${votes} in ${plural(rounds, 'closed voting round', 'closed voting rounds')}`,
  skippedSteps: (steps) => `Skipped steps: ${steps}`,
  phasesPassedBy: (phases) => `Phases never returned to: ${phases}`,
  none: 'none',
  timeline: 'Phase timeline',
  timelineEmpty: 'The group has not moved around the circle yet.',
  timelineColumns: ['Phase', 'Round', 'From', 'To', 'Time', 'Moved by'],
  unnamedFacilitator: 'a facilitator',
  contributions: 'Contributions',
  contributionsEmpty: 'Nobody has written, changed or voted on a note yet.',
  contributionsColumns: ['Person', 'Notes written', 'Votes cast', 'Notes edited', 'Notes moved'],
  unnamedPerson: 'Someone without a name',
  votingRounds: 'Voting rounds',
  votingRoundsColumns: ['Round', 'About', 'Votes per person', 'Votes cast', 'People voting', 'Closed'],
  wholeBoard: 'the whole board',
  timeSpent: (duration, visits, rounds) =>
    `Time spent: ${duration} over ${plural(visits, 'visit', 'visits')} (${rounds.length === 1 ? 'round' : 'rounds'} ${rounds.join(', ')}).`,
  notVisited: 'The group has not been in this phase.',
  passedBy: 'The circle came round to this phase again and passed it by.',
  status: (status, skipped) => {
    const name = { open: 'open', 'in-progress': 'in progress', done: 'done' }[status];
    return skipped
      ? `Status: ${name} — skipped: the group left this phase with the step still open.`
      : `Status: ${name}.`;
  },
  noNotes: 'No notes.',
  votes: (count) => plural(count, 'vote', 'votes'),
  roundVotes: (round, votes) => `voting round ${round}: ${votes}`,
  colours: {
    yellow: 'yellow',
    orange: 'orange',
    pink: 'pink',
    purple: 'purple',
    blue: 'blue',
    green: 'green',
  },
  meeting: (number) => `Meeting ${number}`,
  scopeMeeting: (number, from, to) => `This report covers meeting ${number}, from ${from} to ${to}.`,
  scopeTrajectory: (meetings) => `This report covers the whole trajectory: ${meetings} meetings.`,
  meetingSpan: (from, to, duration, startedBy) =>
    `From ${from} to ${to} (${duration})${startedBy ? `, started by ${startedBy}` : ''}.`,
  planAgainstReality: 'Plan against reality',
  noPlan: 'This meeting had no plan.',
  planColumns: ['Step', 'Planned', 'Actual', 'How it went'],
  agendaStatus: { todo: 'not reached', current: 'still going on', done: 'done', skipped: 'skipped' },
  planTotal: (planned, actual) => `In all ${planned} planned, ${actual} spent.`,
  notReached: (steps) => `Planned but not reached: ${steps}`,
  withoutPlan: (places) => `Visited without a plan: ${places}`,
  wholePhase: (phase) => `the phase ${phase}`,
  planChanged: (times) =>
    `The plan was changed ${times === 1 ? 'once' : `${times} times`} after it was first made.`,
  roles: (facilitator, notetaker, partners) =>
    `Roles: facilitator ${facilitator}, notetaker ${notetaker}; partners: ${partners}.`,
  issuesOfMeeting: 'Issues in hand in this meeting',
  issuesRaised: (count) => `Raised (${count}):`,
  issuesClosed: (count) => `Closed (${count}):`,
  noIssuesInMeeting: 'No issues were raised or closed.',
  issues: 'Issues in hand',
  issuesEmpty: 'There are no issues in hand yet.',
  issuesColumns: ['Kind', 'Issue', 'Owner', 'Status', 'Raised in'],
  issueStatus: (status, closedIn) => {
    const name = { open: 'open', done: 'done', dropped: 'dropped' }[status];
    return closedIn === null || status === 'open' ? name : `${name} in meeting ${closedIn}`;
  },
  issuesSummary: (open, closed) => `Issues in hand: ${open} open, ${closed} closed`,
  rounds: ROUND_WORDS.en,
};

export const REPORT_WORDS: Readonly<Record<Language, ReportWords>> = { nl: DUTCH, en: ENGLISH };
