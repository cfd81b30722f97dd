import { mkdir, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, startTestServer, type TestServer, tempDir } from './test-support.ts';

const INDEX = '<!doctype html><title>Kompas</title>';
let root: string;
let server: TestServer;

beforeAll(async () => {
  root = await tempDir('static');
  const webDir = join(root, 'web');
  await mkdir(join(webDir, 'assets'), { recursive: true });
  await writeFile(join(webDir, 'index.html'), INDEX);
  await writeFile(join(webDir, 'assets', 'index-B1a2C3d4.js'), 'export {};');
  await writeFile(join(webDir, 'assets', 'index-B1a2C3d4.css'), 'body{}');
  await writeFile(join(webDir, 'favicon.svg'), '<svg/>');
  await writeFile(join(root, 'secret.txt'), 'outside the web folder');
  server = await startTestServer(join(root, 'data'), ['--web-dir', webDir]);
});
afterAll(async () => {
  await server.close();
  await removeDir(root);
});

describe('web app files', () => {
  it('serves index.html at / without long caching', async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toBe(INDEX);
  });

  it.each([
    ['/assets/index-B1a2C3d4.js', 'text/javascript; charset=utf-8', 'public, max-age=31536000, immutable'],
    ['/assets/index-B1a2C3d4.css', 'text/css; charset=utf-8', 'public, max-age=31536000, immutable'],
    ['/favicon.svg', 'image/svg+xml', 'no-cache'],
  ])('serves %s as %s with Cache-Control %s', async (path, contentType, cacheControl) => {
    const response = await fetch(`${server.url}${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(contentType);
    expect(response.headers.get('cache-control')).toBe(cacheControl);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('falls back to index.html for app routes such as /b/<id>', async () => {
    for (const path of ['/b/AAAAAAAAAAAAAAAAAAAAAA', '/b/AAAAAAAAAAAAAAAAAAAAAA/replay', '/about']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toBe(INDEX);
    }
  });

  it('answers 404, not index.html, for a missing file', async () => {
    const response = await fetch(`${server.url}/assets/gone-12345678.js`);
    expect(response.status).toBe(404);
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const first = await fetch(`${server.url}/`);
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const second = await fetch(`${server.url}/`, { headers: { 'If-None-Match': etag ?? '' } });
    expect(second.status).toBe(304);
  });

  it('answers HEAD with headers only', async () => {
    const response = await fetch(`${server.url}/assets/index-B1a2C3d4.js`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe('10');
    expect(await response.text()).toBe('');
  });

  it('answers 405 for POST', async () => {
    const response = await fetch(`${server.url}/`, { method: 'POST' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  it('never serves a file outside the web folder', async () => {
    // fetch normalises dot segments, so the request is written by hand.
    for (const path of ['/../secret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e/secret.txt']) {
      const head = await new Promise<string>((resolve, reject) => {
        const socket = connect(server.port, '127.0.0.1', () => {
          socket.end(`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
        });
        let data = '';
        socket.on('data', (chunk) => {
          data += chunk.toString();
        });
        socket.on('end', () => resolve(data));
        socket.on('error', reject);
      });
      expect(head).toMatch(/^HTTP\/1\.1 404/);
      expect(head).not.toContain('outside the web folder');
    }
  });
});

describe('without a built web app', () => {
  it('answers 404 and says so in the log', async () => {
    const dir = await tempDir('noweb');
    const bare = await startTestServer(dir, ['--web-dir', join(dir, 'missing')]);
    try {
      expect((await fetch(`${bare.url}/`)).status).toBe(404);
      expect((await fetch(`${bare.url}/healthz`)).status).toBe(200);
      expect(bare.logs.join('\n')).toContain('web app not built');
    } finally {
      await bare.close();
      await removeDir(dir);
    }
  });
});
