// `npm start`: set up on first use (and build what changed), then run the built server in this process' place.
import { spawn } from 'node:child_process';
import { serverCommand } from './server-command.mjs';
import { root, setUp } from './toolchain.mjs';

setUp();
const [node, ...args] = serverCommand(process.argv.slice(2));
const server = spawn(node, args, { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.kill(signal));
}
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
