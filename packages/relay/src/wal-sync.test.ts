import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WalSync } from './wal-sync.ts';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kompas-wal-sync-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('WalSync', () => {
  it('says when each commit is durable, in the order they were written', async () => {
    const file = join(dir, 'db-wal');
    writeFileSync(file, 'frames');
    const sync = new WalSync(file, dir);
    await sync.everything(); // nothing written: nothing to wait for
    const order: number[] = [];
    const commits = [1, 2, 3].map((n) => sync.committed().then(() => order.push(n)));
    await sync.everything();
    await Promise.all(commits);
    expect(order).toEqual([1, 2, 3]);
    await sync.close();
  });

  it('runs a commit at once when no sync runs, else once the running one is done', async () => {
    const file = join(dir, 'db-wal');
    writeFileSync(file, 'frames');
    const sync = new WalSync(file, dir);
    const ran: string[] = [];
    sync.whenIdle(() => ran.push('idle'));
    expect(ran).toEqual(['idle']);
    const first = sync.committed();
    sync.whenIdle(() => ran.push('after the sync'));
    expect(ran).toEqual(['idle']);
    await first;
    expect(ran).toEqual(['idle', 'after the sync']);
    await sync.close();
  });

  it('refuses every commit as not durable once a sync failed', async () => {
    const sync = new WalSync(join(dir, 'missing-wal'), dir);
    await expect(sync.committed()).rejects.toThrow(/ENOENT/);
    writeFileSync(join(dir, 'missing-wal'), 'frames');
    await expect(sync.committed()).rejects.toThrow(/ENOENT/);
    await expect(sync.everything()).rejects.toThrow(/ENOENT/);
    await sync.close();
  });
});
