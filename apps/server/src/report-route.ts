import type { ServerResponse } from 'node:http';
import {
  boardDocFromState,
  buildReport,
  fileNameSlug,
  issuesToCsv,
  type Language,
  listIssues,
  listMeetings,
  notesToCsv,
  type Report,
  type ReportReader,
  reportToJson,
  reportToMarkdown,
} from '@kompas/model';
import {
  isReportLanguage,
  isReportTimeZone,
  REPORT_FORMATS,
  REPORT_LANGUAGES,
  type ReportFormat,
  roomName,
} from '@kompas/protocol';
import type { Storage } from '@kompas/relay';
import * as Y from 'yjs';
import type { BoardRecord } from './boards.ts';
import type { People } from './people.ts';
import { clientWriter, type ReplayIndex } from './replay-index.ts';

/**
 * `GET /api/boards/<id>/report?format=md|json|csv|issues-csv&lang=nl|en&tz=<IANA zone>&meeting=<id>`: the
 * reflection report of a board, as a download, in the reader's language with times in their zone; of one
 * meeting with `meeting`, else of the whole trajectory. The JSON export is the same for everyone.
 */
export const REPORT_PATH = /^\/api\/boards\/([^/]+)\/report$/;

interface ReportFormatSpec {
  contentType: string;
  /** What the file holds, in its name: `<board>-report.md`, `<board>-issues.csv`. */
  part: string;
  extension: string;
  render: (report: Report, reader: ReportReader, control: Y.Doc) => string;
}

const CSV = 'text/csv; charset=utf-8';

const FORMAT_SPECS = {
  md: {
    contentType: 'text/markdown; charset=utf-8',
    part: 'report',
    extension: 'md',
    render: reportToMarkdown,
  },
  json: { contentType: 'application/json', part: 'report', extension: 'json', render: reportToJson },
  csv: { contentType: CSV, part: 'report', extension: 'csv', render: notesToCsv },
  'issues-csv': { contentType: CSV, part: 'issues', extension: 'csv', render: issuesCsv },
} satisfies Record<ReportFormat, ReportFormatSpec>;

/** The report's issues in hand (those raised up to its meeting), in its order: by step, open ones first. */
function issuesCsv(report: Report, reader: ReportReader, control: Y.Doc): string {
  const byId = new Map(listIssues(control).map((issue) => [issue.id, issue]));
  const issues = report.issues.flatMap(({ id }) => byId.get(id) ?? []);
  return issuesToCsv(issues, listMeetings(control), reader);
}

export const UNKNOWN_REPORT_FORMAT = `format must be one of ${REPORT_FORMATS.join(', ')}`;
export const UNKNOWN_REPORT_LANGUAGE = `lang must be one of ${REPORT_LANGUAGES.join(', ')}`;
export const UNKNOWN_REPORT_TIME_ZONE = 'tz must be an IANA time zone name, such as Europe/Amsterdam or UTC';
export const UNKNOWN_REPORT_MEETING = "meeting must be the id of one of the board's meetings";

/** Kompas is Dutch first: a reader whose browser asks for neither language gets Dutch. */
const DEFAULT_LANGUAGE: Language = 'nl';

export class ReportQueryError extends Error {
  override name = 'ReportQueryError';
}

/**
 * Who reads the report, from the query's `lang` and `tz`: without `lang` the first language of the request's
 * Accept-Language that Kompas speaks, else Dutch; without `tz`, UTC. Throws ReportQueryError for a language or
 * zone it does not know.
 */
export function reportReader(query: URLSearchParams, acceptLanguage: string | undefined): ReportReader {
  const lang = query.get('lang');
  const tz = query.get('tz');
  if (lang !== null && !isReportLanguage(lang)) throw new ReportQueryError(UNKNOWN_REPORT_LANGUAGE);
  if (tz !== null && !isReportTimeZone(tz)) throw new ReportQueryError(UNKNOWN_REPORT_TIME_ZONE);
  return { language: lang ?? acceptedLanguage(acceptLanguage), timeZone: tz ?? 'UTC' };
}

/** The language of `nl-NL,nl;q=0.9,en;q=0.8` that Kompas speaks and the reader prefers most, else Dutch. */
export function acceptedLanguage(header: string | undefined): Language {
  const ranges = (header ?? '').split(',').map((range, order) => {
    const [tag = '', ...params] = range.trim().split(';');
    const weight = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find(Boolean);
    return { base: tag.trim().toLowerCase().split('-')[0], quality: weight ? Number(weight) : 1, order };
  });
  // A stable sort keeps ranges of equal quality in the order the browser gave them.
  const preferred = ranges.filter((range) => range.quality > 0).sort((a, b) => b.quality - a.quality);
  return preferred.map((range) => range.base).find(isReportLanguage) ?? DEFAULT_LANGUAGE;
}

/** Log entries read at a time when the report rebuilds a room. */
const REPORT_READ_PAGE = 1000;

/**
 * The room's current state as the relay stored it: its latest snapshot and the log after it. Read rather than
 * loaded: on a database shared by several servers, loading a room also tells the storage where this server
 * appends to it next, which is for the room's owner alone to decide.
 */
