import type * as Y from 'yjs';
import { agendaEntries } from './agenda.ts';
import { isAuthorName } from './author.ts';
import { getBoardMeta } from './board.ts';
import { diagnose } from './diagnosis.ts';
import { describeValue, ModelError } from './errors.ts';
import { getFacilitation } from './facilitation.ts';
import { isValidId } from './id.ts';
import { listIssues } from './issues-in-hand.ts';
import { listMeetings } from './meetings.ts';
import { listNotes, type Note, type NoteColor } from './note.ts';
import type { PhasePosition, PhaseVisit } from './phase-history.ts';
import { type Label, PHASES, type PhaseId, type StepId } from './phases.ts';
import {
  historyWithin,
  meetingOfTime,
  meetingSpans,
  type ReportIssue,
  type ReportMeeting,
  type ReportScope,
  reportIssues,
  reportMeetings,
} from './report-meetings.ts';
import {
  type ReportAcrossRounds,
  type ReportRound,
  type ReportRoundChanges,
  reportRounds,
} from './report-rounds.ts';
import { countVotes, type ReportVotingRound } from './report-votes.ts';
import { noteRound } from './rounds.ts';
import type { StepStatus } from './step-status.ts';
import { parseTimestamp } from './time.ts';

/**
 * The reflection report: what a workshop produced and how it went, per phase and step, built from the
 * board's content and control documents. Private drafts are not read, so nothing unrevealed ever shows.
 *
 * The shape is the JSON export (see reportToJson): fields are only ever added, and a change that breaks
 * readers raises REPORT_VERSION. Times are milliseconds since the Unix epoch, durations milliseconds.
 */
export const REPORT_VERSION = 1;

export type { ReportVotingRound } from './report-votes.ts';

export interface ReportInput {
  /** The content document (`<boardId>`): notes, votes, metadata. */
  content: Y.Doc;
  /** The control document (`<boardId>.control`): phase history, step statuses, voting rounds. */
  control: Y.Doc;
  /** The moment the report describes; the current phase lasts until then. */
  now: number;
  /** Title and task as the server knows them; defaults to the content document's metadata. */
  board?: { title: string; task: string };
  /**
   * Names known from elsewhere (e.g. who was on the board), for people who wrote no note: a facilitator
   * who only voted or moved the group on. The name on someone's latest note wins.
   */
  people?: readonly { id: string; name: string }[];
  /**
   * How many times each person edited a note (its text or colour) and moved one, as the board's recording
   * tells; people left out, or all when it is not given, count 0 of both.
   */
  activity?: readonly { id: string; edits: number; moves: number }[];
  /**
   * One meeting's report, by the meeting's id: its notes, votes and moves only, with the issues raised up to
   * it. Without it the report covers the whole trajectory. Throws ModelError('invalid-meeting') for a
   * meeting the board does not have.
   */
  meeting?: string;
}

export interface Report {
  version: typeof REPORT_VERSION;
  board: { title: string; task: string };
  generatedAt: number;
  /** The whole trajectory, or one meeting: then notes, votes, the timeline and the phases are that meeting's. */
  scope: ReportScope;
  /** False until the facilitator started the workshop. */
  started: boolean;
  /** Where the group is now. */
  current: PhasePosition;
  totals: { notes: number; votes: number; contributors: number; votingRounds: number };
  /** All four phases, clockwise, each with its three steps. */
  phases: ReportPhase[];
  /** Closed voting rounds, in the order they were opened; open rounds do not count yet. */
  votingRounds: ReportVotingRound[];
  /** Everyone who wrote a note or cast a counted vote, most active first. */
  contributors: Contributor[];
  /** Steps whose phase the group left while they were still open, clockwise. */
  skippedSteps: StepId[];
  /** Phases the circle came round to again and passed without stopping, clockwise. */
  phasesNeverReturnedTo: PhaseId[];
  /** Each stay at a position of the circle, oldest first. */
  timeline: TimelineEntry[];
  /** The meetings covered, in order, each with its plan against reality and its issues opened and closed. */
  meetings: ReportMeeting[];
  /** The issues in hand (raised up to the meeting covered), by step clockwise, open ones first. */
  issues: ReportIssue[];
  /** A section per round of the circle, oldest first; for one meeting, the rounds it touched (see report-rounds.ts). */
  rounds: ReportRound[];
  /** What changed from each round to the next, per step: from round 2 on. */
  changes: ReportRoundChanges<ReportNote>[];
  /** The steps compared across the rounds, per phase, with the steps that keep being skipped. */
  acrossRounds: ReportAcrossRounds;
}

export interface ReportPhase {
  phase: PhaseId;
  label: Label;
  visited: boolean;
  visits: number;
  rounds: number[];
  /** Over all visits. */
  timeSpent: number;
  neverReturnedTo: boolean;
  steps: ReportStep[];
}

