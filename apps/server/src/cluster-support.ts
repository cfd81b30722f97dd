import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import { serverCommand } from '../../../scripts/server-command.mjs';
import { findServices } from '../../../scripts/services.mjs';
import { removeDir, tempDir } from './test-support.ts';

/**
 * A Kompas cluster for the integration tests, as an operator runs it: several built servers on one PostgreSQL
 * database and one Redis, behind a load balancer that sends each new connection to the next server that is up.
 */

/** Whether redis-server is installed: the cluster tests run where it is (CI installs it). */
export const HAS_REDIS = findServices().redisServer !== null;

/** One Kompas server process. */
export interface Node {
  readonly name: string;
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  readonly child: ChildProcess;
  output(): string;
  /** `kill -9`: no shutdown, no flush, no goodbye. */
  kill(): Promise<void>;
  /** SIGTERM and wait. */
  stop(): Promise<void>;
}

const SECRET = 'cluster-test-secret-0123456789abcdef';

export async function startNode(name: string, env: Record<string, string>): Promise<Node> {
  const dataDir = await tempDir(`cluster-${name}`);
  const [node, ...args] = serverCommand([
    '--host',
    '127.0.0.1',
    '--port',
    '0',
    '--data-dir',
    dataDir,
    // Every client of these tests comes from 127.0.0.1.
    '--refused-writes-per-minute',
    '0',
    '--board-limit',
    '0',
  ]);
  const clean = { ...process.env };
  for (const key of [
    'NODE_OPTIONS',
    'PORT',
    'HOST',
    'DATA_DIR',
    'KOMPAS_SECRET',
    'DATABASE_URL',
    'REDIS_URL',
  ]) {
    delete clean[key];
  }
  const child = spawn(node as string, args, {
    env: { ...clean, KOMPAS_SECRET: SECRET, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => removeDir(dataDir));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name} did not start within 20 s:\n${output}`)),
      20_000,
    );
    const look = () => {
      const found = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (found) {
        clearTimeout(timer);
        child.stdout?.off('data', look);
        resolve(found[1] as string);
      }
    };
    child.stdout?.on('data', look);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} while starting:\n${output}`));
    });
  });
  const ended = () => child.exitCode !== null || child.signalCode !== null;
  return {
    name,
    url,
    child,
    output: () => output,
    async kill() {
      if (!ended()) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (!ended()) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A TCP load balancer on 127.0.0.1: each new connection goes to the next server that accepts it. */
export class Balancer {
  private next = 0;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly backends: () => readonly Node[],
  ) {}

  static async start(backends: () => readonly Node[]): Promise<Balancer> {
    let balancer: Balancer | undefined;
    const server = createServer((socket) => balancer?.route(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no address');
    balancer = new Balancer(server, `http://127.0.0.1:${address.port}`, backends);
    return balancer;
  }

  /** Tries the servers in turn, starting with the next one, until one accepts. */
  private route(client: Socket, tried = 0): void {
    const backends = this.backends();
    if (tried >= backends.length) {
      client.destroy();
      return;
    }
    const backend = backends[this.next++ % backends.length] as Node;
    const { hostname, port } = new URL(backend.url);
    client.pause();
    const upstream = tcpConnect(Number(port), hostname);
    let connected = false;
    upstream.once('connect', () => {
      connected = true;
      this.sockets.add(client).add(upstream);
      client.on('error', () => upstream.destroy());
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      client.pipe(upstream).pipe(client);
      client.resume();
    });
    upstream.on('error', () => {
      // A server that is down refuses at once: the connection goes to the next one.
      if (!connected) this.route(client, tried + 1);
    });
    upstream.once('close', () => this.sockets.delete(upstream));
    client.once('close', () => this.sockets.delete(client));
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
