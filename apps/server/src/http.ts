import type { IncomingMessage, ServerResponse } from 'node:http';
import { ModelError } from '@kompas/model';
import { type BoardInfo, type CreatedBoard, type ErrorAnswer, isReportFormat } from '@kompas/protocol';
import type { Storage } from '@kompas/relay';
import { checkAccess, DENIAL_CODES, type Granted } from './access.ts';
import type { BoardRecord, Boards } from './boards.ts';
import { createInvites, invitesFor } from './invites.ts';
import type { Logger } from './logger.ts';
import { METRICS_CONTENT_TYPE } from './metrics.ts';
import { METRICS_PATH, metricsDenial } from './metrics-route.ts';
import { type People, personView } from './people.ts';
import { joinBoard, PEOPLE_PATH, renamePerson } from './people-route.ts';
import { addressKey, type Limiter } from './rate-limit.ts';
import type { Readiness } from './readiness.ts';
import { RECORDING_PATH, type RecordingPart, RecordingQueryError, readRecording } from './recording-route.ts';
import type { ReplayIndex } from './replay-index.ts';
import {
  REPORT_PATH,
  ReportQueryError,
  reportReader,
  sendReport,
  UNKNOWN_REPORT_FORMAT,
} from './report-route.ts';
import { splitTarget } from './request-target.ts';
import { securityHeaders } from './security-headers.ts';
import { serveStatic } from './static-files.ts';

/** Board creation bodies are two short strings; anything near this size is not a real client. */
export const MAX_JSON_BODY_BYTES = 16 * 1024;

export interface HttpContext {
  secret: string;
  tokenTtlDays: number;
  webDir: string;
  /** CSP frame-ancestors sources: the pages that may show the app in a frame. */
  frameAncestors: string;
  /** Read per request: with port 0 the real port, and so the default URL, is known only after listening. */
  publicUrl: () => string;
  boards: Boards;
  /** Who joined which board: person ids, roles and names. */
  people: People;
  /** Board creations per client address (see addressKey, and RateLimiter for proxies). */
  boardLimiter: Limiter;
  /** The rooms' logs, snapshots and recorded presence, for reports and replays. */
  storage: Storage;
  /** The board rooms' recordings as frames, for replays. */
  replay: ReplayIndex;
  logger: Logger;
  /** Whether what the server stores in is reachable: `GET /readyz`. */
  readiness: () => Promise<Readiness>;
  /** True once shutdown began: the database may already be closed. */
  isClosing: () => boolean;
  /** The Prometheus text for /metrics, rendered per scrape. */
  metrics: () => string;
  /** When set, /metrics needs it as a bearer token; when not, it is served to this machine only. */
  metricsToken?: string;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

const BOARD_PATH = /^\/api\/boards\/([^/]+)$/;
/** `GET /api/boards/<id>/invites`: the invite links the person of a person token may hand out. */
const INVITES_PATH = /^\/api\/boards\/([^/]+)\/invites$/;
const READ_METHODS = ['GET', 'HEAD'];

/** Asked every few seconds by a load balancer, an orchestrator or Prometheus: not worth a log line each. */
const PROBE_PATHS = ['/healthz', '/readyz', METRICS_PATH];

/** The request handler for node:http: health, the JSON API, and the web app. */
export function createRequestHandler(context: HttpContext) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const started = performance.now();
    const { path, query } = splitTarget(req.url);
    const headers = securityHeaders(req, {
      frameAncestors: context.frameAncestors,
      publicUrl: context.publicUrl(),
    });
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    // Probes and scrapers ask every few seconds: their answers would drown the log.
    if (!PROBE_PATHS.includes(path)) {
      res.on('finish', () => {
        const ms = Math.round(performance.now() - started);
        context.logger.info('http', { method: req.method, path, status: res.statusCode, ms });
      });
    }
    if (context.isClosing()) {
      sendJson(res, 503, { error: 'server shutting down' }, { Connection: 'close' });
      return;
    }
    route(context, req, res, path, query).catch((error: unknown) => {
      if (error instanceof HttpError) {
        const answer: ErrorAnswer = { error: error.message };
        sendJson(res, error.status, answer, error.headers);
        return;
      }
      context.logger.error('request failed', { method: req.method, path, error });
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, { error: 'internal error' });
    });
  };
}