export interface ReportStep {
  step: StepId;
  label: Label;
  status: StepStatus;
  skipped: boolean;
  /** Most votes first, then oldest first. */
  notes: ReportNote[];
}

export interface ReportNote {
  id: string;
  text: string;
  authorId: string;
  authorName: string;
  color: NoteColor;
  /** Counted votes over all closed voting rounds. */
  votes: number;
  /** The rounds in which the note got votes, in round order. */
  votesByRound: { round: string; votes: number }[];
  createdAt: number;
  updatedAt: number;
  /** The round of the circle it was written in (or carried into). */
  round: number;
  /** The id of the note it was carried from; null when it was written in its round. */
  carriedFrom: string | null;
  /** The round of the note it was carried from; null when it was not carried, or that note is gone. */
  carriedFromRound: number | null;
}

export interface Contributor {
  id: string;
  /** The name on their latest note, else from ReportInput.people; null when neither has it. */
  name: string | null;
  notes: number;
  votes: number;
  /** Times they edited a note's text or colour, anyone's note. */
  edits: number;
  /** Times they moved a note, within its step or to another. */
  moves: number;
}

export interface TimelineEntry extends PhasePosition {
  from: number;
  /** When the group moved on, or the report's time for the current position. */
  to: number;
  /** Who moved the group here, when known. */
  actorId: string | null;
  /** Their name, when known (see Contributor.name). */
  actorName: string | null;
}

/** The notes of a board with the phase history that places them in their rounds. */
interface NotesInRounds {
  byId: ReadonlyMap<string, Note>;
  history: readonly PhaseVisit[];
}

function reportNote(
  note: Note,
  byRound: ReadonlyMap<string, number> | undefined,
  { byId, history }: NotesInRounds,
): ReportNote {
  const votesByRound = [...(byRound ?? [])].map(([round, votes]) => ({ round, votes }));
  const origin = note.carriedFrom === undefined ? undefined : byId.get(note.carriedFrom);
  return {
    id: note.id,
    text: note.text,
    authorId: note.authorId,
    authorName: note.authorName,
    color: note.color,
    votes: votesByRound.reduce((sum, entry) => sum + entry.votes, 0),
    votesByRound,
    createdAt: note.createdAt,
    updatedAt: note.updatedAt,
    round: noteRound(note, history),
    carriedFrom: note.carriedFrom ?? null,
    carriedFromRound: origin ? noteRound(origin, history) : null,
  };
}

