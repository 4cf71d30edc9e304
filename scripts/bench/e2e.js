// e2e.cooperation.p99 and e2e.national.p99: POST /orders on a started order-intake → the last
// recipient queue of the round it opens (broadcast started in the same world) delivered it.
const { jobcentreQueue } = require('../../packages/contracts/dist');
const { allJobcentres, recipientsFor } = require('../../packages/reference-data/dist');
const { tokenFor } = require('../../packages/testkit/dist');
const { amqplib, withService, withWorld, BROADCAST_TIMERS, LEAD } = require('./fanout');
const { consumeQueues, nowMs, percentile, sleep } = require('./lib');

const ALL_QUEUES = allJobcentres().map((j) => jobcentreQueue(j.code));

function orderBody(scope) {
  return JSON.stringify({
    company: { name: 'Plejecenter Sundby', municipality: LEAD },
    title: 'Social- og sundhedsassistent',
    occupation: '5321',
    positions: 3,
    description: 'Dagvagter, start snarest',
    broadcast: { scope },
  });
}

/**
 * Runs both e2e measurements in one world (broadcast + order-intake started once).
 * cooperation: `coopOrders` orders one after the other (each waits for its round to land), the
 * latency of an unloaded system. national: orders paced at `rate`/s for `seconds` (open loop: the
 * clock of each order starts at its scheduled send time, so a slow server cannot hide its queue),
 * then at most `drainMs` for the rounds to land; orders still incomplete count with the time
 * waited so far, which makes the p99 a lower bound (reported).
 */
async function e2e({ coopOrders, rate, seconds, drainMs }) {
  return withWorld(async (world) => {
    const env = BROADCAST_TIMERS;
    return withService(world, 'broadcast', env, () =>
      withService(world, 'order-intake', {}, async (intake) => {
        const token = tokenFor({ role: 'jobcentre', sub: 'bench', jobcentre: LEAD });
        const rounds = new Map(); // orderId → { count, last }
        const waiters = new Map(); // orderId → { expected, resolve }
        const consumer = await consumeQueues(amqplib, world.amqpUrl, ALL_QUEUES, (_q, body, at) => {
          const env = JSON.parse(body.toString('utf8'));
          const orderId = env.correlationid;
          const r = rounds.get(orderId) ?? { count: 0, last: 0 };
          r.count++;
          r.last = at;
          rounds.set(orderId, r);
          const w = waiters.get(orderId);
          if (w && r.count >= w.expected) w.resolve();
        });
        const post = async (scope) => {
          const res = await fetch(`${intake.url}/orders`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: orderBody(scope),
            signal: AbortSignal.timeout(60_000),
          });
          const json = await res.json();
          if (res.status !== 201) throw new Error(`POST /orders → ${res.status} ${JSON.stringify(json)}`);
          return json.id;
        };
        const landed = (orderId, expected, timeoutMs) =>
          new Promise((resolve) => {
            const r = rounds.get(orderId);
            if (r && r.count >= expected) return resolve(true);
            const timer = setTimeout(() => resolve(false), timeoutMs);
            waiters.set(orderId, {
              expected,
              resolve: () => {
                clearTimeout(timer);
                resolve(true);
              },
            });
          });
        try {
          // cooperation (HRS: 15 recipients), one order at a time, after one warm-up order
          const coopN = recipientsFor('cooperation', LEAD).length;
          const coop = [];
          for (let i = 0; i <= coopOrders; i++) {
            const t0 = nowMs();
            const id = await post('cooperation');
            if (!(await landed(id, coopN, 30_000))) throw new Error(`cooperation round of ${id} did not land in 30 s`);
            if (i > 0) coop.push(rounds.get(id).last - t0);
            await sleep(50);
          }

          // national (95 recipients) at `rate` orders/s
          const natN = recipientsFor('national', LEAD).length;
          const total = Math.round(rate * seconds);
          const sent = []; // { t0, id }
          const started = nowMs();
          let failures = 0;
          const failureReasons = {};
          const posts = [];
          const postLatency = [];
          for (let i = 0; i < total; i++) {
            const t0 = started + (i * 1000) / rate;
            const wait = t0 - nowMs();
            if (wait > 0) await sleep(wait);
            const began = nowMs();
            posts.push(
              post('national')
                .then((id) => {
                  postLatency.push(nowMs() - began);
                  sent.push({ t0, id });
                })
                .catch((error) => {
                  failures++;
                  failureReasons[error.message.slice(0, 80)] = (failureReasons[error.message.slice(0, 80)] ?? 0) + 1;
                }),
            );
          }
          const sendSeconds = (nowMs() - started) / 1000; // the send loop only: what was offered
          await Promise.all(posts);
          const drainDeadline = nowMs() + drainMs;
          const done = () => sent.every(({ id }) => (rounds.get(id)?.count ?? 0) >= natN);
          while (!done() && nowMs() < drainDeadline) await sleep(50);
          const cutoff = nowMs();
          let incomplete = 0;
          const national = sent.map(({ t0, id }) => {
            const r = rounds.get(id);
            if (r && r.count >= natN) return r.last - t0;
            incomplete++;
            return cutoff - t0;
          });
          const natMessages = sent.reduce((n, { id }) => n + Math.min(rounds.get(id)?.count ?? 0, natN), 0);
          const lastArrival = Math.max(...sent.map(({ id }) => rounds.get(id)?.last ?? 0));
          return {
            coop: { n: coop.length, recipients: coopN, p50: percentile(coop, 50), p99: percentile(coop, 99), max: Math.max(...coop) },
            national: {
              n: sent.length,
              failures,
              failureReasons,
              incomplete,
              recipients: natN,
              sendSeconds,
              offered: total,
              offeredRate: total / sendSeconds,
              deliveredRate: natMessages / ((Math.min(lastArrival || cutoff, cutoff) - started) / 1000),
              postP99: percentile(postLatency, 99),
              p50: percentile(national, 50),
              p99: percentile(national, 99),
              max: Math.max(...national),
            },
          };
        } finally {
          await consumer.close();
        }
      }),
    );
  });
}

module.exports = { e2e };