async function loadDoc(storage: Storage, room: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const snapshot = await storage.readSnapshotAt(room, Number.MAX_SAFE_INTEGER);
  if (snapshot) Y.applyUpdate(doc, snapshot.state);
  let after = snapshot?.seq ?? 0;
  for (;;) {
    const entries = await storage.readLog(room, { after, limit: REPORT_READ_PAGE });
    if (entries.length === 0) return doc;
    doc.transact(() => {
      for (const entry of entries) Y.applyUpdate(doc, entry.update);
    });
    after = (entries.at(-1) as { seq: number }).seq;
  }
}

interface RecordedPeople {
  /** The last name each person used. */
  people: { id: string; name: string }[];
  /** The person behind each presence client id, which is also the Yjs client id of what they wrote. */
  personOfClient: Map<number, string>;
}

/**
 * Everyone the board's recorded presence names, so that people who wrote no note, such as a facilitator,
 * are named too, and whose edits and moves can be told apart. Without recorded presence the report still works.
 */
async function recordedPeople(storage: Storage, room: string): Promise<RecordedPeople> {
  const names = new Map<string, string>();
  const personOfClient = new Map<number, string>();
  let samples: Awaited<ReturnType<Storage['readPresenceClients']>> = [];
  try {
    samples = await storage.readPresenceClients(room);
  } catch {
    // No recorded presence: nobody is named from it.
  }
  // Oldest first, so the name kept is the one each person used last.
  for (const { client, state } of samples.sort((a, b) => a.at - b.at)) {
    const user = state?.user as { id?: unknown; name?: unknown } | undefined;
    if (typeof user?.id !== 'string') continue;
    personOfClient.set(client, user.id);
    if (typeof user.name === 'string') names.set(user.id, user.name);
  }
  return { people: [...names].map(([id, name]) => ({ id, name })), personOfClient };
}

/**
 * Each person's edits and moves on the board, from the replay index: by the person the server stamped on each
 * update, or, in logs from before people existed, by the presence of the browser that wrote it.
 */
async function activityOf(
  replay: ReplayIndex,
  room: string,
  personOfClient: ReadonlyMap<number, string>,
): Promise<{ id: string; edits: number; moves: number }[]> {
  const byClient = new Map([...personOfClient].map(([client, person]) => [clientWriter(client), person]));
  const byPerson = new Map<string, { id: string; edits: number; moves: number }>();
  for (const { writer, edits, moves } of await replay.activity(room)) {
    const id = writer.startsWith('client:') ? byClient.get(writer) : writer;
    if (id === undefined) continue;
    const person = byPerson.get(id) ?? { id, edits: 0, moves: 0 };
    person.edits += edits;
    person.moves += moves;
    byPerson.set(id, person);
  }
  return [...byPerson.values()];
}

/**
 * Builds the report from the board's replay index and the stored control room and sends it as a file to
 * save. The board comes from the index (its plain notes, votes and title in a small new document): loading
 * the room's own Yjs state would cost far more after a long session, as it keeps every value ever
 * overwritten. The board and the edits and moves are read from the index at one position.
 */
export async function sendReport(
  { storage, replay, people: registry }: { storage: Storage; replay: ReplayIndex; people: People },
  board: BoardRecord,
  format: ReportFormat,
  reader: ReportReader,
  res: ServerResponse,
  meeting?: string,
): Promise<void> {
  const [, control, { people: recorded, personOfClient }] = await Promise.all([
    replay.catchUp(board.id),
    loadDoc(storage, roomName(board.id, 'control')),
    recordedPeople(storage, board.id),
  ]);
  const state = await replay.latestState(board.id);
  const content = boardDocFromState(state);
  // The title and task as the board has them now: a facilitator may have changed them since it was created.
  const titled = state.meta ? { ...board, title: state.meta.title, task: state.meta.task } : board;
  // Names as the server registered them, never as a browser's presence claims; presence only names the
  // people of boards from before people existed. Observers took no part.
  const everyone = registry.list(board.id);
  const joined = everyone.filter((person) => person.role !== 'observer');
  const registered = new Set(everyone.map((person) => person.id));
  const people = [
    ...recorded.filter((person) => !registered.has(person.id)),
    ...joined.map(({ id, name }) => ({ id, name })),
  ];
  try {
    const scoped = meeting === undefined ? undefined : listMeetings(control).find(({ id }) => id === meeting);
    if (meeting !== undefined && !scoped) throw new ReportQueryError(UNKNOWN_REPORT_MEETING);
    // Edits and moves are known for the whole recording only: a meeting's report leaves them out.
    const activity = scoped ? undefined : await activityOf(replay, board.id, personOfClient);
    const report = buildReport({
      content,
      control,
      now: Date.now(),
      board: titled,
      people,
      activity,
      meeting,
    });
    const spec: ReportFormatSpec = FORMAT_SPECS[format];
    const body = spec.render(report, reader, control);
    const ofMeeting = scoped ? `-meeting-${scoped.number}` : '';
    const filename = `${fileNameSlug(titled.title)}${ofMeeting}-${spec.part}.${spec.extension}`;
    res.writeHead(200, {
      'Content-Type': spec.contentType,
      'Content-Length': Buffer.byteLength(body),
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'no-store',
    });
    res.end(body);
  } finally {
    content.destroy();
    control.destroy();
  }
}
