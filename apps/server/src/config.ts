import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  DEFAULT_BURST_BYTES,
  DEFAULT_BYTES_PER_SECOND,
  DEFAULT_FRAME_DEADLINE_MS,
  DEFAULT_MAX_CONNECTIONS_PER_ADDRESS,
  DEFAULT_MAX_CONNECTIONS_PER_ROOM,
  DEFAULT_MAX_FRAME_BYTES,
  DEFAULT_MAX_PENDING_BYTES,
  DEFAULT_MAX_REFUSED_WRITES_PER_MINUTE,
  DEFAULT_MAX_STORED_BYTES,
  MAX_PRESENCE_BYTES,
} from '@kompas/relay';
import { REPLAY_IDLE_MS } from './replay-index.ts';
import { loadOrCreateSecret, MIN_SECRET_LENGTH } from './secret.ts';

export interface ServerConfig {
  port: number;
  host: string;
  /** Absolute path of the folder holding the database and the generated secret; unused with `database`. */
  dataDir: string;
  /**
   * What signs tokens. Absent only with `database` and no secret configured: the servers sharing the database
   * then share one generated into it (see sharedSecret), so a link made by one works on all.
   */
  secret?: string;
  /** PostgreSQL for everything the server stores, shared by several servers; without it, SQLite in dataDir. */
  database?: DatabaseConfig;
  /** Redis, through which several servers relay the rooms they share (redis:// or rediss://). */
  redisUrl?: string;
  /** Base of invite links, without a trailing slash; when absent it is derived from the bound address. */
  publicUrl?: string;
  /** Folder of the built web app (index.html and assets). */
  webDir: string;
  tokenTtlDays: number;
  /** Boards one client address may create per BOARD_LIMIT_WINDOW_MS; 0 = no limit. */
  boardLimit: number;
  /** Most notes one board may hold (and, apart, most drafts); a write past it closes its client with 4429. */
  maxNotes: number;
  /** The pages that may show the web app in a frame, as CSP frame-ancestors sources, space-separated. */
  frameAncestors: string;
  /** What one client may take of what everyone shares, as the relay's options; Infinity: no limit. */
  budgets: Budgets;
  /** How long a board nobody has open keeps its replay index's document in memory. */
  replayIdleMs: number;
  // Operations
  /** When set, /metrics needs it as a bearer token; when not, /metrics is served to this machine only. */
  metricsToken?: string;
}

export interface DatabaseConfig {
  /** postgres:// or postgresql://, as libpq and pg read it. */
  url: string;
  /** Connections this server keeps open at most. */
  poolSize: number;
}

