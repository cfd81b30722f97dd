import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_WEB_DIR, defaultPublicUrl, loadConfig } from './config.ts';

let dataDir: string;

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
    });
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
    const first = loadConfig([], { DATA_DIR: dataDir }).secret;
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

describe('defaultPublicUrl', () => {
  it('names a reachable address', () => {
    expect(defaultPublicUrl('127.0.0.1', 8080)).toBe('http://127.0.0.1:8080');
    expect(defaultPublicUrl('0.0.0.0', 80)).toBe('http://localhost:80');
    expect(defaultPublicUrl('::1', 81)).toBe('http://[::1]:81');
  });
});
