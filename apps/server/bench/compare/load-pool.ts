import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadReply, LoadRequest } from './load-messages.ts';

const ROOT = fileURLToPath(new URL('../../../..', import.meta.url));
const ENTRY = fileURLToPath(new URL('./load-process.ts', import.meta.url));

/** One load process (load-process.ts). Requests wait their turn: it answers them one at a time, in order. */
export class LoadProcess {
  private waiting: ((reply: LoadReply) => void) | undefined;
  private turn: Promise<unknown> = Promise.resolve();
  private exited: Error | undefined;

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (reply: LoadReply) => {
      const waiting = this.waiting;
      this.waiting = undefined;
      waiting?.(reply);
    });
    child.on('exit', (code, signal) => {
      this.exited = new Error(`load process exited (${code ?? signal})`);
      this.waiting?.({ kind: 'error', message: this.exited.message });
      this.waiting = undefined;
    });
  }

  static start(): LoadProcess {
    // tsx from the workspace root, whatever runs the benchmark (tsx, or Vitest for the smoke test).
    const child = fork(ENTRY, [], { cwd: ROOT, execArgv: ['--import', 'tsx'], serialization: 'advanced' });
    return new LoadProcess(child);
  }

  /** Sends `request` once the requests before it are answered; resolves with the answer of the kind `expected`. */
  ask<Kind extends LoadReply['kind']>(
    request: LoadRequest,
    expected: Kind,
  ): Promise<Extract<LoadReply, { kind: Kind }>> {
    const answer = this.turn.then(() => this.send(request));
    this.turn = answer.catch(() => undefined);
    return answer.then((reply) => {
      if (reply.kind === 'error') throw new Error(`load process: ${reply.message}`);
      if (reply.kind !== expected)
        throw new Error(`load process answered ${reply.kind}, expected ${expected}`);
      return reply as Extract<LoadReply, { kind: Kind }>;
    });
  }

  private send(request: LoadRequest): Promise<LoadReply> {
    if (this.exited) return Promise.reject(this.exited);
    return new Promise((resolve) => {
      this.waiting = resolve;
      this.child.send(request);
    });
  }

  stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.disconnect();
    });
  }
}

/** `count` load processes; spread clients over them round-robin. */
export function startLoadProcesses(count: number): LoadProcess[] {
  return Array.from({ length: count }, () => LoadProcess.start());
}
