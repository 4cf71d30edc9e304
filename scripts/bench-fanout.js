// Minimal fan-out benchmark (see shared BENCH.md): the whole path (order.registered → broadcast →
// 95 jobcentre queues, with confirms) beside raw amqplib publishing the same fan-out to the same
// kind of queues, same broker, same run. Loopback only, bounded, cleans up after itself.
const { randomUUID } = require('node:crypto');
const { writeFileSync } = require('node:fs');
const amqplib = require(require.resolve('amqplib', { paths: [`${__dirname}/../packages/bus`] }));
const { declareTopology } = require('../packages/bus/dist');
const { EXCHANGES, jobcentreQueue, jobcentreQueueSpec, makeEnvelope, orderBroadcastExample } = require('../packages/contracts/dist');
const { allJobcentres, recipientsFor } = require('../packages/reference-data/dist');
const { createTestWorld, startService, waitFor } = require('../packages/testkit/dist');

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const jsonFile = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
const ROUNDS = quick ? 10 : 40;
const LEAD = 101;
const RECIPIENTS = recipientsFor('national', LEAD);

async function depthOf(ch, queues) {
  let total = 0;
  for (const q of queues) total += (await ch.checkQueue(q)).messageCount;
  return total;
}

async function baseline(world) {
  const conn = await amqplib.connect(world.amqpUrl);
  const ch = await conn.createConfirmChannel();
  await declareTopology(
    ch,
    allJobcentres().map((j) => jobcentreQueueSpec(j.code)),
  );
  const started = process.hrtime.bigint();
  for (let r = 0; r < ROUNDS; r++) {
    for (const code of RECIPIENTS) {
      const env = makeEnvelope(
        'round.order-broadcast',
        { ...orderBroadcastExample, recipient: code, scope: 'national' },
        { id: randomUUID(), time: new Date(), source: '/bench' },
      );
      ch.publish(EXCHANGES.jobcentres, jobcentreQueue(code), Buffer.from(JSON.stringify(env)), { persistent: true, messageId: env.id });
    }
    await ch.waitForConfirms();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  for (const code of RECIPIENTS) await ch.purgeQueue(jobcentreQueue(code));
  await conn.close();
  return (ROUNDS * RECIPIENTS.length) / seconds;
}

async function wholePath(world) {
  const broadcast = await startService(world, 'broadcast', {
    REPLY_WINDOW_MODE: 'clock',
    REMINDER_OFFSETS_SECONDS: 'none',
    LOG_LEVEL: 'warn',
  });
  const conn = await amqplib.connect(world.amqpUrl);
  const ch = await conn.createConfirmChannel();
  const queues = RECIPIENTS.map(jobcentreQueue);
  const started = process.hrtime.bigint();
  for (let r = 0; r < ROUNDS; r++) {
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
      { id: randomUUID(), time: new Date(), source: '/bench', correlationId: orderId },
    );
    ch.publish(EXCHANGES.events, 'order.registered', Buffer.from(JSON.stringify(env)), { persistent: true, messageId: env.id });
  }
  await ch.waitForConfirms();
  const expected = ROUNDS * RECIPIENTS.length;
  await waitFor(async () => (await depthOf(ch, queues)) >= expected, {
    timeoutMs: 300_000,
    intervalMs: 200,
    what: 'every recipient message',
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await conn.close();
  await broadcast.stop();
  return expected / seconds;
}

(async () => {
  const world = await createTestWorld();
  try {
    const base = await baseline(world);
    const path = await wholePath(world);
    const figures = [
      { name: 'fanout.baseline.throughput', value: Math.round(base), unit: 'msg/s' },
      { name: 'fanout.throughput', value: Math.round(path), unit: 'msg/s' },
    ];
    console.log(
      `fanout.baseline.throughput  ${Math.round(base)} msg/s   (raw amqplib, confirms, ${ROUNDS} national fan-outs of ${RECIPIENTS.length})`,
    );
    console.log(
      `fanout.throughput           ${Math.round(path)} msg/s   (baseline ${Math.round(base)}, ratio ${(path / base).toFixed(2)}, aim ≥ 0.50)`,
    );
    if (jsonFile) writeFileSync(jsonFile, `${JSON.stringify(figures, null, 2)}\n`);
  } finally {
    await world.dispose();
  }
  process.exit(0);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