/** See RelayOptions for each; the server keys addresses and groups a board's rooms. */
export interface Budgets {
  maxFrameBytes: number;
  bytesPerSecond: number;
  burstBytes: number;
  frameDeadlineMs: number;
  maxConnectionsPerAddress: number;
  maxConnectionsPerRoom: number;
  maxRefusedWritesPerMinute: number;
  maxPendingBytes: number;
  maxStoredBytes: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const DEFAULT_PORT = 8080;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DATA_DIR = './data';
export const DEFAULT_TOKEN_TTL_DAYS = 90;
export const DEFAULT_BOARD_LIMIT = 30;
export const DEFAULT_DATABASE_POOL_SIZE = 10;
export const DEFAULT_MAX_NOTES = 5000;
/** No page may frame the app, so no other site can overlay it to trick people into clicks. */
export const DEFAULT_FRAME_ANCESTORS = "'none'";
/** The window BOARD_LIMIT counts boards in: an address may create that many per ten minutes. */
export const BOARD_LIMIT_WINDOW_MS = 10 * 60_000;
/** The web app's build output, found from this file so the server works from any working directory. */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

const MAX_TOKEN_TTL_DAYS = 3650;
const MAX_BOARD_LIMIT = 1_000_000;
const MAX_NOTES_LIMIT = 1_000_000;
const KIB = 1024;
const MIB = 1024 * KIB;
const GIB = 1024 * MIB;
/** A frame must hold the largest presence update, with room to spare. */
const MIN_FRAME_BYTES = 2 * MAX_PRESENCE_BYTES;
const MAX_FRAME_BYTES = 256 * MIB;
const MAX_BUDGET_BYTES = 1024 * GIB;
const MAX_CONNECTIONS = 1_000_000;
const MAX_FRAME_DEADLINE_SECONDS = 3600;
const MAX_REPLAY_IDLE_SECONDS = 24 * 3600;
const MAX_DATABASE_POOL_SIZE = 1000;
const MIN_METRICS_TOKEN_LENGTH = 16;

/** Each setting with its flag and environment variable; a flag wins over the environment. */
const SETTINGS = {
  port: { flag: 'port', env: 'PORT' },
  host: { flag: 'host', env: 'HOST' },
  dataDir: { flag: 'data-dir', env: 'DATA_DIR' },
  secret: { flag: 'secret', env: 'KOMPAS_SECRET' },
  publicUrl: { flag: 'public-url', env: 'PUBLIC_URL' },
  webDir: { flag: 'web-dir', env: 'WEB_DIR' },
  tokenTtlDays: { flag: 'token-ttl-days', env: 'TOKEN_TTL_DAYS' },
  boardLimit: { flag: 'board-limit', env: 'BOARD_LIMIT' },
  maxNotes: { flag: 'max-notes', env: 'MAX_NOTES' },
  frameAncestors: { flag: 'frame-ancestors', env: 'FRAME_ANCESTORS' },
  maxFrameBytes: { flag: 'max-frame-bytes', env: 'MAX_FRAME_BYTES' },
  bytesPerSecond: { flag: 'bytes-per-second', env: 'BYTES_PER_SECOND' },
  burstBytes: { flag: 'burst-bytes', env: 'BURST_BYTES' },
  frameDeadlineSeconds: { flag: 'frame-deadline-seconds', env: 'FRAME_DEADLINE_SECONDS' },
  connectionsPerAddress: { flag: 'connections-per-address', env: 'CONNECTIONS_PER_ADDRESS' },
  connectionsPerRoom: { flag: 'connections-per-room', env: 'CONNECTIONS_PER_ROOM' },
  refusedWritesPerMinute: { flag: 'refused-writes-per-minute', env: 'REFUSED_WRITES_PER_MINUTE' },
  pendingBytesPerRoom: { flag: 'pending-bytes-per-room', env: 'PENDING_BYTES_PER_ROOM' },
  storedBytesPerBoard: { flag: 'stored-bytes-per-board', env: 'STORED_BYTES_PER_BOARD' },
  replayIdleSeconds: { flag: 'replay-idle-seconds', env: 'REPLAY_IDLE_SECONDS' },
  databaseUrl: { flag: 'database-url', env: 'DATABASE_URL' },
  databasePoolSize: { flag: 'database-pool-size', env: 'DATABASE_POOL_SIZE' },
  redisUrl: { flag: 'redis-url', env: 'REDIS_URL' },
  // Operations
  metricsToken: { flag: 'metrics-token', env: 'METRICS_TOKEN' },
} as const;

type Setting = keyof typeof SETTINGS;

export const USAGE = `Usage: kompas-server [options]
  --port <n>            PORT            port to listen on (default ${DEFAULT_PORT}; 0 = any free port)
  --host <addr>         HOST            address to listen on (default ${DEFAULT_HOST})
  --data-dir <path>     DATA_DIR        database and generated secret (default ${DEFAULT_DATA_DIR})
  --secret <s>          KOMPAS_SECRET   token signing secret (default: generated into DATA_DIR/secret, or
                                        with DATABASE_URL into the database, shared by its servers)
  --public-url <url>    PUBLIC_URL      base of invite links (default http://HOST:PORT)
  --web-dir <path>      WEB_DIR         built web app (default apps/web/dist)
  --token-ttl-days <n>  TOKEN_TTL_DAYS  lifetime of invite links in days (default ${DEFAULT_TOKEN_TTL_DAYS})
  --board-limit <n>     BOARD_LIMIT     boards per address per ${BOARD_LIMIT_WINDOW_MS / 60_000} minutes (default ${DEFAULT_BOARD_LIMIT}; 0 = no limit)
  --max-notes <n>       MAX_NOTES       notes one board may hold (default ${DEFAULT_MAX_NOTES})
  --frame-ancestors <s> FRAME_ANCESTORS pages that may embed the app, as CSP sources (default ${DEFAULT_FRAME_ANCESTORS})
Budgets per client (bytes as a number, or with KiB, MiB or GiB; 0 = no limit, except the frame size):
  --max-frame-bytes <b>           MAX_FRAME_BYTES          largest frame (default ${bytes(DEFAULT_MAX_FRAME_BYTES)})
  --bytes-per-second <b>          BYTES_PER_SECOND         sustained bytes a second per connection (default ${bytes(DEFAULT_BYTES_PER_SECOND)})
  --burst-bytes <b>               BURST_BYTES              bytes at once per connection, at least the frame size (default ${bytes(DEFAULT_BURST_BYTES)})
  --frame-deadline-seconds <s>    FRAME_DEADLINE_SECONDS   time to finish a started frame (default ${DEFAULT_FRAME_DEADLINE_MS / 1000})
  --connections-per-address <n>   CONNECTIONS_PER_ADDRESS  open connections per address (default ${DEFAULT_MAX_CONNECTIONS_PER_ADDRESS})
  --connections-per-room <n>      CONNECTIONS_PER_ROOM     open connections per room (default ${DEFAULT_MAX_CONNECTIONS_PER_ROOM})
  --refused-writes-per-minute <n> REFUSED_WRITES_PER_MINUTE writes refused per address before it must wait (default ${DEFAULT_MAX_REFUSED_WRITES_PER_MINUTE})
  --pending-bytes-per-room <b>    PENDING_BYTES_PER_ROOM   updates waiting for missing parts (default ${bytes(DEFAULT_MAX_PENDING_BYTES)})
  --stored-bytes-per-board <b>    STORED_BYTES_PER_BOARD   logged updates per board (default ${bytes(DEFAULT_MAX_STORED_BYTES)})
Memory:
  --replay-idle-seconds <s>       REPLAY_IDLE_SECONDS      how long a board nobody has open keeps its replay copy (default ${REPLAY_IDLE_MS / 1000})
Several servers behind one address:
  --database-url <url>            DATABASE_URL             PostgreSQL (postgres://...) for everything stored, instead of SQLite in DATA_DIR
  --database-pool-size <n>        DATABASE_POOL_SIZE       connections to PostgreSQL per server (default ${DEFAULT_DATABASE_POOL_SIZE})
  --redis-url <url>               REDIS_URL                Redis (redis:// or rediss://) between the servers
Operations:
  --metrics-token <s>             METRICS_TOKEN            bearer token for /metrics (default: /metrics only from this machine)`;

/**
 * Reads flags and environment into a checked configuration. Without a database, creates the data folder and,
 * unless a secret is given, the secret file in it. Throws ConfigError with a message naming the bad setting.
 */
export function loadConfig(
  argv: readonly string[] = process.argv.slice(2),
  env: NodeJS.ProcessEnv = process.env,
): ServerConfig {
  const flags = parseFlags(argv);
  const raw = (setting: Setting): string | undefined => {
    const { flag, env: name } = SETTINGS[setting];
    const value = flags[flag] ?? env[name];
    // An empty variable (`PORT=`) means "not set", as in most shells' conventions.
    return value === undefined || value === '' ? undefined : value;
  };

  const dataDir = resolve(raw('dataDir') ?? DEFAULT_DATA_DIR);
  const webDirValue = raw('webDir');
  const database = parseDatabase(raw('databaseUrl'), raw('databasePoolSize'));
  const secret = parseSecret(raw('secret')) ?? (database ? undefined : loadOrCreateSecret(dataDir));
  const config: ServerConfig = {
    port: parsePort(raw('port')),
    host: raw('host') ?? DEFAULT_HOST,
    dataDir,
    webDir: webDirValue === undefined ? DEFAULT_WEB_DIR : resolve(webDirValue),
    tokenTtlDays: parseTokenTtlDays(raw('tokenTtlDays')),
    boardLimit: parseBoardLimit(raw('boardLimit')),
    maxNotes: parseCount('maxNotes', raw('maxNotes'), DEFAULT_MAX_NOTES, 1, MAX_NOTES_LIMIT),
    frameAncestors: parseFrameAncestors(raw('frameAncestors')),
    budgets: parseBudgets(raw),
    replayIdleMs:
      parseSeconds('replayIdleSeconds', raw('replayIdleSeconds'), REPLAY_IDLE_MS / 1000, {
        max: MAX_REPLAY_IDLE_SECONDS,
        zero: 'at once',
      }) * 1000,
  };
  if (secret !== undefined) config.secret = secret;
  if (database) config.database = database;
  const redisUrl = raw('redisUrl');
  if (redisUrl !== undefined) config.redisUrl = parseServiceUrl('redisUrl', redisUrl, ['redis:', 'rediss:']);
  const publicUrl = raw('publicUrl');
  if (publicUrl !== undefined) config.publicUrl = parsePublicUrl(publicUrl);
  // Operations
  const metricsToken = parseMetricsToken(raw('metricsToken'));
  if (metricsToken !== undefined) config.metricsToken = metricsToken;
  return config;
}

function parseFlags(argv: readonly string[]): Record<string, string | undefined> {
  const options = Object.fromEntries(
    Object.values(SETTINGS).map(({ flag }) => [flag, { type: 'string' as const }]),
  );
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new ConfigError(`${(error as Error).message}\n${USAGE}`);
  }
}

