// fanout.baseline.throughput and fanout.throughput: national fan-outs (95 recipient messages
// each) landing in the jobcentre queues, raw amqplib beside the whole broadcast path.
const { randomUUID } = require('node:crypto');
const { requireFrom, consumeQueues, waitForQueues, waitUntil, nowMs, onCleanup } = require('./lib');

const amqplib = requireFrom('packages/bus', 'amqplib');
const { declareTopology } = require('../../packages/bus/dist');
const {
  EXCHANGES,
  QUEUES: SERVICE_QUEUE_NAMES,
  jobcentreQueue,
  jobcentreQueueSpec,
  makeEnvelope,
  orderBroadcastExample,
} = require('../../packages/contracts/dist');
const { allJobcentres, recipientsFor } = require('../../packages/reference-data/dist');
const { createTestWorld, startService } = require('../../packages/testkit/dist');

const LEAD = 101;
const RECIPIENTS = recipientsFor('national', LEAD);
const QUEUES = RECIPIENTS.map(jobcentreQueue);
/** broadcast's order.registered consumer has prefetch 10: up to 10 rounds in flight. */
const ROUNDS_IN_FLIGHT = 10;

/**
 * testkit's dispose swallows its errors, and under load (FerretDB answering SQLITE_BUSY, a late
 * write) a world was seen surviving it: remove it, then check vhost, databases and Redis keys are
 * gone and remove what is left, a bounded number of times.
 */
