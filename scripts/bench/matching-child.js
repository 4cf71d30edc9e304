// The matching benchmark's measuring process (started by matching.js once matching-write.js has
// written the generated pool into the private database): the in-memory index built from the
// store as the service builds it at start, then orders ranked through the index and, for the
// baseline, by scoring every CV — the same scoring code both ways. Its resident memory is what a
// matching replica holds: the driver's reads and the index, nothing of the writing. Prints one
// JSON line.
const { randomUUID } = require('node:crypto');
const { requireFrom, runChild } = require('./lib');
const { allMunicipalities, cooperationSeeds } = require('../../packages/reference-data/dist');
const { cooperationsAt } = require('../../packages/contracts/dist');
const { matchingModels } = require('../../services/matching/dist/adapters/mongo/pool.model');
const { candidatePool } = require('../../services/matching/dist/adapters/mongo/pool.repository');
const { poolIndexSync, recheck } = require('../../services/matching/dist/app/pool-index-sync');
const { warmRanking } = require('../../services/matching/dist/app/warm-ranking');
const { createPoolIndex } = require('../../services/matching/dist/domain/pool-index');
const { bestPerJobcentre, queryOfOrder, shortlistsFrom } = require('../../services/matching/dist/domain/rank');
const { prepareQuery } = require('../../services/matching/dist/domain/score');
const { generateOrders } = require('./matching-pool');

const mongoose = requireFrom('services/matching', 'mongoose');
const { orders: ORDERS, bruteOrders: BRUTE, recheckOrders: RECHECK, dbName, now: NOW } = JSON.parse(process.argv[2]);

const hr = () => Number(process.hrtime.bigint()) / 1e6;
// CPU time of this process (ms, every thread: GC helpers count too): on a shared, overloaded machine
// the wall-clock percentiles also hold the time spent waiting for a core.
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function main() {
  const conn = await mongoose.createConnection(process.env.MONGO_URL, { dbName }).asPromise();
  try {
    const pool = candidatePool(matchingModels(conn), 'bench');
    const now = new Date(NOW);

    if (global.gc) global.gc();
    const rssBefore = process.memoryUsage().rss;
    // The highest resident memory seen while loading and warming up, sampled: garbage the driver's
    // reads leave counts too, before a collection gives it back.
    let rssPeak = rssBefore;
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    }, 50);
    const index = createPoolIndex();
    let t = hr();
    const { loaded } = await poolIndexSync({ index, pool, now: () => now }).load();
    const loadMs = hr() - t;
    if (global.gc) global.gc();
    const rss = process.memoryUsage().rss;
    // As the service does before its first order: rankings made from the pool, which put the keys
    // in order, pack the index for reading and let V8 optimise the ranking (warm-ranking.ts).
    t = hr();
    const warm = warmRanking({ index, now: () => now, cooperations: () => cooperationSeeds() });
    const warmMs = hr() - t;
    clearInterval(sampler);
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    if (global.gc) global.gc();
    // Resident memory again once the index is packed for reading.
    const rssRanking = process.memoryUsage().rss;

    const orders = generateOrders(ORDERS, allMunicipalities());
    const ranked = [];
    const rankedCpu = [];
    for (const order of orders) {
      const start = hr();
      const startCpu = cpu();
      const q = prepareQuery(queryOfOrder(order), now, cooperationsAt(cooperationSeeds(), now));
      const lists = index.best(q, 10);
      const shortlists = shortlistsFrom(lists, q);
      rankedCpu.push(cpu() - startCpu);
      ranked.push(hr() - start);
      // Nothing of the result is kept: a service does not hold the shortlists of every order it
      // ranked, and holding 1,000 orders' (~940,000 objects) would make every collection after
      // them slower, the ranking measured and the baseline's alike. The baseline's comparison
      // below ranks its orders through the index again.
      order.shortlisted = shortlists.reduce((n, s) => n + s.candidates.length, 0);
    }
    const firstMs = ranked[0];
    // The baseline: the straightforward rule (score.ts's scoreOf on every CV, rank.ts's bounded lists), same reasons.
    const brute = [];
    const bruteCpu = [];
    let mismatches = 0;
    for (const order of orders.slice(0, BRUTE)) {
      const start = hr();
      const startCpu = cpu();
      const q = prepareQuery(queryOfOrder(order), now, cooperationsAt(cooperationSeeds(), now));
      const lists = bestPerJobcentre(index.all(), q, 10);
      const shortlists = shortlistsFrom(lists, q);
      bruteCpu.push(cpu() - startCpu);
      brute.push(hr() - start);
      const q2 = prepareQuery(queryOfOrder(order), now, cooperationsAt(cooperationSeeds(), now));
      if (JSON.stringify(shortlists) !== JSON.stringify(shortlistsFrom(index.best(q2, 10), q2))) mismatches++;
    }
    // What a ranking in the service adds: every pick read back from the store (the re-check).
    const withRecheck = [];
    for (const order of orders.slice(0, RECHECK)) {
      const start = hr();
      const q = prepareQuery(queryOfOrder(order), now, cooperationsAt(cooperationSeeds(), now));
      const lists = index.best(q, 15);
      await recheck(
        { index, pool },
        [...lists.values()].flatMap((l) => l.map((s) => s.candidate.key)),
      );
      withRecheck.push(hr() - start);
    }
    const shortlisted = orders.reduce((n, o) => n + o.shortlisted, 0);
    process.stdout.write(
      `${JSON.stringify({
        cvs: loaded,
        loadMs,
        rssMb: Math.max(rss, rssRanking) / 1e6,
        rssPeakMb: rssPeak / 1e6,
        rssLoadedMb: rss / 1e6,
        rssRankingMb: rssRanking / 1e6,
        indexMb: (Math.max(rss, rssRanking) - rssBefore) / 1e6,
        ranked,
        rankedCpu,
        firstMs,
        warmMs,
        warmRankings: warm.rankings,
        brute,
        bruteCpu,
        loadAvg: require('node:os').loadavg(),
        withRecheck,
        mismatches,
        avgShortlisted: shortlisted / orders.length,
        id: randomUUID(),
      })}\n`,
    );
  } finally {
    await conn.close();
  }
}

runChild(main);
