import type { ServerResponse } from 'node:http';
import {
  buildReport,
  fileNameSlug,
  notesToCsv,
  type Report,
  reportToJson,
  reportToMarkdown,
} from '@kompas/model';
import type { Storage } from '@kompas/relay';
import * as Y from 'yjs';
import type { BoardRecord } from './boards.ts';

/** `GET /api/boards/<id>/report?format=md|json|csv`: the reflection report of a board, as a download. */
export const REPORT_PATH = /^\/api\/boards\/([^/]+)\/report$/;

interface ReportFormatSpec {
  contentType: string;
  extension: string;
  render: (report: Report) => string;
}

const REPORT_FORMATS = {
  md: { contentType: 'text/markdown; charset=utf-8', extension: 'md', render: reportToMarkdown },
  json: { contentType: 'application/json', extension: 'json', render: reportToJson },
  csv: { contentType: 'text/csv; charset=utf-8', extension: 'csv', render: notesToCsv },
} satisfies Record<string, ReportFormatSpec>;

export type ReportFormat = keyof typeof REPORT_FORMATS;

export function isReportFormat(value: unknown): value is ReportFormat {
  return typeof value === 'string' && Object.hasOwn(REPORT_FORMATS, value);
}

export const UNKNOWN_REPORT_FORMAT = `format must be one of ${Object.keys(REPORT_FORMATS).join(', ')}`;

/** The room's current state as the relay stored it; private drafts are never read. */
async function loadDoc(storage: Storage, room: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const { state } = await storage.load(room);
  if (state) Y.applyUpdate(doc, state);
  return doc;
}

/**
 * Everyone whose name the board's recorded presence holds (the last name each used), so that people who
 * wrote no note, such as a facilitator, are named too. Without recorded presence the report still works.
 */
async function presentPeople(storage: Storage, room: string): Promise<{ id: string; name: string }[]> {
  let samples: Awaited<ReturnType<Storage['readPresence']>>;
  try {
    samples = await storage.readPresence(room);
  } catch {
    return [];
  }
  const names = new Map<string, string>();
  for (const { state } of samples) {
    const user = state?.user as { id?: unknown; name?: unknown } | undefined;
    if (typeof user?.id === 'string' && typeof user.name === 'string') names.set(user.id, user.name);
  }
  return [...names].map(([id, name]) => ({ id, name }));
}

/** Builds the report from the stored content and control rooms and sends it as a file to save. */
export async function sendReport(
  storage: Storage,
  board: BoardRecord,
  format: ReportFormat,
  res: ServerResponse,
): Promise<void> {
  const [content, control, people] = await Promise.all([
    loadDoc(storage, board.id),
    loadDoc(storage, `${board.id}.control`),
    presentPeople(storage, board.id),
  ]);
  try {
    const report = buildReport({ content, control, now: Date.now(), board, people });
    const spec: ReportFormatSpec = REPORT_FORMATS[format];
    const body = spec.render(report);
    const filename = `${fileNameSlug(board.title)}-report.${spec.extension}`;
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
