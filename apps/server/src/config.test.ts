import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_WEB_DIR, defaultPublicUrl, loadConfig } from './config.ts';

let dataDir: string;
const MIB = 1024 * 1024;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'kompas-config-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('loadConfig', () => {
  it('has working defaults', () => {
    const config = loadConfig([], { DATA_DIR: dataDir });
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      dataDir,
      tokenTtlDays: 90,
      boardLimit: 30,
      maxNotes: 5000,
      frameAncestors: "'none'",
      budgets: {
        maxFrameBytes: MIB,
        bytesPerSecond: MIB,
        burstBytes: 4 * MIB,
        frameDeadlineMs: 15_000,
        maxConnectionsPerAddress: 128,
        maxConnectionsPerRoom: 256,
        maxRefusedWritesPerMinute: 10,
        maxPendingBytes: 2 * MIB,
        maxStoredBytes: 256 * MIB,
      },
      replayIdleMs: 30_000,
    });
    expect(config.publicUrl).toBeUndefined();
    expect(config.webDir).toBe(DEFAULT_WEB_DIR);
    expect(DEFAULT_WEB_DIR).toBe(resolve(import.meta.dirname, '../../web/dist'));
  });

  it('reads the environment', () => {
    const config = loadConfig([], {
      PORT: '9000',
      HOST: '0.0.0.0',
      DATA_DIR: dataDir,
      KOMPAS_SECRET: 'a-secret-of-enough-length',
      PUBLIC_URL: 'https://kompas.example.org/',
      WEB_DIR: 'some/web',
      TOKEN_TTL_DAYS: '7',
      BOARD_LIMIT: '5',
      FRAME_ANCESTORS: " 'self'   https://intranet.example.org ",
      MAX_FRAME_BYTES: '512KiB',
      BYTES_PER_SECOND: '0',
      BURST_BYTES: '2 MiB',
      FRAME_DEADLINE_SECONDS: '2.5',
      CONNECTIONS_PER_ADDRESS: '10',
      CONNECTIONS_PER_ROOM: '0',
      PENDING_BYTES_PER_ROOM: '65536',
      STORED_BYTES_PER_BOARD: '1gib',
      REPLAY_IDLE_SECONDS: '2.5',
    });
    expect(config).toEqual({
      port: 9000,
      host: '0.0.0.0',
      dataDir,
      secret: 'a-secret-of-enough-length',
      publicUrl: 'https://kompas.example.org',
      webDir: resolve('some/web'),
      tokenTtlDays: 7,
      boardLimit: 5,
      maxNotes: 5000,
      frameAncestors: "'self' https://intranet.example.org",
      budgets: {
        maxFrameBytes: 512 * 1024,
        bytesPerSecond: Number.POSITIVE_INFINITY,
        burstBytes: 2 * MIB,
        frameDeadlineMs: 2500,
        maxConnectionsPerAddress: 10,
        maxConnectionsPerRoom: Number.POSITIVE_INFINITY,
        maxRefusedWritesPerMinute: 10,
        maxPendingBytes: 65536,
        maxStoredBytes: 1024 * MIB,
      },
      replayIdleMs: 2500,
    });
  });

  it('lets flags override the environment', () => {
    const env = {
      PORT: '9000',
      HOST: 'example',
      DATA_DIR: '/nowhere',
      PUBLIC_URL: 'http://a',
      BOARD_LIMIT: '5',
      MAX_NOTES: '10',
      MAX_FRAME_BYTES: '10MiB',
      STORED_BYTES_PER_BOARD: '1',
      REPLAY_IDLE_SECONDS: '60',
    };
    const config = loadConfig(
      [
        '--port',
        '0',
        '--host=::1',
        '--data-dir',
        dataDir,
        '--secret',
        'flag-secret-0123456789',
        '--public-url',
        'http://b:1',
        '--web-dir',
        dataDir,
        '--token-ttl-days',
        '1.5',
        '--board-limit',
        '0',
        '--max-notes',
        '40',
        '--frame-ancestors',
        '*.example.org',
        '--max-frame-bytes',
        '256KiB',
        '--bytes-per-second',
        '1000',
        '--burst-bytes',
        '1MiB',
        '--frame-deadline-seconds',
        '0',
        '--connections-per-address',
        '0',
        '--connections-per-room',
        '3',
        '--pending-bytes-per-room',
        '0',
        '--stored-bytes-per-board',
        '0',
        '--replay-idle-seconds',
        '0',
      ],
      env,
    );
    expect(config).toEqual({
      port: 0,
      host: '::1',
      dataDir,
      secret: 'flag-secret-0123456789',
      publicUrl: 'http://b:1',
      webDir: dataDir,
      tokenTtlDays: 1.5,
      boardLimit: 0,
      maxNotes: 40,
      frameAncestors: '*.example.org',
      budgets: {
        maxFrameBytes: 256 * 1024,
        bytesPerSecond: 1000,
        burstBytes: MIB,
        frameDeadlineMs: Number.POSITIVE_INFINITY,
        maxConnectionsPerAddress: Number.POSITIVE_INFINITY,
        maxConnectionsPerRoom: 3,
        maxRefusedWritesPerMinute: 10,
        maxPendingBytes: Number.POSITIVE_INFINITY,
        maxStoredBytes: Number.POSITIVE_INFINITY,
      },
      replayIdleMs: 0,
    });
  });

  it('reads the metrics token from METRICS_TOKEN or --metrics-token, and has none by default', () => {
    const token = 'a-metrics-token-of-length';
    expect(loadConfig([], { DATA_DIR: dataDir }).metricsToken).toBeUndefined();
    expect(loadConfig([], { DATA_DIR: dataDir, METRICS_TOKEN: token }).metricsToken).toBe(token);
    expect(loadConfig(['--metrics-token', token], { DATA_DIR: dataDir }).metricsToken).toBe(token);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig([], { PORT: '', DATA_DIR: dataDir }).port).toBe(8080);
  });

  it.each([
    [['--port', 'abc'], /--port \/ PORT must be a whole number/],
    [['--port', '65536'], /PORT/],
    [['--port', '-1'], /PORT/],
    [['--port', '80.5'], /PORT/],
    [['--secret', 'short'], /at least 16 characters/],
    [['--metrics-token', 'short'], /--metrics-token \/ METRICS_TOKEN must be at least 16 printable/],
    [['--metrics-token', 'sixteen or more but spaced'], /METRICS_TOKEN .* without spaces/],
    [['--public-url', 'not a url'], /PUBLIC_URL must be an absolute URL/],
    [['--public-url', 'ftp://x'], /PUBLIC_URL must be an http\(s\) URL/],
    [['--token-ttl-days', '0'], /TOKEN_TTL_DAYS/],
    [['--token-ttl-days', 'soon'], /TOKEN_TTL_DAYS/],
    [['--board-limit=-1'], /--board-limit \/ BOARD_LIMIT must be a whole number of boards from 0/],
    [['--board-limit', '2.5'], /BOARD_LIMIT must be a whole number/],
    [['--board-limit', 'many'], /BOARD_LIMIT .* got "many"/],
    [['--board-limit', '1000001'], /BOARD_LIMIT .* to 1000000/],
    [
      ['--frame-ancestors', "'self'; script-src *"],
      /FRAME_ANCESTORS must be 'none' or a space-separated list/,
    ],
    [['--frame-ancestors', "'none' 'self'"], /FRAME_ANCESTORS .* got "'none' 'self'"/],
    [['--frame-ancestors', "'unsafe-inline'"], /FRAME_ANCESTORS/],
    [['--frame-ancestors', 'https://a.example,https://b.example'], /FRAME_ANCESTORS/],
    [['--max-frame-bytes', '0'], /--max-frame-bytes \/ MAX_FRAME_BYTES must be .* from 128 KiB to 256 MiB/],
    [['--max-frame-bytes', '1.5MiB'], /MAX_FRAME_BYTES .* got "1.5MiB"/],
    [
      ['--max-frame-bytes', '2MiB', '--burst-bytes', '1MiB'],
      /BURST_BYTES must be at least the frame size \(2097152 bytes\)/,
    ],
    [['--burst-bytes', '512KiB'], /BURST_BYTES must be at least the frame size/],
    [['--bytes-per-second', '1MB'], /BYTES_PER_SECOND must be a whole number of bytes .* got "1MB"/],
    [['--frame-deadline-seconds=-1'], /FRAME_DEADLINE_SECONDS must be a number of seconds from 0/],
    [['--connections-per-address', 'many'], /CONNECTIONS_PER_ADDRESS must be a whole number from 0/],
    [['--connections-per-room', '1.5'], /CONNECTIONS_PER_ROOM must be/],
    [['--pending-bytes-per-room=-1'], /PENDING_BYTES_PER_ROOM must be/],
    [['--stored-bytes-per-board', '2048GiB'], /STORED_BYTES_PER_BOARD .* to 1024 GiB/],
    [['--replay-idle-seconds', 'soon'], /REPLAY_IDLE_SECONDS must be a number of seconds from 0 \(at once\)/],
    [['--replay-idle-seconds', '86401'], /REPLAY_IDLE_SECONDS .* to 86400, got "86401"/],
    [['--colour', 'red'], /Unknown option '--colour'[\s\S]*Usage/],
    [['--port'], /argument missing/],
  ])('refuses %j with a clear error', (argv, message) => {
    expect(() => loadConfig(argv, { DATA_DIR: dataDir })).toThrow(ConfigError);
    expect(() => loadConfig(argv, { DATA_DIR: dataDir })).toThrow(message);
  });

  it('refuses an invalid value from the environment, naming the variable', () => {
    expect(() => loadConfig([], { PORT: 'eighty', DATA_DIR: dataDir })).toThrow(
      /PORT must be .* got "eighty"/,
    );
    expect(() => loadConfig([], { BOARD_LIMIT: '1e3', DATA_DIR: dataDir })).toThrow(
      /BOARD_LIMIT must be .* got "1e3"/,
    );
  });
});

