// The PostgreSQL and Redis that tests run against: private to one run, on loopback, on free ports, in a
// temporary folder that is removed afterwards. `npm test` starts them and hands their addresses to the tests
// as KOMPAS_TEST_DATABASE_URL and KOMPAS_TEST_REDIS_URL; integration tests may start their own with start().
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const HOST = '127.0.0.1';
const POSTGRES_ROOTS = '/usr/lib/postgresql';
/** PostgreSQL's own start waits up to this; a cold initdb on a busy machine takes a few seconds. */
const START_TIMEOUT_MS = 60_000;
const POLL_MS = 50;

/** The PostgreSQL and Redis programs of this machine, each null when it is not installed. */
export function findServices() {
  return { postgresBin: findPostgresBin(), redisServer: findOnPath('redis-server') };
}

/** The bin folder of the newest PostgreSQL under /usr/lib/postgresql/<version>, as Debian installs it. */
function findPostgresBin() {
  if (!existsSync(POSTGRES_ROOTS)) return null;
  const versions = readdirSync(POSTGRES_ROOTS)
    .filter((version) => existsSync(join(POSTGRES_ROOTS, version, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? join(POSTGRES_ROOTS, versions[0], 'bin') : null;
}

function findOnPath(program) {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && existsSync(join(dir, program))) return join(dir, program);
  }
  return null;
}

/**
 * PostgreSQL refuses to run as root: as root it runs as `postgres` when that user exists, else as `nobody`;
 * otherwise as whoever runs the tests. Null means "as ourselves".
 */
function postgresUser() {
  if (process.getuid?.() !== 0) return null;
  const users = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .map((line) => line.split(':'))
    .filter((fields) => fields.length >= 4);
  for (const name of ['postgres', 'nobody']) {
    const fields = users.find((entry) => entry[0] === name);
    if (fields) return { name, uid: Number(fields[2]), gid: Number(fields[3]) };
  }
  throw new Error('running as root, but there is neither a postgres nor a nobody user to run PostgreSQL as');
}

/** A port nobody listens on now (the OS picks it); the service binds it right after. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function runOrThrow(command, args, options) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status}):\n${result.stderr}`);
  }
}

/** Resolves once Redis answers PING on `port`, polling until the deadline. */
async function waitForRedis(port, child) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited (code ${child.exitCode})`);
    if (await answersPing(port)) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`redis-server did not answer on port ${port} within ${START_TIMEOUT_MS / 1000} s`);
}

function answersPing(port) {
  return new Promise((resolve) => {
    const socket = createConnection({ host: HOST, port });
    let answer = '';
    socket.setTimeout(1000, () => socket.destroy());
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => {
      answer += data;
      if (answer.includes('\r\n')) socket.end();
    });
    socket.on('close', () => resolve(answer.startsWith('+PONG')));
    socket.on('error', () => {});
  });
}

class Redis {
  constructor(program, port, dir) {
    this.program = program;
    this.port = port;
    this.dir = dir;
    this.child = null;
  }

  async start() {
    if (this.child) return;
    // No persistence: nothing a test writes needs to outlive the run, and a restart must start empty.
    const args = ['--bind', HOST, '--port', String(this.port), '--dir', this.dir, '--save', ''];
    const child = spawn(this.program, [...args, '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    // Kept only to tell why it did not start.
    let output = '';
    const keep = (data) => {
      output = (output + data).slice(-2000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    try {
      await waitForRedis(this.port, child);
    } catch (error) {
      this.stopSync();
      throw new Error(`${error.message}:\n${output}`);
    }
    child.stdout.removeListener('data', keep).resume();
    child.stderr.removeListener('data', keep).resume();
  }

  async stop() {
    const child = this.child;
    if (!child) return;
    this.child = null;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  stopSync() {
    this.child?.kill('SIGKILL');
    this.child = null;
  }
}

class Postgres {
  constructor(bin, port, dir) {
    this.bin = bin;
    this.port = port;
    this.dataDir = join(dir, 'postgres');
    this.log = join(dir, 'postgres.log');
    this.dir = dir;
    this.user = postgresUser();
  }

  /** As the unprivileged user, with the folder the cluster lives in handed to them. */
  run(program, args) {
    const asUser = this.user ? { uid: this.user.uid, gid: this.user.gid } : {};
    runOrThrow(join(this.bin, program), args, { cwd: this.dir, env: { PATH: process.env.PATH }, ...asUser });
  }

  start() {
    if (this.user) chownSync(this.dir, this.user.uid, this.user.gid);
    // Trust on loopback and a socket in the private folder: nothing outside this machine can reach it.
    this.run('initdb', ['-D', this.dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
    const options = [
      `-p ${this.port}`,
      `-c listen_addresses=${HOST}`,
      `-k ${this.dir}`,
      // Throwaway data: skipping the disk syncs makes the tests' many CREATE DATABASEs fast.
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=200',
    ].join(' ');
    const wait = ['-w', '-t', String(START_TIMEOUT_MS / 1000)];
    try {
      this.run('pg_ctl', ['start', ...wait, '-D', this.dataDir, '-l', this.log, '-o', options]);
    } catch (error) {
      const log = existsSync(this.log) ? readFileSync(this.log, 'utf8').slice(-2000) : '';
      throw new Error(`${error.message}\n${log}`);
    }
  }

  /** Also after a start that failed half-way: whatever runs on the folder is stopped. */
  stop() {
    if (!existsSync(join(this.dataDir, 'postmaster.pid'))) return;
    this.run('pg_ctl', ['stop', '-w', '-m', 'fast', '-D', this.dataDir]);
  }
}

/**
 * Starts a private PostgreSQL and Redis. Resolves with their addresses, stop() (stops both and removes their
 * folder; safe to call twice) and stopRedis()/startRedis() (the same Redis again, on the same port and
 * empty, as after a restart without persistence). Throws when a program is missing (see findServices).
 */
export async function start() {
  const { postgresBin, redisServer } = findServices();
  if (!postgresBin) throw new Error(`PostgreSQL not found under ${POSTGRES_ROOTS}/<version>/bin`);
  if (!redisServer) throw new Error('redis-server not found on PATH');
  const dir = mkdtempSync(join(tmpdir(), 'kompas-services-'));
  // The unprivileged PostgreSQL user must reach the folder from /tmp down.
  chmodSync(dir, 0o755);
  const postgres = new Postgres(postgresBin, await freePort(), dir);
  const redis = new Redis(redisServer, await freePort(), dir);
  let stopped = false;
  const stopSync = () => {
    if (stopped) return;
    stopped = true;
    redis.stopSync();
    try {
      postgres.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    postgres.start();
    await redis.start();
  } catch (error) {
    stopSync();
    throw error;
  }
  return {
    databaseUrl: `postgres://postgres@${HOST}:${postgres.port}/postgres`,
    redisUrl: `redis://${HOST}:${redis.port}`,
    dir,
    stopRedis: () => redis.stop(),
    startRedis: () => redis.start(),
    async stop() {
      if (stopped) return;
      await redis.stop();
      stopSync();
    },
    stopSync,
  };
}

/**
 * A Redis of its own, on a free loopback port, for a test that stops and starts it again (stopRedis, then
 * startRedis: the same port, empty) without touching the run's shared one. stop() also removes its folder.
 */
export async function startRedis() {
  const { redisServer } = findServices();
  if (!redisServer) throw new Error('redis-server not found on PATH');
  const dir = mkdtempSync(join(tmpdir(), 'kompas-redis-'));
  const redis = new Redis(redisServer, await freePort(), dir);
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    await redis.start();
  } catch (error) {
    remove();
    throw error;
  }
  return {
    redisUrl: `redis://${HOST}:${redis.port}`,
    stopRedis: () => redis.stop(),
    startRedis: () => redis.start(),
    async stop() {
      await redis.stop();
      remove();
    },
  };
}
