// npm run bench [-- --quick] [-- --json FILE] [-- --only fanout,e2e,intake,timers,matching]
// Every figure of shared BENCH.md that exists so far, each beside a baseline measured in the same
// run, against the project's own loopback RabbitMQ, Redis and MongoDB-wire server. Every phase
// runs in a private world (vhost, databases, Redis prefix) that is deleted when it ends, and the
// whole run is bounded by a watchdog; SIGINT/SIGTERM clean up too.
const { writeFileSync } = require('node:fs');
const { loadInfraEnv, onCleanup, percentile, runCleanups } = require('./lib');

loadInfraEnv();
for (const name of ['MONGO_URL', 'AMQP_URL', 'RABBITMQ_MGMT_URL', 'REDIS_URL']) {
  if (!process.env[name]) {
    console.error(`${name} is not set: run through npm run bench (it starts the infrastructure)`);
    process.exit(2);
  }
}
for (const name of ['AMQP_URL', 'RABBITMQ_MGMT_URL', 'REDIS_URL', 'MONGO_URL']) {
  const host = new URL(process.env[name]).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) {
    console.error(`${name} points at ${host}: the bench runs on loopback only`);
    process.exit(2);
  }
}

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const jsonFile = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
if (args.includes('--json') && !jsonFile) {
  console.error('--json needs a file name');
  process.exit(2);
}
const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : ['fanout', 'e2e', 'intake', 'timers', 'matching'];

const SIZES = quick
  ? {
      baselineRounds: 20,
      latencyRounds: 10,
      fanoutRounds: 10,
      coopOrders: 10,
      nationalRate: 50,
      nationalSeconds: 3,
      nationalDrainMs: 20_000,
      intake: { seconds: 3, concurrency: 20, warmup: 0.5 },
      timers: { jobs: 10_000, latenessJobs: 100, nationalRounds: 50 },
      matching: { cvs: 20_000, orders: 200, bruteOrders: 50, recheckOrders: 20 },
      watchdogMs: 240_000,
    }
  : {
      baselineRounds: 100,
      latencyRounds: 30,
      fanoutRounds: 200,
      coopOrders: 30,
      nationalRate: 50,
      nationalSeconds: 10,
      nationalDrainMs: 120_000,
      intake: { seconds: 10, concurrency: 20, warmup: 1 },
      timers: { jobs: 100_000, latenessJobs: 200, nationalRounds: 200 },
      matching: { cvs: 200_000, orders: 1000, bruteOrders: 200, recheckOrders: 50 },
      watchdogMs: 1_500_000,
    };

const figures = [];
const verdicts = [];
const fmt = (v) => (Number.isFinite(v) ? (Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(1)) : String(v));

/** One line per figure: name  value unit   (details). Baselines are figures of their own. */
function figure(name, value, unit, details = '') {
  const rounded = Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 10) / 10;
  figures.push({ name, value: rounded, unit });
  console.log(`${name.padEnd(32)} ${fmt(value).padStart(9)} ${unit.padEnd(8)}${details ? `  (${details})` : ''}`);
}
/** A national round's timer jobs against the aim of 1 deadline + one per reminder offset (2 by default). */
let timerJobsPrinted = false;
function timerJobsFigure(perRound, details) {
  timerJobsPrinted = true;
  figure(
    'timers.jobs.national_round',
    perRound,
    'jobs',
    `${aim('≤ 1 + reminder offsets (3) jobs per national round', perRound <= 3)}; ${details}`,
  );
}
function aim(label, met) {
  verdicts.push({ label, met });
  return `aim ${label} — ${met ? 'met' : 'NOT met'}`;
}

let finished = false;
async function stop(code, why) {
  if (finished) return;
  finished = true;
  if (why) console.error(`[bench] ${why}; cleaning up…`);
  await runCleanups();
  process.exit(code);
}
process.on('SIGINT', () => stop(130, 'interrupted'));
process.on('SIGTERM', () => stop(143, 'terminated'));
// A stray error event (e.g. a broker connection closed under us) must not leave services running.
process.on('uncaughtException', (error) => stop(1, `uncaught: ${error.stack ?? error.message}`));
process.on('unhandledRejection', (error) => stop(1, `unhandled rejection: ${error?.stack ?? error}`));
setTimeout(() => stop(1, `watchdog: the run took longer than ${SIZES.watchdogMs / 1000} s`), SIZES.watchdogMs).unref();

