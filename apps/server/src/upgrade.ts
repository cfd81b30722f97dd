import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { CloseCode } from '@kompas/protocol';
import type { WebSocket, WebSocketServer } from 'ws';
import { type Access, checkAccess, DENIAL_CODES, roomAccess } from './access.ts';
import { actorOf } from './actors.ts';
import type { BoardRecord } from './boards.ts';
import type { Logger } from './logger.ts';
import type { People, Person } from './people.ts';
import { addressKey } from './rate-limit.ts';
import { splitTarget } from './request-target.ts';
import { parseRoom } from './rooms.ts';

const WS_PREFIX = '/ws/';
const UNKNOWN_ROOM = { code: CloseCode.notFound, reason: 'unknown room' } as const;

/** What the upgrade needs from the relay: it takes over a socket once access is decided. */
export interface ConnectionHandler {
  /** Counts the socket against the connection budgets; false when it passed one (then it is closed, 4429). */
  admit(ws: WebSocket, admission: { room: string; address: string }): boolean;
  handleConnection(
    ws: WebSocket,
    options: {
      room: string;
      readOnly: boolean;
      writeOnly: boolean;
      actor: string;
      writer: { person: string; role: string };
    },
  ): void;
}

export interface UpgradeContext {
  secret: string;
  findBoard: (id: string) => Promise<BoardRecord | undefined>;
  /**
   * The people who joined boards: a room is opened by a person, not by an invite link. The person is read
   * afresh before the relay takes the connection, so the write rules know them by their current name.
   */
  people: People;
  wss: WebSocketServer;
  relay: ConnectionHandler;
  logger: Logger;
  /** True once shutdown began: new sockets are turned away. */
  isClosing: () => boolean;
}

/** Answers an upgrade that is not for us with a plain HTTP status, as there is no WebSocket to close. */
function rejectUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * Handles `GET /ws/<room>?token=...` upgrades. A refused connection is still accepted and then closed
 * with a 44xx code and a reason, because browsers do not expose the status of a failed handshake.
 */
export function createUpgradeHandler(context: UpgradeContext) {
  return (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    // A client that vanishes mid-handshake must not take the process down with an unhandled error.
    socket.on('error', () => socket.destroy());
    const { path, query } = splitTarget(req.url);
    if (!path.startsWith(WS_PREFIX)) {
      rejectUpgrade(socket, 404, 'Not Found');
      return;
    }
    if (context.isClosing()) {
      rejectUpgrade(socket, 503, 'Service Unavailable');
      return;
    }
    const room = parseRoom(path.slice(WS_PREFIX.length));
    const token = query.get('token') ?? undefined;
    decide().then(
      ({ access, person }) => {
        // Shutdown may have begun, or the client left, while the board and person were read.
        if (context.isClosing()) rejectUpgrade(socket, 503, 'Service Unavailable');
        else if (!socket.destroyed) accept(access, person);
      },
      (error: unknown) => {
        // The database could not be read: the client tries again, perhaps on another server.
        context.logger.warn('ws upgrade failed', { room: room?.name, error: String(error) });
        rejectUpgrade(socket, 503, 'Service Unavailable');
      },
    );

    async function decide() {
      const access = room
        ? await checkAccess(context.secret, context.findBoard, room.boardId, token)
        : undefined;
      const person =
        room && access?.ok && access.person !== undefined
          ? await context.people.load(room.boardId, access.person)
          : undefined;
      return { access, person };
    }

    function accept(access: Access<BoardRecord> | undefined, person: Person | undefined): void {
      context.wss.handleUpgrade(req, socket, head, (ws) => {
        if (!room || !access) {
          refuse(ws, UNKNOWN_ROOM.code, UNKNOWN_ROOM.reason);
          return;
        }
        if (!access.ok) {
          refuse(ws, DENIAL_CODES[access.denial].closeCode, access.denial);
          return;
        }
        if (access.person === undefined) {
          refuse(ws, DENIAL_CODES['join the board first'].closeCode, 'join the board first');
          return;
        }
        if (!person || person.role !== access.role) {
          refuse(ws, DENIAL_CODES['unknown person'].closeCode, 'unknown person');
          return;
        }
        const use = roomAccess(access.role, room.kind);
        if (use === 'none') {
          refuse(ws, DENIAL_CODES['not for this role'].closeCode, 'not for this role');
          return;
        }
        // Keyed as the board limit is, so an IPv6 client cannot walk its /64 network to get around it.
        const address = addressKey(req.socket.remoteAddress ?? '');
        if (!context.relay.admit(ws, { room: room.name, address })) return;
        // The connection id tells one browser tab's connection apart in the server's log lines.
        const connection = randomBytes(6).toString('base64url');
        context.logger.info('ws open', { room: room.name, role: access.role, connection, access: use });
        ws.once('close', (code) => context.logger.info('ws close', { room: room.name, connection, code }));
        context.relay.handleConnection(ws, {
          room: room.name,
          readOnly: use === 'read',
          writeOnly: use === 'write',
          // The room log names the person, so replays and reports count people, whatever their clients claim.
          actor: actorOf(access.role, person.id),
          writer: { person: person.id, role: access.role },
        });
      });
    }

    function refuse(ws: WebSocket, code: number, reason: string): void {
      context.logger.info('ws refused', { room: room?.name, code, reason });
      ws.on('error', () => ws.terminate()); // the relay never sees this socket, so nobody else listens
      ws.close(code, reason);
    }
  };
}