describe('generated secret', () => {
  it('is created once with mode 0600 and reused', async () => {
    const first = loadConfig([], { DATA_DIR: dataDir }).secret ?? '';
    const file = join(dataDir, 'secret');
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readFile(file, 'utf8')).trim()).toBe(first);
    expect(loadConfig([], { DATA_DIR: dataDir }).secret).toBe(first);
  });

  it('is created in a data folder that does not exist yet', () => {
    const nested = join(dataDir, 'a', 'b');
    expect(loadConfig(['--data-dir', nested], {}).secret).toHaveLength(43);
  });

  it('is not written when a secret is configured', async () => {
    loadConfig([], { DATA_DIR: dataDir, KOMPAS_SECRET: 'configured-secret-0123' });
    await expect(stat(join(dataDir, 'secret'))).rejects.toThrow(/ENOENT/);
  });

  it('refuses an unusable secret file', async () => {
    await writeFile(join(dataDir, 'secret'), '\n');
    expect(() => loadConfig([], { DATA_DIR: dataDir })).toThrow(/no usable secret/);
  });
});

describe('several servers', () => {
  const DATABASE_URL = 'postgres://kompas:pass@db.example.org:5432/kompas';

  it('use PostgreSQL with DATABASE_URL, with a pool of 10 connections unless told', () => {
    expect(loadConfig([], { DATA_DIR: dataDir, DATABASE_URL }).database).toEqual({
      url: DATABASE_URL,
      poolSize: 10,
    });
    const flagged = loadConfig(
      ['--database-url', 'postgresql:///kompas?host=/run/postgresql', '--database-pool-size', '25'],
      { DATA_DIR: dataDir, DATABASE_URL },
    );
    expect(flagged.database).toEqual({ url: 'postgresql:///kompas?host=/run/postgresql', poolSize: 25 });
    expect(loadConfig([], { DATA_DIR: dataDir }).database).toBeUndefined();
  });

  it('share the secret through the database: none is generated into the data folder', async () => {
    expect(loadConfig([], { DATA_DIR: dataDir, DATABASE_URL }).secret).toBeUndefined();
    await expect(stat(join(dataDir, 'secret'))).rejects.toThrow(/ENOENT/);
    const configured = loadConfig([], {
      DATA_DIR: dataDir,
      DATABASE_URL,
      KOMPAS_SECRET: 'configured-secret-0123',
    });
    expect(configured.secret).toBe('configured-secret-0123');
  });

  it('read REDIS_URL', () => {
    expect(loadConfig([], { DATA_DIR: dataDir, REDIS_URL: 'rediss://:pw@cache:6380/2' }).redisUrl).toBe(
      'rediss://:pw@cache:6380/2',
    );
    expect(loadConfig(['--redis-url', 'redis://127.0.0.1:6379'], { DATA_DIR: dataDir }).redisUrl).toBe(
      'redis://127.0.0.1:6379',
    );
    expect(loadConfig([], { DATA_DIR: dataDir }).redisUrl).toBeUndefined();
  });

  it.each([
    [
      { DATABASE_URL: 'mysql://kompas:secret-pw@db/kompas' },
      /DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL, not a mysql:\/\/ one/,
    ],
    [
      { DATABASE_URL: 'db.example.org:secret-pw' },
      /DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL$/,
    ],
    [{ DATABASE_URL: 'not a url secret-pw' }, /DATABASE_URL must be .* and what is set is not a URL/],
    [{ DATABASE_URL, DATABASE_POOL_SIZE: '0' }, /DATABASE_POOL_SIZE must be a whole number from 1 to 1000/],
    [{ DATABASE_POOL_SIZE: '5' }, /DATABASE_POOL_SIZE is only used with --database-url \/ DATABASE_URL/],
    [
      { REDIS_URL: 'http://cache:6379' },
      /REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL, not a http:\/\/ one/,
    ],
  ])('refuse %j, without repeating a password', (env, message) => {
    let error: unknown;
    try {
      loadConfig([], { DATA_DIR: dataDir, ...env });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('secret-pw');
  });
});

describe('defaultPublicUrl', () => {
  it('names a reachable address', () => {
    expect(defaultPublicUrl('127.0.0.1', 8080)).toBe('http://127.0.0.1:8080');
    expect(defaultPublicUrl('0.0.0.0', 80)).toBe('http://localhost:80');
    expect(defaultPublicUrl('::1', 81)).toBe('http://[::1]:81');
  });
});
