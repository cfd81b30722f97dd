import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createRelay, type RelayStats, SqliteStorage } from '@kompas/relay';
import Database from 'better-sqlite3';
import { WebSocketServer } from 'ws';
import { Boards } from './boards.ts';
import { BOARD_LIMIT_WINDOW_MS, defaultPublicUrl, type ServerConfig } from './config.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { createRequestHandler } from './http.ts';
import { createConsoleLogger, type Logger } from './logger.ts';
import { renderMetrics } from './metrics.ts';
import { People } from './people.ts';
import { roomPresenceCheck } from './presence-check.ts';
import { RateLimiter } from './rate-limit.ts';
import { ReplayIndex } from './replay-index.ts';
import { boardRooms, companionRoom, parseRoom, roomPrecheck, roomValidator } from './rooms.ts';
import { SqliteReplayStore } from './sqlite-replay-store.ts';
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
  // Before the database is opened: a refused server must not have touched it.
  const dataDirLock = lockDataDir(config.dataDir);
  const storage = new SqliteStorage(config.dataDir);
  // The board registry lives in the relay's database file, so one file holds all of a server's data.
  const db = new Database(storage.file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  // The relay's storage checkpoints the shared log when it is quiet; a commit here must not do it meanwhile.
  db.pragma('wal_autocheckpoint = 0');
  const boards = new Boards(db, (room, update, meta) => storage.append(room, update, meta));
  // The replay index is derived from the logs: its commits need not wait for a sync of the disk on the event
  // loop. Ones a power loss takes are indexed again from the logs at the next start.
  const replayDb = new Database(storage.file);
  replayDb.pragma('synchronous = NORMAL');
  replayDb.pragma('wal_autocheckpoint = 0');
  const replay = new ReplayIndex(new SqliteReplayStore(replayDb), storage, {
    logger,
    idleMs: config.replayIdleMs,
    // The relay holds a room while anyone has it open.
    isOpen: (room) => relay.roomStats(room) !== undefined,
    onMeta: (room, meta) => boards.retitle(parseRoom(room)?.boardId ?? room, meta),
  });
  const people = new People(db);
  const isBoardRoom = (room: string) => parseRoom(room)?.kind === 'content';
  const relay = createRelay({
    storage,
    logger,
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
  // ws closes a larger frame with 1009 as soon as its header says so, before buffering any of it.
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.budgets.maxFrameBytes });

  let closing = false;
  let publicUrl = config.publicUrl ?? '';
  const server = createServer(
    createRequestHandler({
      secret: config.secret,
      tokenTtlDays: config.tokenTtlDays,
      webDir: config.webDir,
      frameAncestors: config.frameAncestors,
      publicUrl: () => publicUrl,
      boards,
      people,
      boardLimiter: new RateLimiter({ limit: config.boardLimit, windowMs: BOARD_LIMIT_WINDOW_MS }),
      storage,
      replay,
      logger,
      isClosing: () => closing,
      // Metrics: rendered per scrape from the relay's and the storage's counts.
      metrics: () => renderMetrics(stats(), storage.storeStats?.()),
      metricsToken: config.metricsToken,
    }),
  );
  server.on(
    'upgrade',
    createUpgradeHandler({
      secret: config.secret,
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
    replayDb.close();
    db.close();
    dataDirLock.release();
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
  replay.catchUpAll(boards.ids()).catch((error: unknown) => {
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
  return { url, port, stats, close };
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