function describe(setting: Setting): string {
  return `--${SETTINGS[setting].flag} / ${SETTINGS[setting].env}`;
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PORT;
  const port = /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) {
    throw new ConfigError(`${describe('port')} must be a whole number from 0 to 65535, got "${value}"`);
  }
  return port;
}

function parseSecret(value: string | undefined): string | undefined {
  if (value !== undefined && value.length < MIN_SECRET_LENGTH) {
    throw new ConfigError(`${describe('secret')} must be at least ${MIN_SECRET_LENGTH} characters long`);
  }
  return value;
}

/** Long enough not to be guessed, and sendable as it is in an Authorization header. */
function parseMetricsToken(value: string | undefined): string | undefined {
  if (value !== undefined && !new RegExp(`^[!-~]{${MIN_METRICS_TOKEN_LENGTH},}$`).test(value)) {
    throw new ConfigError(
      `${describe('metricsToken')} must be at least ${MIN_METRICS_TOKEN_LENGTH} printable characters without spaces`,
    );
  }
  return value;
}

function parsePublicUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${describe('publicUrl')} must be an absolute URL, got "${value}"`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search !== '' || url.hash !== '') {
    throw new ConfigError(
      `${describe('publicUrl')} must be an http(s) URL without query or fragment, got "${value}"`,
    );
  }
  return url.href.replace(/\/+$/, '');
}

function parseDatabase(url: string | undefined, poolSize: string | undefined): DatabaseConfig | undefined {
  if (url === undefined) {
    if (poolSize !== undefined) {
      throw new ConfigError(`${describe('databasePoolSize')} is only used with ${describe('databaseUrl')}`);
    }
    return undefined;
  }
  return {
    url: parseServiceUrl('databaseUrl', url, ['postgres:', 'postgresql:']),
    poolSize: parseCount('databasePoolSize', poolSize, DEFAULT_DATABASE_POOL_SIZE, 1, MAX_DATABASE_POOL_SIZE),
  };
}

/**
 * The URL of a service (PostgreSQL, Redis) with one of `protocols`. The error never repeats the value: such a
 * URL often holds a password, and the error goes to the console and the logs.
 */
function parseServiceUrl(setting: Setting, value: string, protocols: readonly string[]): string {
  const schemes = protocols.map((protocol) => `${protocol}//`).join(' or ');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${describe(setting)} must be a ${schemes} URL, and what is set is not a URL`);
  }
  if (!protocols.includes(url.protocol)) {
    // Named only when it is one, as in `mysql://`: in `user:password@host` it would be the user.
    const named = value.startsWith(`${url.protocol}//`) ? `, not a ${url.protocol}// one` : '';
    throw new ConfigError(`${describe(setting)} must be a ${schemes} URL${named}`);
  }
  return value;
}

