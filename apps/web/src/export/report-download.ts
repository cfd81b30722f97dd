import { fileNameSlug } from '@kompas/model';
import { errorMessage, type ReportFormat } from '@kompas/protocol';
import { ApiError } from '../api/api.ts';

export interface DownloadedFile {
  blob: Blob;
  filename: string;
}

/** The file name the server gives in `Content-Disposition: attachment; filename="..."`, if any. */
export function attachmentName(header: string | null): string | null {
  const match = /filename="([^"]+)"/.exec(header ?? '');
  return match?.[1] ?? null;
}

/** Fetches the board's reflection report in `format`; refusals become an ApiError with the server's words. */
export async function fetchReport(
  boardId: string,
  token: string,
  format: ReportFormat,
  boardTitle: string,
): Promise<DownloadedFile> {
  let response: Response;
  try {
    response = await fetch(`/api/boards/${encodeURIComponent(boardId)}/report?format=${format}`, {
      headers: { Authorization: `Bearer ${token}` },
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'The Kompas server cannot be reached. Check your connection and try again.');
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    throw new ApiError(response.status, errorMessage(body) ?? `HTTP ${response.status}`);
  }
  const filename =
    attachmentName(response.headers.get('Content-Disposition')) ??
    `${fileNameSlug(boardTitle)}-report.${format}`;
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