async function route(
  context: HttpContext,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  query: URLSearchParams,
): Promise<void> {
  if (path === '/healthz') {
    allowMethods(req, READ_METHODS);
    sendJson(res, 200, { status: 'ok' });
    return;
  }
  if (path === '/readyz') {
    // Liveness is /healthz; this tells a load balancer whether to send people here now.
    allowMethods(req, READ_METHODS);
    const readiness = await context.readiness();
    sendJson(res, readiness.ready ? 200 : 503, readiness);
    return;
  }
  if (path === METRICS_PATH) {
    allowMethods(req, READ_METHODS);
    const denial = metricsDenial(req, context.metricsToken);
    if (denial) {
      const headers: Record<string, string> = denial.status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {};
      throw new HttpError(denial.status, denial.message, headers);
    }
    sendText(res, 200, context.metrics(), METRICS_CONTENT_TYPE);
    return;
  }
  if (path === '/api/time') {
    // Clients set their countdowns by the server's clock; a cached answer would tell a stale time.
    allowMethods(req, READ_METHODS);
    sendJson(res, 200, { now: Date.now() });
    return;
  }
  if (path === '/api/boards') {
    allowMethods(req, ['POST']);
    await createBoard(context, req, res);
    return;
  }
  const boardPath = BOARD_PATH.exec(path);
  if (boardPath) {
    allowMethods(req, READ_METHODS);
    await readBoard(context, req, res, boardPath[1] ?? '', query);
    return;
  }
  const invitesPath = INVITES_PATH.exec(path);
  if (invitesPath) {
    allowMethods(req, READ_METHODS);
    sendInvites(context, res, await requireAccess(context, req, invitesPath[1] ?? '', query));
    return;
  }
  const peoplePath = PEOPLE_PATH.exec(path);
  if (peoplePath) {
    const rename = peoplePath[2] !== undefined;
    allowMethods(req, [rename ? 'PATCH' : 'POST']);
    const access = await requireAccess(context, req, peoplePath[1] ?? '', query);
    const body = await readJsonBody(req);
    const { status, body: reply } = await (rename ? renamePerson : joinBoard)(
      context.secret,
      context.people,
      access,
      body,
    );
    sendJson(res, status, reply);
    return;
  }
  const reportPath = REPORT_PATH.exec(path);
  if (reportPath) {
    allowMethods(req, READ_METHODS);
    const { board } = await requireAccess(context, req, reportPath[1] ?? '', query);
    const format = query.get('format');
    if (!isReportFormat(format)) throw new HttpError(400, UNKNOWN_REPORT_FORMAT);
    const reader = readReportReader(query, req);
    const meeting = query.get('meeting') ?? undefined;
    // The report names everyone who joined, through this server or another.
    await context.people.loadBoard(board.id);
    await sendReport(context, board, format, reader, res, meeting).catch((error: unknown) => {
      throw error instanceof ReportQueryError ? new HttpError(400, error.message) : error;
    });
    return;
  }
  const recordingPath = RECORDING_PATH.exec(path);
  if (recordingPath) {
    allowMethods(req, READ_METHODS);
    const { board } = await requireAccess(context, req, recordingPath[1] ?? '', query);
    const part = recordingPath[2] as RecordingPart;
    const answer = await readRecording(context, board.id, part, query).catch((error: unknown) => {
      throw error instanceof RecordingQueryError ? new HttpError(400, error.message) : error;
    });
    sendJson(res, 200, answer);
    return;
  }
  if (path === '/api' || path.startsWith('/api/')) throw new HttpError(404, 'not found');
  if (path === '/ws' || path.startsWith('/ws/')) throw new HttpError(426, 'websocket upgrade required');
  allowMethods(req, READ_METHODS);
  await serveStatic(context.webDir, path, req, res);
}

function readReportReader(query: URLSearchParams, req: IncomingMessage) {
  try {
    return reportReader(query, req.headers['accept-language']);
  } catch (error) {
    throw error instanceof ReportQueryError ? new HttpError(400, error.message) : error;
  }
}

function allowMethods(req: IncomingMessage, methods: readonly string[]): void {
  if (!methods.includes(req.method ?? '')) {
    throw new HttpError(405, 'method not allowed', { Allow: methods.join(', ') });
  }
}

