// matching.rank.p95, matching.bruteforce.p95, matching.rss: the generated pool is written by one
// child process (matching-write.js) and measured in another (matching-child.js), so the resident
// memory measured is that of a process holding the index as a matching replica does — loaded from
// the store — not the generator's or the bench's. Their private database on the loopback
// MongoDB-wire server is dropped at the end.
const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { join } = require('node:path');
const { onCleanup, percentile, requireFrom } = require('./lib');

/** Runs one of the bench's node scripts with its arguments as JSON; resolves with the last JSON line it prints. */
function child(script, args) {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--expose-gc', join(__dirname, script), JSON.stringify(args)], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: process.env,
    });
    const forget = onCleanup(async () => proc.kill('SIGTERM'));
    let out = '';
    proc.stdout.on('data', (d) => (out += d));
    proc.on('close', (code) => {
      forget();
      if (code !== 0) return reject(new Error(`${script} exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').pop()));
    });
  });
}

async function dropDatabase(dbName) {
  const mongoose = requireFrom('services/matching', 'mongoose');
  const conn = await mongoose.createConnection(process.env.MONGO_URL, { dbName }).asPromise();
  try {
    await conn.dropDatabase();
  } finally {
    await conn.close();
  }
}

async function matching({ cvs, orders, bruteOrders, recheckOrders }) {
  const dbName = `bench_matching_${randomBytes(4).toString('hex')}`;
  const now = '2026-12-01T09:00:00Z';
  const forget = onCleanup(() => dropDatabase(dbName));
  try {
    const { writeMs, writerRssMb } = await child('matching-write.js', { cvs, dbName, now });
    const r = await child('matching-child.js', { orders, bruteOrders, recheckOrders, dbName, now });
    return {
      ...r,
      writeMs,
      writerRssMb,
      rank: { p50: percentile(r.ranked, 50), p95: percentile(r.ranked, 95), p99: percentile(r.ranked, 99), n: r.ranked.length },
      brute: { p50: percentile(r.brute, 50), p95: percentile(r.brute, 95), p99: percentile(r.brute, 99), n: r.brute.length },
      rankCpu: { p50: percentile(r.rankedCpu, 50), p95: percentile(r.rankedCpu, 95) },
      bruteCpu: { p50: percentile(r.bruteCpu, 50), p95: percentile(r.bruteCpu, 95) },
      recheck: { p50: percentile(r.withRecheck, 50), p95: percentile(r.withRecheck, 95), n: r.withRecheck.length },
    };
  } finally {
    forget();
    await dropDatabase(dbName).catch(() => {});
  }
}

module.exports = { matching };