async function main() {
  const t0 = Date.now();
  console.log(`bench ${quick ? '--quick' : '(full)'} — ${new Date().toISOString()}, loopback RabbitMQ/Redis/MongoDB-wire\n`);

  // The APIs verify tokens against an issuer's keys: the phases that call them get the identity
  // service the tests use, with a key made for this run (tokenFor signs with it).
  if (only.some((phase) => ['fanout', 'e2e', 'intake'].includes(phase))) {
    const { startTestIdentity } = require('../../packages/testkit/dist');
    const identity = await startTestIdentity();
    onCleanup(() => identity.stop());
  }

  let base;
  let coopBase;
  let natBase;
  if (only.includes('fanout') || only.includes('e2e')) {
    const { baseline, wholePath } = require('./fanout');
    base = await baseline(SIZES.baselineRounds, SIZES.latencyRounds);
    figure(
      'fanout.baseline.throughput',
      base.rate,
      'msg/s',
      `raw amqplib confirm channel, ${SIZES.baselineRounds} national fan-outs × 95, ≤10 rounds in flight, ${Math.round(base.avgBytes)} B/msg`,
    );
    coopBase = percentile(base.latency.cooperation, 99);
    natBase = percentile(base.latency.national, 99);
    figure(
      'e2e.cooperation.baseline.p99',
      coopBase,
      'ms',
      `raw amqplib: publish 15 messages → last delivered, ${base.latency.cooperation.length} rounds one at a time`,
    );
    figure(
      'e2e.national.baseline.p99',
      natBase,
      'ms',
      `raw amqplib: publish 95 messages → last delivered, ${base.latency.national.length} rounds one at a time`,
    );

    if (only.includes('fanout')) {
      const path = await wholePath(SIZES.fanoutRounds);
      const ratio = path.rate / base.rate;
      figure(
        'fanout.throughput',
        path.rate,
        'msg/s',
        `baseline ${fmt(base.rate)}, ratio ${ratio.toFixed(2)}, ${aim('fan-out ≥ 50% of baseline', ratio >= 0.5)}; ${SIZES.fanoutRounds} order.registered → ${path.messages}${path.complete ? '' : ` of ${path.expected} (timed out)`} msgs in ${path.seconds.toFixed(1)} s, ${Math.round(path.avgBytes)} B/msg`,
      );
      timerJobsFigure(
        path.timers.perRound,
        `delayed jobs in Redis after the fan-out: ${path.timers.jobs} for ${path.timers.opened} national rounds${path.timers.relayed ? '' : ' (outbox not drained in 60 s)'}, 48 h window, reminders 24 h and 4 h before`,
      );
    }
  }

  if (only.includes('intake')) {
    const { intake } = require('./intake');
    const { baseline: b, orders: o } = await intake(SIZES.intake);
    figure(
      'intake.baseline.throughput',
      b.rate,
      'req/s',
      `GET /healthz on the same order-intake, same load generator, ${b.concurrency} in flight; p99 ${fmt(b.p99)} ms`,
    );
    figure(
      'intake.throughput',
      o.rate,
      'orders/s',
      `baseline ${fmt(b.rate)}, ratio ${(o.rate / b.rate).toFixed(2)}, ${aim('intake ≥ 200 orders/s', o.rate >= 200)}; POST /orders from a second process, ${o.concurrency} in flight, ${SIZES.intake.seconds} s, ${o.errors} errors`,
    );
    figure('intake.latency.p99', o.p99, 'ms', `baseline ${fmt(b.p99)}, ${aim('intake p99 < 100 ms', o.p99 < 100)}; p50 ${fmt(o.p50)}`);
  }

  if (only.includes('timers')) {
    const { timers } = require('./timers');
    const t = await timers(SIZES.timers);
    figure('timers.baseline.rate', t.baselineRate, 'ops/s', `one plain HSET per job, same ids/data, 100 in flight, same Redis`);
    figure(
      'timers.schedule.rate',
      t.rate,
      'jobs/s',
      `baseline ${fmt(t.baselineRate)}, ratio ${(t.rate / t.baselineRate).toFixed(2)}; ${SIZES.timers.jobs.toLocaleString('en-US')} delayed jobs via scheduleAt, 100 in flight, ${t.pending.toLocaleString('en-US')} pending after`,
    );
    figure('timers.redis.bytes', t.bytesPerJob, 'B', `INFO used_memory delta / jobs (shared Redis: other users add noise)`);
    const { nationalRound } = require('./timers');
    const n = await nationalRound({ rounds: SIZES.timers.nationalRounds });
    const how = `${n.rounds} pending national rounds scheduled one addBulk per queue per round, MEMORY USAGE of every key under the prefix / rounds`;
    figure(
      'timers.jobs.national_round.per_recipient_baseline',
      n.perRecipient.delayedPerRound,
      'jobs',
      'the per-recipient shape before issue 14: a deadline and 2 reminders for each of 95 recipients',
    );
    if (!timerJobsPrinted) timerJobsFigure(n.perRound.delayedPerRound, `broadcast's roundTimers, ${n.rounds} rounds`);
    figure(
      'timers.redis.bytes.national_round.per_recipient_baseline',
      n.perRecipient.bytesPerRound,
      'B',
      `${how}; ${fmt(n.perRecipient.msPerRound)} ms to schedule a round`,
    );
    figure(
      'timers.redis.bytes.national_round',
      n.perRound.bytesPerRound,
      'B',
      `baseline ${fmt(n.perRecipient.bytesPerRound)}, ratio ${(n.perRound.bytesPerRound / n.perRecipient.bytesPerRound).toFixed(3)}; ${how}; ${fmt(n.perRound.msPerRound)} ms to schedule a round`,
    );
    const l = t.lateness;
    figure(
      'timers.lateness.p99',
      l.p99,
      'ms',
      `${aim('lateness p99 < 1 s', l.p99 < 1000 && l.complete)}; p50 ${fmt(l.p50)}, max ${fmt(l.max)}, ${l.n} of ${l.expected} timers due 2–5 s ahead fired with ${t.pending.toLocaleString('en-US')} pending; prefix deleted, ${t.keysLeft} keys left`,
    );
  }

  if (only.includes('matching')) {
    const { matching } = require('./matching');
    const m = await matching(SIZES.matching);
    const pool = `${m.cvs.toLocaleString('en-US')} generated CVs over 98 municipalities`;
    figure(
      'matching.bruteforce.p95',
      m.brute.p95,
      'ms',
      `score every CV of the pool, same scoring code; p50 ${fmt(m.brute.p50)}, p99 ${fmt(m.brute.p99)}, ${m.brute.n} orders; ${pool}`,
    );
    const ratio = m.brute.p95 / m.rank.p95;
    figure(
      'matching.rank.p95',
      m.rank.p95,
      'ms',
      `baseline ${fmt(m.brute.p95)}, ${ratio.toFixed(0)}× faster, ${aim('p95 < 50 ms and ≥ 20× brute force', m.rank.p95 < 50 && ratio >= 20 && m.mismatches === 0)}; p50 ${fmt(m.rank.p50)}, p99 ${fmt(m.rank.p99)}, ${m.rank.n} orders of mixed occupations (a third with hard requirements), ${Math.round(m.avgShortlisted)} shortlisted per order; ${m.mismatches} results differing from brute force`,
    );
    figures.push({ name: 'matching.rank.p50', value: Math.round(m.rank.p50 * 100) / 100, unit: 'ms' });
    figures.push({ name: 'matching.rank.p99', value: Math.round(m.rank.p99 * 100) / 100, unit: 'ms' });
    figure(
      'matching.bruteforce.cpu.p95',
      m.bruteCpu.p95,
      'ms',
      `CPU time of the measuring process for the baseline (every thread), p50 ${fmt(m.bruteCpu.p50)}: what the machine's load does not add`,
    );
    figure(
      'matching.rank.cpu.p95',
      m.rankCpu.p95,
      'ms',
      `CPU time per ranking, p50 ${fmt(m.rankCpu.p50)}; baseline ${fmt(m.bruteCpu.p95)}, ${(m.bruteCpu.p95 / m.rankCpu.p95).toFixed(0)}× less; load average ${m.loadAvg.map((l) => l.toFixed(1)).join(' / ')} at the end`,
    );
    figure(
      'matching.rank.first',
      m.firstMs,
      'ms',
      `the first order after the start (in the percentiles); before it, as the service does, ${m.warmRankings} rankings from the pool itself took ${fmt(m.warmMs)} ms: they put the ${m.cvs.toLocaleString('en-US')} pool keys in order, pack the index for reading and let V8 optimise the ranking`,
    );
    figures.push({ name: 'matching.rank.warmup', value: Math.round(m.warmMs), unit: 'ms' });
    figure(
      'matching.rank_with_recheck.p95',
      m.recheck.p95,
      'ms',
      `the service's whole choice: index + every pick read back from the store (re-check), p50 ${fmt(m.recheck.p50)}, ${m.recheck.n} orders`,
    );
    figure(
      'matching.pool.load',
      m.loadMs,
      'ms',
      `index built from the store at start (${pool}); written before through the repository in ${fmt(m.writeMs / 1000)} s by a process of its own (${fmt(m.writerRssMb)} MB resident)`,
    );
    figure(
      'matching.rss',
      m.rssMb,
      'MB',
      `${aim('< 1 GB resident', m.rssMb < 1000 && m.rssPeakMb < 1000)}; resident memory of the process holding the index (loaded from the store, as a replica at start), the larger of after loading (${fmt(m.rssLoadedMb)}) and after the warm-up, which packs the index (${fmt(m.rssRankingMb)}), ${fmt(m.indexMb)} MB of it added by both; highest sampled while loading and warming up ${fmt(m.rssPeakMb)}`,
    );
  }

  // Last: the national run at 50 orders/s overloads the database, which then needs time to
  // recover; nothing measured after it would be fair.
  if (only.includes('e2e')) {
    const { e2e } = require('./e2e');
    const r = await e2e({
      coopOrders: SIZES.coopOrders,
      rate: SIZES.nationalRate,
      seconds: SIZES.nationalSeconds,
      drainMs: SIZES.nationalDrainMs,
    });
    figure(
      'e2e.cooperation.p99',
      r.coop.p99,
      'ms',
      `baseline ${fmt(coopBase)}, ratio ${(r.coop.p99 / coopBase).toFixed(1)}×; p50 ${fmt(r.coop.p50)}, ${r.coop.n} orders one at a time, POST /orders → last of 15 queues`,
    );
    const n = r.national;
    const lowerBound = n.incomplete > 0 ? ` ≥ (${n.incomplete} rounds still incomplete after the drain bound)` : '';
    figure(
      'e2e.national.p99',
      n.p99,
      'ms',
      `baseline ${fmt(natBase)}, ${aim('< 250 ms at 50 orders/s', n.p99 < 250 && n.incomplete === 0)}${lowerBound}; p50 ${fmt(n.p50)}, max ${fmt(n.max)}, ${n.offered} orders offered at ${n.offeredRate.toFixed(0)}/s, POST p99 ${fmt(n.postP99)} ms, ${n.failures} POST failures, ${fmt(n.deliveredRate)} recipient msg/s delivered`,
    );
    figures.push({ name: 'e2e.national.p50', value: Math.round(n.p50), unit: 'ms' });
    for (const [reason, count] of Object.entries(n.failureReasons)) console.log(`  national POST failures: ${count} × ${reason}`);
  }

  const met = verdicts.filter((v) => v.met).length;
  console.log(`\nsummary: ${figures.length} figures in ${((Date.now() - t0) / 1000).toFixed(0)} s; aims met ${met} of ${verdicts.length}`);
  for (const v of verdicts) console.log(`  ${v.met ? 'met    ' : 'NOT met'}  ${v.label}`);
  if (jsonFile) {
    writeFileSync(jsonFile, `${JSON.stringify(figures, null, 2)}\n`);
    console.log(`figures written to ${jsonFile}`);
  }
}

main().then(
  () => stop(0),
  (error) => {
    console.error(`[bench] failed: ${error.stack ?? error.message}`);
    return stop(1);
  },
);
