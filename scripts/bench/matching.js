// matching.rank.p95, matching.bruteforce.p95, matching.rss: the measuring runs in a child process
// of its own (matching-child.js) so its resident memory is the pool's and the index's, not the
// rest of the bench's. Its private database on the loopback MongoDB-wire server is dropped at the end.
const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { join } = require('node:path');
const { onCleanup, percentile } = require('./lib');

function matching({ cvs, orders, bruteOrders, recheckOrders }) {
  const dbName = `bench_matching_${randomBytes(4).toString('hex')}`;
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', join(__dirname, 'matching-child.js'), JSON.stringify({ cvs, orders, bruteOrders, recheckOrders, dbName })],
      { stdio: ['ignore', 'pipe', 'inherit'], env: process.env },
    );
    const forget = onCleanup(async () => child.kill('SIGTERM'));
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('close', (code) => {
      forget();
      if (code !== 0) return reject(new Error(`matching bench child exited with ${code}`));
      const r = JSON.parse(out.trim().split('\n').pop());
      resolve({
        ...r,
        rank: { p50: percentile(r.ranked, 50), p95: percentile(r.ranked, 95), p99: percentile(r.ranked, 99), n: r.ranked.length },
        brute: { p50: percentile(r.brute, 50), p95: percentile(r.brute, 95), p99: percentile(r.brute, 99), n: r.brute.length },
        rankCpu: { p50: percentile(r.rankedCpu, 50), p95: percentile(r.rankedCpu, 95) },
        bruteCpu: { p50: percentile(r.bruteCpu, 50), p95: percentile(r.bruteCpu, 95) },
        recheck: { p50: percentile(r.withRecheck, 50), p95: percentile(r.withRecheck, 95), n: r.withRecheck.length },
      });
    });
  });
}

module.exports = { matching };
