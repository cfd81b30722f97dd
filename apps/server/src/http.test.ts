import { writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { ROLES } from '@kompas/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_BODY_BYTES } from './http.ts';
import {
  closeClients,
  createBoard,
  removeDir,
  startTestServer,
  type TestServer,
  tempDir,
  writeRelayedNote,
} from './test-support.ts';
import { signToken, verifyToken } from './tokens.ts';

const PUBLIC_URL = 'https://kompas.example.org';
let dataDir: string;
let server: TestServer;

beforeAll(async () => {
  dataDir = await tempDir('http');
  server = await startTestServer(dataDir, ['--public-url', PUBLIC_URL, '--web-dir', dataDir]);
});
afterAll(async () => {
  await server.close();
  await removeDir(dataDir);
});

function post(body: string, headers: Record<string, string> = { 'Content-Type': 'application/json' }) {
  return fetch(`${server.url}/api/boards`, { method: 'POST', headers, body });
}

function getBoard(id: string, token?: string) {
  return fetch(
    `${server.url}/api/boards/${id}`,
    token ? { headers: { Authorization: `Bearer ${token}` } } : {},
  );
}

describe('GET /healthz', () => {
  it('answers ok', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('refuses other methods with 405 and Allow', async () => {
    const response = await fetch(`${server.url}/healthz`, { method: 'DELETE' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
    expect(await response.json()).toEqual({ error: 'method not allowed' });
  });
});

describe('GET /readyz', () => {
  it('answers ready once the database answers, with each check by name', async () => {
    const response = await fetch(`${server.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      ready: true,
      checks: { database: 'ok', redis: 'not configured' },
    });
  });
});

describe('GET /api/time', () => {
  it("tells the server's clock, never from a cache", async () => {
    const before = Date.now();
    const response = await fetch(`${server.url}/api/time`);
    const after = Date.now();
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const { now } = await response.json();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(after);
  });

  it('refuses other methods with 405 and Allow', async () => {
    const response = await fetch(`${server.url}/api/time`, { method: 'POST' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });
});

describe('POST /api/boards', () => {
  it('creates a board: 201 with id, links on PUBLIC_URL and one token per role', async () => {
    const response = await post(
      JSON.stringify({ title: '  Regio-overleg  ', task: 'Samen zorg organiseren' }),
    );
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(Object.keys(body).sort()).toEqual(['id', 'links', 'tokens']);
    expect(body.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(response.headers.get('location')).toBe(`/api/boards/${body.id}`);
    expect(Object.keys(body.links)).toEqual([...ROLES]);
    expect(Object.keys(body.tokens)).toEqual([...ROLES]);
    for (const role of ROLES) {
      expect(body.links[role]).toBe(`${PUBLIC_URL}/b/${body.id}#token=${body.tokens[role]}`);
      const check = verifyToken(server.config.secret, body.tokens[role]);
      expect(check).toMatchObject({ ok: true, claims: { boardId: body.id, role } });
    }
    const read = await getBoard(body.id, body.tokens.observer);
    expect(await read.json()).toMatchObject({ title: 'Regio-overleg', task: 'Samen zorg organiseren' });
  });

  it('gives links that expire after the configured lifetime', async () => {
    const before = Math.floor(Date.now() / 1000);
    const { tokens } = await createBoard(server);
    const check = verifyToken(server.config.secret, tokens.participant);
    if (!check.ok) throw new Error('token does not verify');
    expect(check.claims.expiresAt - before).toBeGreaterThanOrEqual(90 * 86_400);
    expect(check.claims.expiresAt - before).toBeLessThanOrEqual(90 * 86_400 + 5);
  });

  it('gives each board a different id', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 5; i += 1) ids.add((await createBoard(server)).id);
    expect(ids.size).toBe(5);
  });

  it('accepts a missing task as empty', async () => {
    const response = await post(JSON.stringify({ title: 'Alleen een titel' }));
    expect(response.status).toBe(201);
  });

  it.each([
    ['not JSON', '{"title": ', /not valid JSON/],
    ['empty body', '', /not valid JSON/],
    ['an array', '[]', /JSON object/],
    ['a string', '"title"', /JSON object/],
    ['null', 'null', /JSON object/],
    ['a missing title', '{"task": "x"}', /"title" must be a string/],
    ['a numeric title', '{"title": 42, "task": "x"}', /"title" must be a string/],
    ['a numeric task', '{"title": "x", "task": 42}', /"task" must be a string/],
    ['an empty title', '{"title": "   ", "task": "x"}', /title/i],
    ['a title over 120 characters', JSON.stringify({ title: 'x'.repeat(121), task: '' }), /title/i],
    ['a task over 500 characters', JSON.stringify({ title: 'x', task: 'y'.repeat(501) }), /task/i],
    ['a control character', JSON.stringify({ title: 'a\u0007b', task: '' }), /title/i],
  ])('answers 400 with an error for %s', async (_what, body, message) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const { error } = await response.json();
    expect(error).toMatch(message);
  });

  it('answers 413 for a body over the limit, by Content-Length', async () => {
    const response = await post(JSON.stringify({ title: 'x', task: 'y'.repeat(MAX_JSON_BODY_BYTES) }));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: `body larger than ${MAX_JSON_BODY_BYTES} bytes` });
  });

  it('answers 413 for a chunked body over the limit', async () => {
    const { port } = server;
    const status = await new Promise<number>((resolve, reject) => {
      const headers = { 'Content-Type': 'application/json' };
      const req = request(
        { host: '127.0.0.1', port, method: 'POST', path: '/api/boards', headers },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      // No Content-Length: the limit must hold while streaming, too.
      for (let i = 0; i < 20; i += 1) req.write('x'.repeat(1024));
      req.end();
    });
    expect(status).toBe(413);
  });

  it.each([
    ['text/plain', 'text/plain;charset=UTF-8'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['multipart form data', 'multipart/form-data; boundary=x'],
    ['JSON under another name', 'application/json-patch+json'],
  ])('answers 415 for %s, as a form on another site would send', async (_what, contentType) => {
    const response = await post(JSON.stringify({ title: 'Van elders' }), { 'Content-Type': contentType });
    expect(response.status).toBe(415);
    expect(await response.json()).toEqual({ error: 'Content-Type must be application/json' });
  });

  it('answers 415 without a Content-Type', async () => {
    const response = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      body: new Uint8Array(Buffer.from(JSON.stringify({ title: 'Zonder type' }))),
    });
    expect(response.status).toBe(415);
  });

  it('accepts JSON with parameters and in any case', async () => {
    for (const contentType of ['application/json; charset=utf-8', 'Application/JSON']) {
      const response = await post(JSON.stringify({ title: 'Met tekenset' }), { 'Content-Type': contentType });
      expect(response.status).toBe(201);
    }
  });

  it('answers 405 for GET', async () => {
    const response = await fetch(`${server.url}/api/boards`);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });
});