function contributors(
  notes: readonly Note[],
  perVoter: ReadonlyMap<string, number>,
  activity: ReportInput['activity'],
  names: ReadonlyMap<string, string>,
): Contributor[] {
  const people = new Map<string, Contributor>();
  const person = (id: string) => {
    const known = people.get(id) ?? {
      id,
      name: names.get(id) ?? null,
      notes: 0,
      votes: 0,
      edits: 0,
      moves: 0,
    };
    people.set(id, known);
    return known;
  };
  for (const note of notes) person(note.authorId).notes++;
  for (const [voterId, votes] of perVoter) person(voterId).votes = votes;
  for (const { id, edits, moves } of activity ?? []) {
    if (!isValidId(id) || !isCount(edits) || !isCount(moves) || edits + moves === 0) continue;
    const known = person(id);
    known.edits += edits;
    known.moves += moves;
  }
  const total = (person: Contributor) => person.notes + person.votes + person.edits + person.moves;
  return [...people.values()].sort(
    (a, b) =>
      total(b) - total(a) || (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff') || (a.id < b.id ? -1 : 1),
  );
}

function isCount(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

/** One entry per stay: a move recorded twice at the same position does not start a new stay. */
function timeline(
  history: readonly PhaseVisit[],
  now: number,
  names: ReadonlyMap<string, string>,
): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  for (const visit of history) {
    const last = entries.at(-1);
    if (last) {
      if (last.phase === visit.phase && last.round === visit.round) continue;
      last.to = Math.max(last.from, visit.at);
    }
    const actorId = visit.actor ?? null;
    entries.push({
      phase: visit.phase,
      round: visit.round,
      from: visit.at,
      to: Math.max(visit.at, now),
      actorId,
      actorName: (actorId && names.get(actorId)) ?? null,
    });
  }
  return entries;
}

function boardTitleAndTask(input: ReportInput): { title: string; task: string } {
  if (input.board) return { title: input.board.title, task: input.board.task };
  const meta = getBoardMeta(input.content);
  return { title: meta?.title ?? 'Untitled workshop', task: meta?.task ?? '' };
}

/** Builds the report of a board at `now`; reads the documents and writes nothing. */
export function buildReport(input: ReportInput): Report {
  const now = parseTimestamp(input.now, 'now');
  const { content, control } = input;
  const meetings = listMeetings(control);
  const scoped = input.meeting === undefined ? undefined : meetings.find(({ id }) => id === input.meeting);
  if (input.meeting !== undefined && !scoped) {
    throw new ModelError('invalid-meeting', `There is no meeting ${describeValue(input.meeting)}`);
  }
  const allNotes = listNotes(content);
  const facilitation = getFacilitation(control);
  const start = Math.min(now, facilitation.history[0]?.at ?? now, ...allNotes.map((note) => note.createdAt));
  const activity = [
    ...facilitation.history.map((visit) => visit.at),
    ...allNotes.flatMap((note) => [note.createdAt, note.updatedAt]),
    ...meetings.flatMap((meeting) => agendaEntries(control, meeting.id).map((entry) => entry.at)),
    ...listIssues(control).flatMap((issue) => [issue.createdAt, issue.updatedAt]),
  ];
  const span = scoped ? meetingSpans(meetings, now, start, activity)[scoped.number - 1] : undefined;
  const inScope = (time: number) => !scoped || meetingOfTime(meetings, time)?.id === scoped.id;
  const notes = allNotes.filter((note) => inScope(note.createdAt));
  const history = scoped ? historyWithin(facilitation.history, meetings, scoped) : facilitation.history;
  const end = span?.to ?? now;
  const diagnosis = diagnose({ history, stepStatuses: facilitation.stepStatuses, notes, now: end });
  const votes = countVotes(content, control, inScope);
  const names = new Map<string, string>();
  for (const { id, name } of input.people ?? []) {
    if (isValidId(id) && isAuthorName(name)) names.set(id, name);
  }
  // Notes come oldest first, so the name kept is the one on someone's latest note.
  for (const note of notes) names.set(note.authorId, note.authorName);
  const people = contributors(notes, votes.perVoter, input.activity, names);

  const inRounds = { byId: new Map(allNotes.map((note) => [note.id, note])), history: facilitation.history };
  const toReportNote = (note: Note) => reportNote(note, votes.perNote.get(note.id), inRounds);
  const notesByStep = new Map<StepId, ReportNote[]>();
  for (const note of notes) {
    const list = notesByStep.get(note.step) ?? [];
    list.push(toReportNote(note));
    notesByStep.set(note.step, list);
  }

  const phases = PHASES.map((phase, index): ReportPhase => {
    const diagnosed = diagnosis.phases[index] as (typeof diagnosis.phases)[number];
    return {
      phase: phase.id,
      label: { nl: phase.label.nl, en: phase.label.en },
      visited: diagnosed.visited,
      visits: diagnosed.visits,
      rounds: diagnosed.rounds,
      timeSpent: diagnosed.timeSpent,
      neverReturnedTo: diagnosed.neverReturnedTo,
      steps: phase.steps.map((step, stepIndex): ReportStep => {
        const diagnosedStep = diagnosed.steps[stepIndex] as (typeof diagnosed.steps)[number];
        // A stable sort keeps notes with equal votes oldest first, as listNotes gave them.
        const stepNotes = (notesByStep.get(step.id) ?? []).sort((a, b) => b.votes - a.votes);
        return {
          step: step.id,
          label: { nl: step.label.nl, en: step.label.en },
          status: diagnosedStep.status,
          skipped: diagnosedStep.skipped,
          notes: stepNotes,
        };
      }),
    };
  });

  const issues = reportIssues(control, meetings, scoped?.number);
  const everyMeeting = reportMeetings({
    control,
    meetings,
    notes: allNotes,
    history: facilitation.history,
    issues,
    now,
    start,
    activity,
    names,
  });
  return {
    version: REPORT_VERSION,
    board: boardTitleAndTask(input),
    generatedAt: now,
    scope:
      scoped && span
        ? { kind: 'meeting', meeting: scoped.id, number: scoped.number, from: span.from, to: span.to }
        : { kind: 'trajectory' },
    started: diagnosis.started,
    current: diagnosis.current,
    totals: {
      notes: notes.length,
      votes: votes.rounds.reduce((sum, round) => sum + round.votes, 0),
      contributors: people.length,
      votingRounds: votes.rounds.length,
    },
    phases,
    votingRounds: votes.rounds,
    contributors: people,
    skippedSteps: diagnosis.skippedSteps,
    phasesNeverReturnedTo: diagnosis.phasesNeverReturnedTo,
    timeline: timeline(history, end, names),
    meetings: everyMeeting.filter((meeting) => !scoped || meeting.id === scoped.id),
    issues,
    ...reportRounds({
      history: facilitation.history,
      notes: allNotes,
      end,
      meeting: scoped && { history, notes },
      reportNote: toReportNote,
    }),
  };
}

/** A board title as the start of a file name: `Regio-overleg Zuid!` → `regio-overleg-zuid`. */
export function fileNameSlug(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 60)
    .replace(/^-+|-+$/g, '');
  return slug || 'board';
}

/** The report as a JSON document: the Report shape above, `version` first, indented for people to read. */
export function reportToJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
