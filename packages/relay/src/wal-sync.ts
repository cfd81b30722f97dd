import { type FileHandle, open } from 'node:fs/promises';

/**
 * Makes what SQLite writes to its write-ahead log durable away from the event loop.
 *
 * With `synchronous = FULL` SQLite syncs the log file at every commit, and better-sqlite3 runs that on the
 * event loop: every room waited milliseconds per commit. With `synchronous = NORMAL` a commit only writes the
 * log (which a crash of the process cannot lose: the writes are the kernel's); this then syncs the file on
 * libuv's thread pool and says when a commit is durable, so nothing is relayed before a power loss could no
 * longer take it. One sync runs at a time and covers every commit written before it started, so the syncs
 * group commits the busier the relay is. Whatever follows a commit in the file is also lost with it or kept
 * with it, as the log is only ever appended to between checkpoints (which SQLite syncs itself).
 *
 * A sync that fails leaves the log file in a state nobody can tell (the kernel may have dropped the pages it
 * could not write): from then on every commit is refused as not durable, until the server restarts.
 */
export class WalSync {
  /** Commits written to the log so far, and how many of them are durable. */
  private written = 0;
  private synced = 0;
  private running = false;
  private failure: unknown = null;
  private wal: FileHandle | null = null;
  private waiters: { upTo: number; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private whenDone: (() => void)[] = [];

  constructor(
    /** The log file: the database file's name with `-wal`. */
    private readonly walFile: string,
    /** The folder holding it, synced once so the file's name survives a power loss too. */
    private readonly directory: string,
  ) {}

  /** A commit was written to the log; resolves once it is durable. */
  committed(): Promise<void> {
    this.written += 1;
    return this.untilSynced(this.written);
  }

  /**
   * Runs `task` (a commit) at once when no sync is running, else as soon as the running one is done, before
   * the next starts: a commit made meanwhile would wait for that next sync anyway, and this way the appends
   * of the whole wait go into one transaction.
   */
  whenIdle(task: () => void): void {
    if (this.running) this.whenDone.push(task);
    else task();
  }

  /** Resolves once every commit written so far is durable. */
  everything(): Promise<void> {
    return this.untilSynced(this.written);
  }

  /** Waits for what is written to be durable, then lets go of the log file. */
  async close(): Promise<void> {
    await this.everything().catch(() => {});
    await this.wal?.close();
    this.wal = null;
  }

  private untilSynced(upTo: number): Promise<void> {
    if (this.failure !== null) return Promise.reject(this.failure);
    if (this.synced >= upTo) return Promise.resolve();
    const waiting = new Promise<void>((resolve, reject) => this.waiters.push({ upTo, resolve, reject }));
    if (!this.running) void this.run();
    return waiting;
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      while (this.synced < this.written) {
        const upTo = this.written;
        await this.syncFiles();
        this.synced = upTo;
        const waiters = this.waiters;
        this.waiters = waiters.filter((waiter) => waiter.upTo > upTo);
        for (const waiter of waiters) if (waiter.upTo <= upTo) waiter.resolve();
        for (const task of this.whenDone.splice(0)) task();
      }
    } catch (error) {
      this.failure = error;
      for (const waiter of this.waiters.splice(0)) waiter.reject(error);
    } finally {
      this.running = false;
      for (const task of this.whenDone.splice(0)) task();
    }
  }

  private async syncFiles(): Promise<void> {
    if (this.wal === null) {
      this.wal = await open(this.walFile, 'r');
      const directory = await open(this.directory, 'r');
      try {
        await directory.sync();
      } finally {
        await directory.close();
      }
    }
    await this.wal.datasync();
  }
}
