import { loadConfig } from '@rs/config';
import mongoose from 'mongoose';
import { erasedCandidates } from './adapters/mongo/erased.repository';
import { factModels, factRepository } from './adapters/mongo/facts.repository';
import { sourcesOf } from './adapters/mongo/sources.repository';
import { rebuild } from './app/rebuild';
import { sourceVars } from './config';

/**
 * `node services/reporting/dist/rebuild.main.js`: recomputes the read model from order-intake's,
 * broadcast's and upskilling-seat's own databases (MONGO_URL, MONGO_DB, ORDER_INTAKE_DB,
 * BROADCAST_DB, UPSKILLING_DB). Safe while
 * the service runs: facts are inserted under their keys first, then the ones no source holds are
 * removed, so the figures never drop to nothing in between.
 */
async function main(): Promise<void> {
  const config = loadConfig(sourceVars, process.env);
  const client = await mongoose.createConnection(config.MONGO_URL).asPromise();
  try {
    const own = client.useDb(config.MONGO_DB);
    const result = await rebuild(
      factRepository(factModels(own)),
      sourcesOf(client.useDb(config.ORDER_INTAKE_DB), client.useDb(config.BROADCAST_DB), client.useDb(config.UPSKILLING_DB)),
      erasedCandidates(own),
    );
    console.log(JSON.stringify({ rebuilt: true, ...result }));
  } finally {
    await client.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
