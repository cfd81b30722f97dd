import { ConfigError, loadConfig } from './config.ts';
import { installCrashGuard } from './crash-guard.ts';
import { createConsoleLogger } from './logger.ts';
import { startServer } from './server.ts';

const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

const logger = createConsoleLogger();

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`kompas: ${error.message}`);
    process.exit(EXIT_USAGE);
  }

  const server = await startServer(config, { logger });
  logger.info('config', { dataDir: config.dataDir, webDir: config.webDir, publicUrl: config.publicUrl });
  // Alone on its line, so scripts can read the address from it.
  logger.info(`Kompas listening on ${server.url}`);
  // Only once serving: a failure while starting should still end the process.
  installCrashGuard(logger);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second signal means the operator does not want to wait for the graceful path.
      logger.warn('forced exit', { signal });
      process.exit(EXIT_FAILURE);
    }
    stopping = true;
    logger.info('shutting down', { signal });
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('shutdown failed', { error });
        process.exit(EXIT_FAILURE);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  logger.error('could not start', { error });
  process.exit(EXIT_FAILURE);
});