function parseTokenTtlDays(value: string | undefined): number {
  if (value === undefined) return DEFAULT_TOKEN_TTL_DAYS;
  const days = /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
  if (!(days > 0 && days <= MAX_TOKEN_TTL_DAYS)) {
    throw new ConfigError(
      `${describe('tokenTtlDays')} must be a number of days above 0 and at most ${MAX_TOKEN_TTL_DAYS}, got "${value}"`,
    );
  }
  return days;
}

function parseBoardLimit(value: string | undefined): number {
  if (value === undefined) return DEFAULT_BOARD_LIMIT;
  const limit = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(limit >= 0 && limit <= MAX_BOARD_LIMIT)) {
    throw new ConfigError(
      `${describe('boardLimit')} must be a whole number of boards from 0 (no limit) to ${MAX_BOARD_LIMIT}, got "${value}"`,
    );
  }
  return limit;
}

/** A whole number setting from `min` to `max`, `fallback` when not set. */
function parseCount(
  setting: Setting,
  value: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  const count = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(count >= min && count <= max)) {
    throw new ConfigError(
      `${describe(setting)} must be a whole number from ${min} to ${max}, got "${value}"`,
    );
  }
  return count;
}

/** `'self'`, a scheme (`https:`) or a host with optional scheme, port and path, wildcards as CSP allows them. */
const FRAME_ANCESTOR_SOURCE =
  /^(?:'self'|[a-z][a-z\d+.-]*:|(?:[a-z][a-z\d+.-]*:\/\/)?(?:\*|(?:\*\.)?[a-z\d-]+(?:\.[a-z\d-]+)*)(?::(?:\d{1,5}|\*))?(?:\/[^\s;,'"]*)?)$/i;

function parseFrameAncestors(value: string | undefined): string {
  if (value === undefined) return DEFAULT_FRAME_ANCESTORS;
  const sources = value.trim().split(/\s+/);
  // Checked, as it goes into a header: a `;` would let it add directives of its own.
  const valid =
    sources.join(' ') === DEFAULT_FRAME_ANCESTORS ||
    sources.every((source) => FRAME_ANCESTOR_SOURCE.test(source));
  if (!valid) {
    throw new ConfigError(
      `${describe('frameAncestors')} must be 'none' or a space-separated list of sources such as 'self' https://intranet.example.org, got "${value}"`,
    );
  }
  return sources.join(' ');
}

function parseBudgets(raw: (setting: Setting) => string | undefined): Budgets {
  const maxFrameBytes = parseBytes('maxFrameBytes', raw('maxFrameBytes'), DEFAULT_MAX_FRAME_BYTES, {
    min: MIN_FRAME_BYTES,
    max: MAX_FRAME_BYTES,
  });
  const burstBytes = parseBytes(
    'burstBytes',
    raw('burstBytes'),
    Math.max(DEFAULT_BURST_BYTES, maxFrameBytes),
  );
  if (burstBytes < maxFrameBytes) {
    throw new ConfigError(
      `${describe('burstBytes')} must be at least the frame size (${maxFrameBytes} bytes), or the largest frames could never pass`,
    );
  }
  const deadlineSeconds = parseSeconds(
    'frameDeadlineSeconds',
    raw('frameDeadlineSeconds'),
    DEFAULT_FRAME_DEADLINE_MS / 1000,
    { max: MAX_FRAME_DEADLINE_SECONDS, zero: 'no deadline' },
  );
  return {
    maxFrameBytes,
    bytesPerSecond: parseBytes('bytesPerSecond', raw('bytesPerSecond'), DEFAULT_BYTES_PER_SECOND),
    burstBytes,
    frameDeadlineMs: deadlineSeconds === 0 ? Number.POSITIVE_INFINITY : deadlineSeconds * 1000,
    maxConnectionsPerAddress: parseConnections('connectionsPerAddress', DEFAULT_MAX_CONNECTIONS_PER_ADDRESS),
    maxConnectionsPerRoom: parseConnections('connectionsPerRoom', DEFAULT_MAX_CONNECTIONS_PER_ROOM),
    maxRefusedWritesPerMinute: parseConnections(
      'refusedWritesPerMinute',
      DEFAULT_MAX_REFUSED_WRITES_PER_MINUTE,
    ),
    maxPendingBytes: parseBytes('pendingBytesPerRoom', raw('pendingBytesPerRoom'), DEFAULT_MAX_PENDING_BYTES),
    maxStoredBytes: parseBytes('storedBytesPerBoard', raw('storedBytesPerBoard'), DEFAULT_MAX_STORED_BYTES),
  };

  function parseConnections(setting: Setting, fallback: number): number {
    const value = raw(setting);
    if (value === undefined) return fallback;
    const count = parseCount(setting, value, fallback, 0, MAX_CONNECTIONS);
    return count === 0 ? Number.POSITIVE_INFINITY : count;
  }
}

const BYTE_UNITS: Record<string, number> = { '': 1, kib: KIB, mib: MIB, gib: GIB };

/** A number of bytes, optionally with KiB, MiB or GiB; 0 means no limit (Infinity) unless `min` is above it. */
function parseBytes(
  setting: Setting,
  value: string | undefined,
  fallback: number,
  range: { min: number; max: number } = { min: 0, max: MAX_BUDGET_BYTES },
): number {
  if (value === undefined) return fallback;
  const match = /^(\d+)\s*(kib|mib|gib)?$/i.exec(value);
  const size = match
    ? Number(match[1]) * (BYTE_UNITS[(match[2] ?? '').toLowerCase()] ?? Number.NaN)
    : Number.NaN;
  if (!(size >= range.min && size <= range.max)) {
    const lowest = range.min === 0 ? '0 (no limit)' : bytes(range.min);
    throw new ConfigError(
      `${describe(setting)} must be a whole number of bytes (or KiB, MiB, GiB) from ${lowest} to ${bytes(range.max)}, got "${value}"`,
    );
  }
  return size === 0 ? Number.POSITIVE_INFINITY : size;
}

/** A number of seconds from 0 (which means `zero`) to `max`, `fallback` when not set. */
function parseSeconds(
  setting: Setting,
  value: string | undefined,
  fallback: number,
  { max, zero }: { max: number; zero: string },
): number {
  if (value === undefined) return fallback;
  const seconds = /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
  if (!(seconds >= 0 && seconds <= max)) {
    throw new ConfigError(
      `${describe(setting)} must be a number of seconds from 0 (${zero}) to ${max}, got "${value}"`,
    );
  }
  return seconds;
}

/** `bytes` in the largest unit that divides it, as the settings accept it. */
function bytes(size: number): string {
  for (const [unit, factor] of [
    ['GiB', GIB],
    ['MiB', MIB],
    ['KiB', KIB],
  ] as const) {
    if (size >= factor && size % factor === 0) return `${size / factor} ${unit}`;
  }
  return `${size}`;
}

/** The base URL a browser on this machine can use when no PUBLIC_URL is set. */
export function defaultPublicUrl(host: string, port: number): string {
  // A wildcard address is where the server listens, not one a browser can open.
  const reachable = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}
