import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SQLITE_FILE_NAME } from '@kompas/relay';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCK_FILE_NAME, lockDataDir, PID_FILE_NAME } from './data-dir-lock.ts';
import { createBoard, removeDir, startTestServer, type TestServer, tempDir } from './test-support.ts';

let dataDir: string;
const servers: TestServer[] = [];

beforeEach(async () => {
  dataDir = await tempDir('lock');
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  await removeDir(dataDir);
});

async function start(dir = dataDir): Promise<TestServer> {
  const server = await startTestServer(dir);
  servers.push(server);
  return server;
}

describe('one server per data folder', () => {
  it('refuses a second server on the same folder, naming the folder and the holder', async () => {
    const first = await start();
    await expect(startTestServer(dataDir)).rejects.toThrow(
      `another Kompas server is using data directory ${dataDir} (pid ${process.pid}); ` +
        'stop it or choose another --data-dir / DATA_DIR',
    );
    // The refusal let go of nothing of the first server's.
    expect((await createBoard(first)).id).toMatch(/^[\w-]{22}$/);
  });

  it('refuses before opening the database', async () => {
    const held = lockDataDir(dataDir);
    try {
      await expect(startTestServer(dataDir)).rejects.toThrow('another Kompas server');
      expect(existsSync(join(dataDir, SQLITE_FILE_NAME))).toBe(false);
    } finally {
      held.release();
    }
  });

  it('lets a new server in once the first has closed', async () => {
    const first = await start();
    const board = await createBoard(first);
    await first.close();
    expect(existsSync(join(dataDir, PID_FILE_NAME))).toBe(false);

    const second = await start();
    const response = await fetch(`${second.url}/api/boards/${board.id}`, {
      headers: { Authorization: `Bearer ${board.tokens.observer}` },
    });
    expect(response.status).toBe(200);
  });

  it('is not blocked by a lock left behind by a process that is gone', async () => {
    // A pid that was real and has ended, as a crashed server leaves it.
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(join(dataDir, LOCK_FILE_NAME), '');
    writeFileSync(join(dataDir, PID_FILE_NAME), `${gone}\n`);

    const server = await start();
    expect((await createBoard(server)).id).toMatch(/^[\w-]{22}$/);
  });

  it('leaves other folders alone', async () => {
    const otherDir = await tempDir('lock-other');
    try {
      await start();
      const other = await start(otherDir);
      expect((await createBoard(other)).id).toMatch(/^[\w-]{22}$/);
    } finally {
      await Promise.all(servers.splice(0).map((server) => server.close()));
      await removeDir(otherDir);
    }
  });
});
