// Shared helpers of the benchmark: module resolution from the built workspace, statistics, a
// counting consumer on the jobcentre queues, and a cleanup registry that runs on every exit path.
const { readFileSync, existsSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..', '..');

/** A dependency of a workspace package (nothing is added to package.json for the bench). */
function requireFrom(pkgDir, name) {
  return require(require.resolve(name, { paths: [join(ROOT, pkgDir)] }));
}

/** npm run bench sources .data/infra.env; a direct `node scripts/bench/run.js` reads it here. */
function loadInfraEnv() {
  const file = join(ROOT, '.data', 'infra.env');
  if (!existsSync(file)) return;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m && process.env[m[1]] === undefined) process.env[m[1]] = m[2];
  }
}

/** Nearest-rank percentile of a list of numbers (p in 0..100). */
function percentile(values, p) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const nowMs = () => performance.timeOrigin + performance.now();

/** Cleanups run last-in first-out, once, on success, failure, SIGINT/SIGTERM and the watchdog. */
const cleanups = [];
function onCleanup(fn) {
  cleanups.push(fn);
  return () => {
    const i = cleanups.indexOf(fn);
    if (i >= 0) cleanups.splice(i, 1);
  };
}
async function runCleanups() {
  while (cleanups.length > 0) {
    const fn = cleanups.pop();
    try {
      await Promise.race([fn(), sleep(30_000)]);
    } catch (error) {
      console.error(`[bench] cleanup failed: ${error.message}`);
    }
  }
}

/**
 * Consumes every given queue (admin user, auto-ack) and calls onMessage(queue, body, arrivalMs).
 * The consumer stands in for the jobcentres' connectors: arrival = the broker delivered it.
 */
async function consumeQueues(amqplib, url, queues, onMessage) {
  const conn = await amqplib.connect(url);
  conn.on('error', (err) => console.error(`[bench] consumer connection: ${err.message}`));
  const ch = await conn.createChannel();
  for (const q of queues) {
    await ch.consume(
      q,
      (msg) => {
        if (msg) onMessage(q, msg.content, nowMs());
      },
      { noAck: true },
    );
  }
  return {
    async close() {
      await conn.close().catch(() => {});
    },
  };
}

/**
 * A service reports ready when its broker connection is up, which can be before its channel
 * setup declared the topology: wait until every queue exists (a missing one closes the
 * throwaway channel with 404), so no message is published or consumed too early.
 */
async function waitForQueues(amqplib, url, queues, timeoutMs = 30_000) {
  const conn = await amqplib.connect(url);
  conn.on('error', () => {});
  const deadline = Date.now() + timeoutMs;
  try {
    for (const q of queues) {
      for (;;) {
        const ch = await conn.createChannel();
        ch.on('error', () => {});
        const ok = await ch.checkQueue(q).then(
          () => true,
          () => false,
        );
        if (ok) {
          await ch.close().catch(() => {});
          break;
        }
        if (Date.now() > deadline) throw new Error(`queue ${q} was not declared within ${timeoutMs} ms`);
        await sleep(100);
      }
    }
  } finally {
    await conn.close().catch(() => {});
  }
}

async function waitUntil(check, { timeoutMs, intervalMs = 50 }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await sleep(intervalMs);
  }
}

/** A bench child process's body: exits 0 when it resolves, 1 with the error on stderr when it throws. */
function runChild(main) {
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(error.stack ?? error.message);
      process.exit(1);
    },
  );
}

module.exports = {
  ROOT,
  runChild,
  requireFrom,
  loadInfraEnv,
  percentile,
  sleep,
  nowMs,
  onCleanup,
  runCleanups,
  consumeQueues,
  waitForQueues,
  waitUntil,
};