describe('POST /api/boards rate limit', () => {
  it('refuses creations past --board-limit from one address with 429 and Retry-After', async () => {
    const limitedDir = await tempDir('http-limit');
    const limited = await startTestServer(limitedDir, ['--board-limit', '2']);
    const postTo = (body: unknown) =>
      fetch(`${limited.url}/api/boards`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const created = () => limited.logs.filter((line) => line.startsWith('board created ')).length;
    try {
      // A malformed body creates nothing and is not counted.
      expect((await postTo({ task: 'no title' })).status).toBe(400);
      expect((await postTo({ title: 'Eerste' })).status).toBe(201);
      expect((await postTo({ title: 'Tweede' })).status).toBe(201);
      expect(created()).toBe(2);

      const refused = await postTo({ title: 'Derde' });
      expect(refused.status).toBe(429);
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(600);
      const body = await refused.json();
      expect(body).toEqual({
        error: `too many boards created from this address; try again in ${retryAfter} s`,
      });
      expect(created()).toBe(2);
    } finally {
      await limited.close();
      await removeDir(limitedDir);
    }
  });
});

describe('GET /api/boards/:id', () => {
  it('tells each role what the board is and which role it has', async () => {
    const created = await createBoard(server, 'Werkplaats', 'Wat moeten we samen doen?');
    for (const role of ROLES) {
      // An invite link's token tells the board and the role; a person token tells the person too.
      const response = await getBoard(created.id, created.invites[role]);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const body = await response.json();
      expect(body).toEqual({
        id: created.id,
        title: 'Werkplaats',
        task: 'Wat moeten we samen doen?',
        createdAt: expect.any(Number),
        role,
      });
      expect(Math.abs(body.createdAt - Date.now())).toBeLessThan(60_000);
      const asPerson = await (await getBoard(created.id, created.tokens[role])).json();
      expect(asPerson.person).toEqual({ ...created.people[role], role });
    }
  });

  it('accepts the token as ?token=', async () => {
    const created = await createBoard(server);
    const response = await fetch(
      `${server.url}/api/boards/${created.id}?token=${created.tokens.participant}`,
    );
    expect(response.status).toBe(200);
    expect((await response.json()).role).toBe('participant');
  });

  it('answers 401 without a token', async () => {
    const { id } = await createBoard(server);
    const response = await getBoard(id);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(await response.json()).toEqual({ error: 'missing token' });
  });

  it('answers 403 for a forged token', async () => {
    const { id, tokens } = await createBoard(server);
    const forged = signToken('not-the-server-secret-123', {
      boardId: id,
      role: 'facilitator',
      expiresAt: 2e9,
    });
    for (const token of [forged, `${tokens.observer}x`, 'garbage']) {
      const response = await getBoard(id, token);
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ error: 'invalid token' });
    }
  });

  it('answers 403 for an expired token', async () => {
    const { id } = await createBoard(server);
    const expired = signToken(server.config.secret, {
      boardId: id,
      role: 'facilitator',
      expiresAt: Math.floor(Date.now() / 1000) - 1,
    });
    const response = await getBoard(id, expired);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: 'token expired' });
  });

  it("answers 403 for another board's token", async () => {
    const first = await createBoard(server);
    const second = await createBoard(server);
    const response = await getBoard(first.id, second.tokens.facilitator);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: 'invalid token' });
  });

  it('answers 404 for a board that does not exist, given a valid token for it', async () => {
    const id = 'AAAAAAAAAAAAAAAAAAAAAA';
    const token = signToken(server.config.secret, { boardId: id, role: 'observer', expiresAt: 2e9 });
    const response = await getBoard(id, token);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'unknown board' });
  });

  it('answers 405 for other methods', async () => {
    const { id, tokens } = await createBoard(server);
    const response = await fetch(`${server.url}/api/boards/${id}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${tokens.facilitator}` },
    });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });
});