async function disposeWorld(world) {
  const { MongoClient } = requireFrom('packages/db', 'mongodb');
  const { Redis } = requireFrom('packages/timers', 'ioredis');
  const mgmt = new URL(process.env.RABBITMQ_MGMT_URL);
  const auth = `Basic ${Buffer.from(`${decodeURIComponent(mgmt.username)}:${decodeURIComponent(mgmt.password)}`).toString('base64')}`;
  const vhostUrl = `${mgmt.origin}/api/vhosts/${encodeURIComponent(world.vhost)}`;
  await world.dispose().catch(() => {});
  for (let attempt = 1; attempt <= 5; attempt++) {
    const left = [];
    const vhost = await fetch(vhostUrl, { headers: { authorization: auth } }).catch(() => undefined);
    if (vhost?.status !== 404) {
      left.push('vhost');
      await fetch(vhostUrl, { method: 'DELETE', headers: { authorization: auth } }).catch(() => {});
    }
    const mongo = await MongoClient.connect(world.mongoUrl).catch(() => undefined);
    if (mongo) {
      const names = (await mongo.db().admin().listDatabases()).databases.map((d) => d.name).filter((n) => n.startsWith(`${world.id}_`));
      for (const name of names) {
        left.push(name);
        await mongo
          .db(name)
          .dropDatabase()
          .catch(() => {});
      }
      await mongo.close();
    } else left.push('mongo unreachable');
    const redis = new Redis(world.redisUrl);
    let cursor = '0';
    let keys = 0;
    do {
      const [next, found] = await redis.scan(cursor, 'MATCH', `${world.timerPrefix}:*`, 'COUNT', 2000);
      cursor = next;
      if (found.length > 0) keys += await redis.unlink(...found);
    } while (cursor !== '0');
    redis.disconnect();
    if (keys > 0) left.push(`${keys} Redis keys`);
    if (left.length === 0) return;
    if (attempt === 5) console.error(`[bench] world ${world.id} not fully removed: ${left.join(', ')}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** A private vhost/db/prefix, disposed at the end of the phase or by the global cleanup. */
async function withWorld(fn) {
  const world = await createTestWorld();
  const forget = onCleanup(() => disposeWorld(world));
  try {
    return await fn(world);
  } finally {
    forget();
    await disposeWorld(world);
  }
}

/** The queues a service declares at start, waited for before the bench uses them. */
const DECLARES = {
  broadcast: () => [
    SERVICE_QUEUE_NAMES.broadcastEvents,
    SERVICE_QUEUE_NAMES.broadcastReplies,
    ...allJobcentres().map((j) => jobcentreQueue(j.code)),
  ],
  'order-intake': () => [SERVICE_QUEUE_NAMES.orderIntakeEvents],
};

/** SIGTERM (graceful: in-flight work settles), SIGKILL if it takes longer than 15 s. */
async function stopService(svc) {
  const exited = await Promise.race([svc.stop().then(() => true), new Promise((r) => setTimeout(() => r(false), 15_000).unref())]);
  if (!exited) await svc.kill();
}

async function withService(world, name, env, fn) {
  const svc = await startService(world, name, { LOG_LEVEL: 'warn', ...env });
  const forget = onCleanup(() => stopService(svc));
  try {
    await waitForQueues(amqplib, world.amqpUrl, DECLARES[name]());
    return await fn(svc);
  } finally {
    forget();
    await stopService(svc);
  }
}

/** The round.order-broadcast messages of one round, byte for byte the shape broadcast sends (bus.publish). */
function roundMessages(recipients = RECIPIENTS, scope = 'national') {
  const orderId = randomUUID();
  const roundId = `${orderId}-1`;
  const deadline = new Date(Date.now() + 86_400_000).toISOString();
  return recipients.map((recipient) => {
    const id = randomUUID();
    const env = makeEnvelope(
      'round.order-broadcast',
      { roundId, orderId, leadJobcentre: LEAD, recipient, scope, deadline, order: orderBroadcastExample.order },
      { id, time: new Date(), source: '/services/broadcast', correlationId: orderId, subject: roundId },
    );
    return {
      routingKey: jobcentreQueue(recipient),
      body: Buffer.from(JSON.stringify(env)),
      props: {
        persistent: true,
        contentType: 'application/cloudevents+json',
        messageId: env.id,
        type: env.type,
        timestamp: Math.floor(Date.parse(env.time) / 1000),
        correlationId: orderId,
      },
    };
  });
}

/**
 * Raw amqplib on one confirm channel: the same 95 persistent messages per round to the same
 * quorum queues (declared by the project's declareTopology, same arguments), a round counting as
 * done when all its confirms are in, at most ROUNDS_IN_FLIGHT rounds at once. Clock stops when
 * the last message was confirmed AND delivered to the counting consumer (as for the whole path).
 */
async function baseline(rounds, latencyRounds) {
  return withWorld(async (world) => {
    const conn = await amqplib.connect(world.amqpUrl);
    conn.on('error', (err) => console.error(`[bench] baseline connection: ${err.message}`));
    try {
      const ch = await conn.createConfirmChannel();
      await declareTopology(
        ch,
        allJobcentres().map((j) => jobcentreQueueSpec(j.code)),
      );
      const prepared = Array.from({ length: rounds }, () => roundMessages());
      const expected = rounds * RECIPIENTS.length;
      let received = 0;
      let bytes = 0;
      let last = 0;
      let waiter;
      const consumer = await consumeQueues(amqplib, world.amqpUrl, QUEUES, (_q, body, at) => {
        received++;
        bytes += body.length;
        last = at;
        if (waiter && received >= waiter.target) waiter.resolve(at);
      });
      try {
        const started = nowMs();
        await new Promise((resolve, reject) => {
          let next = 0;
          let done = 0;
          const startRound = () => {
            const msgs = prepared[next++];
            let pending = msgs.length;
            for (const m of msgs) {
              ch.publish(EXCHANGES.jobcentres, m.routingKey, m.body, m.props, (err) => {
                if (err) return reject(new Error('baseline publish nacked'));
                if (--pending > 0) return;
                done++;
                if (next < rounds) startRound();
                else if (done === rounds) resolve();
              });
            }
          };
          for (let i = 0; i < Math.min(ROUNDS_IN_FLIGHT, rounds); i++) startRound();
        });
        const confirmed = nowMs();
        const ok = await waitUntil(() => received >= expected, { timeoutMs: 60_000, intervalMs: 10 });
        if (!ok) throw new Error(`baseline: only ${received} of ${expected} messages arrived`);
        const seconds = (Math.max(confirmed, last) - started) / 1000;
        const avgBytes = bytes / received;

        // Latency floor for the e2e figures: one round at a time, publish its messages (confirm
        // channel) → the last one delivered. The cooperation round has 15 recipients (HRS).
        const latency = {};
        for (const [scope, recipients] of [
          ['cooperation', recipientsFor('cooperation', LEAD)],
          ['national', RECIPIENTS],
        ]) {
          latency[scope] = [];
          for (let r = 0; r <= latencyRounds; r++) {
            const msgs = roundMessages(recipients, scope);
            const arrived = new Promise((resolve) => (waiter = { target: received + msgs.length, resolve }));
            const t0 = nowMs();
            for (const m of msgs) ch.publish(EXCHANGES.jobcentres, m.routingKey, m.body, m.props);
            const [at] = await Promise.all([
              Promise.race([
                arrived,
                new Promise((_, reject) => setTimeout(() => reject(new Error('baseline round did not arrive in 10 s')), 10_000).unref()),
              ]),
              ch.waitForConfirms(),
            ]);
            waiter = undefined;
            if (r > 0) latency[scope].push(at - t0); // the first round warms up
          }
        }
        return { rate: expected / seconds, messages: expected, seconds, avgBytes, latency };
      } finally {
        await consumer.close();
      }
    } finally {
      await conn.close().catch(() => {});
    }
  });
}

/**
 * Broadcast's production timer settings: a 48-hour window and reminders 24 h and 4 h before the
 * deadline (the default offsets). Session 3 ran with no reminders; each round now schedules its
 * deadline and both reminders, as in production.
 */
const BROADCAST_TIMERS = { REPLY_WINDOW_MODE: 'clock', REPLY_WINDOW_SECONDS: '172800', REMINDER_OFFSETS_SECONDS: '86400,14400' };

/**
 * Timer jobs in Redis per opened round, once every change is relayed (the relay adds a change's
 * timers together with its publishes, before it deletes the change).
 */
async function timerJobsPerRound(world, rounds) {
  const { MongoClient } = requireFrom('packages/db', 'mongodb');
  const { Redis } = requireFrom('packages/timers', 'ioredis');
  const { TIMER_QUEUES } = require('../../packages/contracts/dist');
  const mongo = await MongoClient.connect(world.mongoUrl);
  const redis = new Redis(world.redisUrl);
  try {
    const db = mongo.db(`${world.id}_broadcast`);
    const relayed = await waitUntil(async () => (await db.collection('rounds_changes').countDocuments()) === 0, {
      timeoutMs: 60_000,
      intervalMs: 200,
    });
    const opened = await db.collection('rounds').countDocuments();
    let jobs = 0;
    for (const queue of Object.values(TIMER_QUEUES)) jobs += await redis.zcard(`${world.timerPrefix}:${queue}:delayed`);
    return { perRound: opened > 0 ? jobs / opened : Number.NaN, jobs, opened, relayed, expected: rounds };
  } finally {
    redis.disconnect();
    await mongo.close();
  }
}

/**
 * The whole path: `rounds` order.registered events (national broadcast) published at once to a
 * started broadcast service; clock from the first publish to the last recipient message
 * delivered to the counting consumer. Then the timer jobs the rounds left in Redis are counted.
 */
async function wholePath(rounds) {
  return withWorld(async (world) =>
    withService(world, 'broadcast', BROADCAST_TIMERS, async () => {
      const expected = rounds * RECIPIENTS.length;
      let received = 0;
      let bytes = 0;
      let last = 0;
      const consumer = await consumeQueues(amqplib, world.amqpUrl, QUEUES, (_q, body, at) => {
        received++;
        bytes += body.length;
        last = at;
      });
      const conn = await amqplib.connect(world.amqpUrl);
      conn.on('error', (err) => console.error(`[bench] publisher connection: ${err.message}`));
      try {
        const ch = await conn.createConfirmChannel();
        const events = Array.from({ length: rounds }, () => {
          const orderId = randomUUID();
          const env = makeEnvelope(
            'order.registered',
            {
              orderId,
              leadJobcentre: LEAD,
              cooperation: 'HRS',
              registeredAt: new Date().toISOString(),
              order: orderBroadcastExample.order,
              broadcast: { scope: 'national' },
            },
            { id: randomUUID(), time: new Date(), source: '/services/order-intake', correlationId: orderId },
          );
          return { env, body: Buffer.from(JSON.stringify(env)) };
        });
        const started = nowMs();
        for (const { env, body } of events) {
          ch.publish(EXCHANGES.events, 'order.registered', body, {
            persistent: true,
            contentType: 'application/cloudevents+json',
            messageId: env.id,
            type: env.type,
            correlationId: env.correlationid,
          });
        }
        await ch.waitForConfirms();
        const ok = await waitUntil(() => received >= expected, { timeoutMs: Math.max(60_000, expected * 5), intervalMs: 20 });
        const end = ok ? last : nowMs();
        const seconds = (end - started) / 1000;
        return {
          timers: await timerJobsPerRound(world, rounds),
          rate: received / seconds,
          messages: received,
          expected,
          seconds,
          complete: ok,
          avgBytes: received ? bytes / received : 0,
        };
      } finally {
        await consumer.close();
        await conn.close().catch(() => {});
      }
    }),
  );
}

module.exports = { baseline, wholePath, withWorld, withService, BROADCAST_TIMERS, RECIPIENTS, QUEUES, LEAD, amqplib };
