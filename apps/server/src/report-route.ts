import type { ServerResponse } from 'node:http';
import {
  boardDocFromState,
  buildReport,
  fileNameSlug,
  notesToCsv,
  type Report,
  reportToJson,
  reportToMarkdown,
} from '@kompas/model';
import { REPORT_FORMATS, type ReportFormat, roomName } from '@kompas/protocol';
import type { Storage } from '@kompas/relay';
import * as Y from 'yjs';
import type { BoardRecord } from './boards.ts';
import type { People } from './people.ts';
import { clientWriter, type ReplayIndex } from './replay-index.ts';

/** `GET /api/boards/<id>/report?format=md|json|csv`: the reflection report of a board, as a download. */
export const REPORT_PATH = /^\/api\/boards\/([^/]+)\/report$/;

interface ReportFormatSpec {
  contentType: string;
  extension: string;
  render: (report: Report) => string;
}

const FORMAT_SPECS = {
  md: { contentType: 'text/markdown; charset=utf-8', extension: 'md', render: reportToMarkdown },
  json: { contentType: 'application/json', extension: 'json', render: reportToJson },
  csv: { contentType: 'text/csv; charset=utf-8', extension: 'csv', render: notesToCsv },
} satisfies Record<ReportFormat, ReportFormatSpec>;

export const UNKNOWN_REPORT_FORMAT = `format must be one of ${REPORT_FORMATS.join(', ')}`;

/** The room's current state as the relay stored it. */
async function loadDoc(storage: Storage, room: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const { state } = await storage.load(room);
  if (state) Y.applyUpdate(doc, state);
  return doc;
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
function activityOf(
  replay: ReplayIndex,
  room: string,
  personOfClient: ReadonlyMap<number, string>,
): { id: string; edits: number; moves: number }[] {
  const byClient = new Map([...personOfClient].map(([client, person]) => [clientWriter(client), person]));
  const byPerson = new Map<string, { id: string; edits: number; moves: number }>();
  for (const { writer, edits, moves } of replay.activity(room)) {
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
  res: ServerResponse,
): Promise<void> {
  const [, control, { people: recorded, personOfClient }] = await Promise.all([
    replay.catchUp(board.id),
    loadDoc(storage, roomName(board.id, 'control')),
    recordedPeople(storage, board.id),
  ]);
  const state = replay.latestState(board.id);
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
    const activity = activityOf(replay, board.id, personOfClient);
    const report = buildReport({ content, control, now: Date.now(), board: titled, people, activity });
    const spec: ReportFormatSpec = FORMAT_SPECS[format];
    const body = spec.render(report);
    const filename = `${fileNameSlug(titled.title)}-report.${spec.extension}`;
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
