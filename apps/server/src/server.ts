import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createRedisBus, createRelay, type RelayStats } from '@kompas/relay';
import { WebSocketServer } from 'ws';
import { Boards } from './boards.ts';
import { defaultPublicUrl, type ServerConfig } from './config.ts';
import { createRequestHandler } from './http.ts';
import { createConsoleLogger, type Logger } from './logger.ts';
import { renderMetrics } from './metrics.ts';
import { People } from './people.ts';
import { roomPresenceCheck } from './presence-check.ts';
import { checkReadiness } from './readiness.ts';
import { ReplayIndex } from './replay-index.ts';
import { boardRooms, companionRoom, parseRoom, roomPrecheck, roomValidator } from './rooms.ts';
import { openServerData } from './server-data.ts';
import { createUpgradeHandler } from './upgrade.ts';

/** How long clients get to finish the closing handshake on shutdown before their sockets are cut. */
const CLOSE_GRACE_MS = 2_000;

export interface RunningServer {
  /** Where this process listens, e.g. http://127.0.0.1:8080 (invite links use PUBLIC_URL instead when set). */
  url: string;
  port: number;
  /**
   * Stops accepting, closes WebSockets, flushes storage, closes the database and lets go of the data folder.
   * Safe to call twice.
   */
  close(): Promise<void>;
}

/** What a server started in this process holds and counted. */
export interface ServerStats extends RelayStats {
  /** Boards whose replay index holds a copy of their document. */
  replayDocuments: number;
}

/** A server started in this process, whose counters can be read as well. */
export interface InProcessServer extends RunningServer {
  /** What it signs tokens with: configured, or generated into the data folder or the database. */
  secret: string;
  /** Connections, writes dropped from read-only connections and refused by the rules, budgets passed. */
  stats(): ServerStats;
}

export class PortInUseError extends Error {
  override name = 'PortInUseError';
}

export async function startServer(
  config: ServerConfig,
  options: { logger?: Logger } = {},
): Promise<InProcessServer> {
  const logger = options.logger ?? createConsoleLogger();
  const data = await openServerData(config, logger);
  const { storage, secret } = data;
  const boards = new Boards(data.boards, (room, update, meta) => storage.append(room, update, meta));
  const people = new People(data.people);
  const replay = new ReplayIndex(data.replayStore, storage, {
    logger,
    idleMs: config.replayIdleMs,
    // The relay holds a room while anyone has it open.
    isOpen: (room) => relay.roomStats(room) !== undefined,
    onMeta: (room, meta) => {
      boards.retitle(parseRoom(room)?.boardId ?? room, meta).catch((error: unknown) => {
        logger.warn('board retitle failed', { room, error: String(error) });
      });
    },
  });
  const isBoardRoom = (room: string) => parseRoom(room)?.kind === 'content';
  // With REDIS_URL this server is one of several: each room has one owner that checks, stores and indexes its
  // writes, and the others pass their clients' writes to it and relay what it logged.
  const bus = config.redisUrl ? createRedisBus({ url: config.redisUrl, logger }) : null;
  const relay = createRelay({
    storage,
    logger,
    ...(bus && { cluster: { bus } }),
    validator: roomValidator({ people, maxNotes: config.maxNotes }),
    precheck: roomPrecheck(config.maxNotes),
    // The rules for notes read the board's facilitation state (the lock, the open voting round).
    companion: companionRoom,
    presenceCheck: roomPresenceCheck(people),
    // Names and cursors on the board are kept for replays; drafts and facilitation have no cursors.
    recordPresence: isBoardRoom,
    // Board rooms are indexed for replays as their workshops go on, so a replay never waits for its log.
    followWrites: (room, doc) => (isBoardRoom(room) ? replay.follow(room, doc) : undefined),
    ...config.budgets,
    // A board's rooms share its stored-bytes budget; the upgrade lets no other room through.
    budgetGroup: (room) => {
      const boardId = parseRoom(room)?.boardId ?? room;
      return { id: boardId, rooms: boardRooms(boardId) };
    },
  });
  // What GET /readyz asks: the stores, and Redis when this server is one of several ("not configured" else).
  const readinessChecks = {
    ...data.checks,
    redis:
      bus &&
      (async () => {
        if (!bus.connected) throw new Error('not connected to Redis');
      }),
  };
  // ws closes a larger frame with 1009 as soon as its header says so, before buffering any of it.
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.budgets.maxFrameBytes });

  let closing = false;
  let publicUrl = config.publicUrl ?? '';
  const server = createServer(
    createRequestHandler({
      secret,
      tokenTtlDays: config.tokenTtlDays,
      webDir: config.webDir,
      frameAncestors: config.frameAncestors,
      publicUrl: () => publicUrl,
      boards,
      people,
      boardLimiter: data.boardLimiter,
      storage,
      replay,
      logger,
      readiness: () => checkReadiness(readinessChecks, logger),
      isClosing: () => closing,
      // Metrics: rendered per scrape from the relay's and the storage's counts.
      metrics: () => renderMetrics(stats(), storage.storeStats?.()),
      metricsToken: config.metricsToken,
    }),
  );
  server.on(
    'upgrade',
    createUpgradeHandler({
      secret,
      findBoard: (id) => boards.get(id),
      people,
      wss,
      relay,
      logger,
      isClosing: () => closing,
    }),
  );

  /** The relay closes its connections (1001), flushes every room and closes the storage. */
  const releaseData = async () => {
    await replay.close();
    await relay.close();
    await data.close();
  };

  try {
    await listen(server, config.port, config.host);
  } catch (error) {
    await releaseData();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const url = defaultPublicUrl(config.host, port);
  publicUrl ||= url;
  // Boards logged before their index existed (an older database) are indexed in the background.
  boards
    .ids()
    .then((ids) => replay.catchUpAll(ids))
    .catch((error: unknown) => {
      if (!closing) logger.warn('replay indexing failed', { error: String(error) });
    });
  if (!existsSync(join(config.webDir, 'index.html'))) {
    logger.warn('web app not built: only the API and WebSocket are served', { webDir: config.webDir });
  }

  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= (async () => {
      closing = true;
      const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await releaseData();
      const cut = setTimeout(() => {
        for (const ws of wss.clients) ws.terminate();
        server.closeAllConnections();
      }, CLOSE_GRACE_MS);
      await serverClosed;
      clearTimeout(cut);
      wss.close();
      logger.info('server closed');
    })();
    return closed;
  };

  const stats = () => ({ ...relay.stats(), replayDocuments: replay.heldDocuments });
  return { url, port, secret, stats, close };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE') {
        reject(
          new PortInUseError(
            `port ${port} on ${host} is already in use: stop the other process or set --port / PORT`,
          ),
        );
      } else if (error.code === 'EACCES') {
        reject(
          new Error(
            `not allowed to listen on port ${port} on ${host}: choose a port above 1023 with --port / PORT`,
          ),
        );
      } else {
        reject(error);
      }
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError).once('listening', onListening);
    server.listen(port, host);
  });
}
