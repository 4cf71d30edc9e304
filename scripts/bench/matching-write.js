// The matching benchmark's writer (started by matching.js before the measuring process): the
// generated pool written through matching's own repository into the private database, as the
// connectors' batches would arrive (500 CVs of one jobcentre each). A process of its own, so the
// generated CVs and the driver's write buffers are not in the resident memory of the process that
// holds the index, which is measured as the service's (the service loads its pool from the store,
// it never holds a generated one). Prints one JSON line.
const { requireFrom, runChild } = require('./lib');
const { allMunicipalities } = require('../../packages/reference-data/dist');
const { matchingModels } = require('../../services/matching/dist/adapters/mongo/pool.model');
const { candidatePool } = require('../../services/matching/dist/adapters/mongo/pool.repository');
const { generatePool } = require('./matching-pool');

const mongoose = requireFrom('services/matching', 'mongoose');
const { cvs: CVS, dbName, now: NOW } = JSON.parse(process.argv[2]);

async function main() {
  const conn = await mongoose.createConnection(process.env.MONGO_URL, { dbName }).asPromise();
  try {
    const models = matchingModels(conn);
    for (const m of Object.values(models)) await m.init();
    const pool = candidatePool(models, 'bench');
    const now = new Date(NOW);
    const start = performance.now();
    let written = 0;
    for (const [jobcentre, list] of generatePool(CVS, allMunicipalities(), now))
      for (let i = 0; i < list.length; i += 500) {
        const batch = list.slice(i, i + 500);
        await pool.upsert(jobcentre, batch, undefined, now);
        written += batch.length;
      }
    const writeMs = performance.now() - start;
    process.stdout.write(`${JSON.stringify({ written, writeMs, writerRssMb: process.memoryUsage().rss / 1e6 })}\n`);
  } finally {
    await conn.close();
  }
}

runChild(main);
