import { fileNameSlug } from '@kompas/model';
import { errorMessage, type ReportFormat, reportQuery } from '@kompas/protocol';
import { msg } from '@lit/localize';
import { ApiError } from '../api/api.ts';
import { type Language, language } from '../i18n/language.ts';

export interface DownloadedFile {
  blob: Blob;
  filename: string;
}

/** The file name the server gives in `Content-Disposition: attachment; filename="..."`, if any. */
export function attachmentName(header: string | null): string | null {
  const match = /filename="([^"]+)"/.exec(header ?? '');
  return match?.[1] ?? null;
}

/** Whose report it is: it is written in the reader's language, with times on the reader's clock. */
export interface ReportReader {
  lang: Language;
  /** An IANA time zone, e.g. "Europe/Amsterdam". */
  tz: string;
}

/** The reader at this device: the language shown and the time zone the device keeps. */
export function thisReader(): ReportReader {
  return { lang: language(), tz: Intl.DateTimeFormat().resolvedOptions().timeZone };
}

/** Which report: its format, and the meeting it covers (by id; none for the whole trajectory). */
export interface ReportChoice {
  format: ReportFormat;
  meeting?: string | undefined;
}

/** Where the server hands out the board's report as `choice` says, for `reader`. */
export function reportUrl(boardId: string, { format, meeting }: ReportChoice, reader: ReportReader): string {
  const query = reportQuery({ format, language: reader.lang, timeZone: reader.tz, meeting });
  return `/api/boards/${encodeURIComponent(boardId)}/report?${query}`;
}

/** Fetches the board's reflection report as `choice` says, written for `reader`; refusals become an ApiError with the server's words. */
export async function fetchReport(
  boardId: string,
  token: string,
  choice: ReportChoice,
  boardTitle: string,
  reader: ReportReader = thisReader(),
): Promise<DownloadedFile> {
  const { format } = choice;
  let response: Response;
  try {
    response = await fetch(reportUrl(boardId, choice, reader), {
      headers: { Authorization: `Bearer ${token}` },
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, msg('The Kompas server cannot be reached. Check your connection and try again.'));
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    throw new ApiError(response.status, errorMessage(body) ?? `HTTP ${response.status}`);
  }
  const filename =
    attachmentName(response.headers.get('content-disposition')) ??
    `${fileNameSlug(boardTitle)}-${format === 'issues-csv' ? 'issues.csv' : `report.${format}`}`;
  return { blob: await response.blob(), filename };
}

/** How long the browser gets to start saving before the file's object URL is released. */
const RELEASE_URL_MS = 60_000;

/** Hands `file` to the browser to save, as a link with `download` would. */
export function saveFile({ blob, filename }: DownloadedFile): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), RELEASE_URL_MS);
}