describe('other paths', () => {
  it('answers 404 JSON under /api', async () => {
    const response = await fetch(`${server.url}/api/nothing`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'not found' });
  });

  it('answers 426 for a plain GET of a WebSocket path', async () => {
    const response = await fetch(`${server.url}/ws/room`);
    expect(response.status).toBe(426);
  });
});

/** The policy's directives by name. */
function policyOf(response: Response): Map<string, string> {
  const policy = response.headers.get('content-security-policy') ?? '';
  return new Map(
    policy.split(';').map((directive) => {
      const [name = '', ...sources] = directive.trim().split(/\s+/);
      return [name, sources.join(' ')];
    }),
  );
}

describe('security headers', () => {
  it("limit the web app to its own scripts, styles and connections, and keep it out of other sites' frames", async () => {
    await writeFile(join(dataDir, 'index.html'), '<!doctype html><title>Kompas</title>');
    for (const path of ['/', '/b/some-board', '/index.html', '/healthz', '/api/nothing']) {
      const response = await fetch(`${server.url}${path}`);
      const policy = policyOf(response);
      expect(policy.get('default-src')).toBe("'self'");
      expect(policy.get('script-src')).toBe("'self'");
      expect(policy.get('style-src')).toBe("'self'");
      expect(policy.get('connect-src')).toBe(
        `'self' ws://127.0.0.1:${server.port} wss://127.0.0.1:${server.port}`,
      );
      expect(policy.get('object-src')).toBe("'none'");
      expect(policy.get('base-uri')).toBe("'none'");
      expect(policy.get('form-action')).toBe("'self'");
      expect(policy.get('frame-ancestors')).toBe("'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('keep a Host header that could add to the policy out of it', async () => {
    const policy = await new Promise<string>((resolve, reject) => {
      const headers = { Host: "kompas.example; script-src 'unsafe-inline'" };
      const req = request({ host: '127.0.0.1', port: server.port, path: '/healthz', headers }, (res) => {
        res.resume();
        resolve(String(res.headers['content-security-policy']));
      });
      req.on('error', reject).end();
    });
    expect(policy).toContain("connect-src 'self';");
    expect(policy).not.toContain('unsafe-inline');
  });

  it('tell browsers to keep to https when PUBLIC_URL is https', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
  });

  it('let FRAME_ANCESTORS name the pages that may embed the app, and leave out HSTS on http', async () => {
    const embedDir = await tempDir('http-embed');
    const embeddable = await startTestServer(embedDir, [
      '--frame-ancestors',
      "'self' https://intranet.example.org",
      '--public-url',
      'http://kompas.example.org',
    ]);
    try {
      const response = await fetch(`${embeddable.url}/healthz`);
      expect(policyOf(response).get('frame-ancestors')).toBe("'self' https://intranet.example.org");
      expect(response.headers.has('strict-transport-security')).toBe(false);
    } finally {
      await embeddable.close();
      await removeDir(embedDir);
    }
  });
});

describe('logs', () => {
  it('never contain a token or the secret', async () => {
    const { id, tokens } = await createBoard(server);
    await fetch(`${server.url}/api/boards/${id}?token=${tokens.facilitator}`);
    await getBoard(id, tokens.observer);
    const logged = server.logs.join('\n');
    expect(logged).toContain(`path=/api/boards/${id}`);
    for (const token of Object.values(tokens)) expect(logged).not.toContain(token.split('.')[1]);
    expect(logged).not.toContain(server.config.secret);
  });
});

describe('GET /metrics', () => {
  it('serves the Prometheus text to this machine, counting the updates the relay stored', async () => {
    const board = await createBoard(server);
    const clients = await writeRelayedNote(server, board, { text: 'Wachttijden', step: 'inrichten.vorm' });
    closeClients(...clients);
    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await response.text();
    expect(text).toContain('# TYPE kompas_connections gauge');
    const stored = /^kompas_updates_stored_total (\d+)$/m.exec(text)?.[1];
    expect(Number(stored)).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^kompas_store_seconds_count [1-9]\d*$/m);
  });

  it('refuses a request that came through a proxy, even one on this machine', async () => {
    const response = await fetch(`${server.url}/metrics`, { headers: { 'X-Forwarded-For': '203.0.113.7' } });
    expect(response.status).toBe(403);
    expect((await response.json()).error).toContain('METRICS_TOKEN');
  });

  it('needs the token as a bearer token once METRICS_TOKEN is set', async () => {
    const token = 'scrape-me-please-0123';
    const dir = await tempDir('metrics');
    const guarded = await startTestServer(dir, ['--metrics-token', token, '--web-dir', dir]);
    try {
      const scrape = (authorization?: string) =>
        fetch(`${guarded.url}/metrics`, authorization ? { headers: { Authorization: authorization } } : {});
      const missing = await scrape();
      expect(missing.status).toBe(401);
      expect(missing.headers.get('www-authenticate')).toBe('Bearer');
      expect((await scrape(`Bearer ${token}x`)).status).toBe(401);
      expect((await scrape(`Basic ${token}`)).status).toBe(401);
      const allowed = await scrape(`Bearer ${token}`);
      expect(allowed.status).toBe(200);
      expect(await allowed.text()).toContain('kompas_rooms 0');
    } finally {
      await guarded.close();
      await removeDir(dir);
    }
  });
});
