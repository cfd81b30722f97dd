// The Hocuspocus reference server for the comparison: its defaults, no extensions (documents in memory), on
// HOST:PORT. Plain JavaScript, so no compiler runs in its process.
import { Server } from '@hocuspocus/server';

const server = new Server({
  address: process.env.HOST ?? '127.0.0.1',
  port: Number(process.env.PORT),
  quiet: true,
});
await server.listen();
console.log(`hocuspocus listening on ${server.httpURL}`);