async function createBoard(context: HttpContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // A form on another site can post text/plain or form data here without the browser asking first; JSON it
  // cannot send without CORS, which this server does not grant.
  if (!isJson(req.headers['content-type'])) {
    throw new HttpError(415, 'Content-Type must be application/json', { Connection: 'close' });
  }
  const body = await readJsonBody(req);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'body must be a JSON object with "title" and "task"');
  }
  const { title, task = '' } = body as Record<string, unknown>;
  if (typeof title !== 'string') throw new HttpError(400, '"title" must be a string');
  if (typeof task !== 'string') throw new HttpError(400, '"task" must be a string');
  // Counted here, just before creating: malformed bodies (which create nothing) and refused requests do
  // not count, a title or task the model refuses does. Nothing but the count awaits before creating.
  await limitBoardCreation(context, req);

  let board: Awaited<ReturnType<Boards['create']>>;
  try {
    board = await context.boards.create({ title, task });
  } catch (error) {
    if (error instanceof ModelError) throw new HttpError(400, error.message);
    throw error;
  }
  const { links, tokens } = createInvites(
    context.secret,
    board.id,
    context.publicUrl(),
    context.tokenTtlDays,
    board.createdAt,
  );
  context.logger.info('board created', { board: board.id });
  const created: CreatedBoard = { id: board.id, links, tokens };
  sendJson(res, 201, created, { Location: `/api/boards/${board.id}` });
}

async function limitBoardCreation(context: HttpContext, req: IncomingMessage): Promise<void> {
  // A socket already closed has no address; such requests share one key rather than escape the limit.
  const answer = await context.boardLimiter.take(addressKey(req.socket.remoteAddress ?? 'unknown'));
  if (!answer.allowed) {
    const seconds = answer.retryAfterSeconds;
    throw new HttpError(429, `too many boards created from this address; try again in ${seconds} s`, {
      'Retry-After': String(seconds),
    });
  }
}

async function readBoard(
  context: HttpContext,
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
  query: URLSearchParams,
): Promise<void> {
  const access = await requireAccess(context, req, boardId, query);
  const { id, title, task, createdAt } = access.board;
  const person = access.person === undefined ? undefined : await context.people.load(id, access.person);
  const info: BoardInfo = {
    id,
    title,
    task,
    createdAt,
    role: access.role,
    ...(person ? { person: personView(person) } : {}),
  };
  sendJson(res, 200, info);
}

/**
 * Someone on the board asks for links to invite others: only a person who joined (an invite link's token is
 * already a link of its own), and only the links their role may hand out.
 */
function sendInvites(context: HttpContext, res: ServerResponse, access: Granted<BoardRecord>): void {
  if (access.person === undefined) throw new HttpError(401, 'join the board first');
  const { board } = access;
  const { links } = createInvites(
    context.secret,
    board.id,
    context.publicUrl(),
    context.tokenTtlDays,
    board.createdAt,
  );
  const invites = invitesFor(access.role, links);
  if (!invites) throw new HttpError(403, 'observers do not invite others');
  sendJson(res, 200, invites);
}

/** The board and role a request's token grants (any role may read); 401, 403 or 404 otherwise. */
async function requireAccess(
  context: HttpContext,
  req: IncomingMessage,
  boardId: string,
  query: URLSearchParams,
): Promise<Granted<BoardRecord>> {
  const access = await checkAccess(
    context.secret,
    (id) => context.boards.get(id),
    boardId,
    requestToken(req, query),
  );
  if (!access.ok) {
    const { httpStatus } = DENIAL_CODES[access.denial];
    throw new HttpError(
      httpStatus,
      access.denial,
      httpStatus === 401 ? { 'WWW-Authenticate': 'Bearer' } : {},
    );
  }
  return access;
}

/** `Authorization: Bearer <token>` first, then `?token=` for clients that cannot set headers. */
function requestToken(req: IncomingMessage, query: URLSearchParams): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return bearer?.[1] ?? query.get('token') ?? undefined;
}

/** `application/json`, with parameters such as charset or not. */
function isJson(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

function readJsonBody(req: IncomingMessage): Promise<unknown> {
  // After a refusal the connection is closed, which spares reading (and buffering) the rest of the body.
  const tooLarge = new HttpError(413, `body larger than ${MAX_JSON_BODY_BYTES} bytes`, {
    Connection: 'close',
  });
  if (Number(req.headers['content-length'] ?? 0) > MAX_JSON_BODY_BYTES) return Promise.reject(tooLarge);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_JSON_BODY_BYTES) {
        chunks.push(chunk);
        return;
      }
      // Stop collecting but keep the socket readable, so the 413 can still be written back.
      req.off('data', onData).off('end', onEnd).resume();
      reject(tooLarge);
    };
    const onEnd = () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new HttpError(400, 'body is not valid JSON'));
      }
    };
    req.on('data', onData).on('end', onEnd).on('error', reject);
  });
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  sendText(res, status, JSON.stringify(body), 'application/json; charset=utf-8', headers);
}

function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  contentType: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  res.writeHead(status, {
    ...headers,
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}
