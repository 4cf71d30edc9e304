// intake.throughput and intake.latency.p99: order creations at order-intake's HTTP API, the load
// coming from a second process (intake-load.js). Orders without a broadcast: this measures the
// API (validation, the change insert + aggregate insert on the database, the relay handoff of
// order.registered with a confirm), not the fan-out, which has its own figures.
const { spawn } = require('node:child_process');
const { join } = require('node:path');
const { tokenFor } = require('../../packages/testkit/dist');
const { withService, withWorld, LEAD } = require('./fanout');
const { percentile, onCleanup } = require('./lib');

/** One run of the load generator (a child process, bounded, killed if it overruns). */
async function load(svc, token, { seconds, concurrency, warmup }, mode) {
  const child = spawn(
    process.execPath,
    [join(__dirname, 'intake-load.js'), svc.url, token, String(concurrency), String(seconds), String(warmup), mode],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const forget = onCleanup(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const killer = setTimeout(() => child.kill('SIGKILL'), (warmup + seconds + 60) * 1000);
  const code = await new Promise((resolve) => child.once('exit', resolve));
  clearTimeout(killer);
  forget();
  if (code !== 0) throw new Error(`intake load generator exited with ${code}`);
  const result = JSON.parse(out.trim().split('\n').pop());
  const expected = mode === 'healthz' ? '200' : '201';
  const errors = Object.entries(result.statuses)
    .filter(([s]) => s !== expected)
    .reduce((n, [, c]) => n + c, 0);
  return {
    rate: result.latencies.length / result.seconds,
    p50: percentile(result.latencies, 50),
    p99: percentile(result.latencies, 99),
    ok: result.latencies.length,
    errors,
    statuses: result.statuses,
    concurrency,
  };
}

/** Baseline first (GET /healthz on the same process, same load), then POST /orders. */
async function intake(options) {
  return withWorld((world) =>
    withService(world, 'order-intake', {}, async (svc) => {
      const token = tokenFor({ role: 'jobcentre', sub: 'bench', jobcentre: LEAD });
      const baseline = await load(svc, token, { ...options, seconds: Math.max(2, Math.round(options.seconds / 2)) }, 'healthz');
      const orders = await load(svc, token, options, 'orders');
      return { baseline, orders };
    }),
  );
}

module.exports = { intake };
