import { afterEach, beforeEach, expect, it } from 'vitest';
import { describePg, freshDatabase, type TestDatabase } from '../../../packages/relay/src/pg-test-support.ts';
import { removeDir, startTestServer, type TestServer, tempDir } from './test-support.ts';

describePg('servers sharing one PostgreSQL database', () => {
  let database: TestDatabase;
  let servers: TestServer[];
  let dataDirs: string[];
  beforeEach(async () => {
    database = await freshDatabase();
    servers = [];
    dataDirs = [];
  });
  afterEach(async () => {
    await Promise.all(servers.map((server) => server.close()));
    await database.drop();
    await Promise.all(dataDirs.map(removeDir));
  });

  it('do not start on a database they cannot use, and leave their data folder free', async () => {
    const dataDir = await tempDir('pg-server');
    dataDirs.push(dataDir);
    const missing = new URL(database.url);
    missing.pathname = '/kompas_no_such_database';
    await expect(startTestServer(dataDir, ['--database-url', missing.toString()])).rejects.toThrow(
      /does not exist/,
    );
    servers.push(await startTestServer(dataDir));
  });
});
