import { loadConfig } from '@rs/config';
import { connectMongo } from '@rs/db';
import { createLogger } from '@rs/service-kit';
import { jobcentreMessageModel, migrateOneMessageRecords } from './adapters/mongo/feed.repository';
import { broadcastConfig } from './config';

/**
 * One-off: rewrites the catch-up feed records of versions before 2026-11-30 into the form the
 * feed reads (docs/operations.md, "Upgrading"). Same configuration as the service.
 */
async function main() {
  const config = loadConfig(broadcastConfig, process.env);
  const logger = createLogger('broadcast-migrate-feed', config.LOG_LEVEL);
  const connection = await connectMongo({ url: config.MONGO_URL, dbName: config.MONGO_DB, logger });
  try {
    const migrated = await migrateOneMessageRecords(jobcentreMessageModel(connection));
    logger.info({ migrated }, 'feed records of one message rewritten');
  } finally {
    await connection.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
