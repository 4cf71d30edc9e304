#!/usr/bin/env node
import { loadConfig } from '@rs/config';
import { Command } from 'commander';
import pino from 'pino';
import { type Connector, createConnector } from '../connector';
import { demoAnswer, demoCvs, demoReply } from '../demo-pool';
import type { ShortlistCandidate } from '@rs/contracts';
import { runWebhook } from '../webhook/run-webhook';
import { runInbox } from '../inbox';
import { connectBus } from '@rs/bus';
import { cvPublisher } from '../cv-publisher';
import { openCvSource } from '../sync/cv-source';
import { progressView } from '../sync/progress-view';
import { runSync } from '../sync/run-sync';
import { brokerUrlFor } from './broker-url';
import { connectorVars, inboxVars, parseFlags, SyncFlags, syncVars, webhookVars } from './config';
import { doctorCommand } from './doctor-command';
import { registerSeatCommands } from './seats-command';

async function demo(): Promise<void> {
  const config = loadConfig(connectorVars, process.env);
  const logger = pino({ name: 'rs-connector', level: config.LOG_LEVEL });
  const behaviour = {
    silentShare: config.DEMO_SILENT_SHARE,
    noneShare: config.DEMO_NONE_SHARE,
    minDelayMs: config.DEMO_MIN_DELAY_MS,
    maxDelayMs: Math.max(config.DEMO_MIN_DELAY_MS, config.DEMO_MAX_DELAY_MS),
  };
  const timers = new Set<NodeJS.Timeout>();
  // Suggestions that came after the broadcast (round.shortlist), used when the reply is due.
  const lateShortlists = new Map<string, ShortlistCandidate[]>();
  const connectors: Connector[] = config.JOBCENTRES.map((code) => {
    const log = logger.child({ jobcentre: code });
    const connector: Connector = createConnector(
      { url: brokerUrlFor(config.AMQP_URL, code, config), jobcentre: code, logger: log },
      {
        'round.shortlist': async (late) => {
          lateShortlists.set(`${late.roundId}/${code}`, late.shortlist);
        },
        // The demo consultant answers every inquiry at once: its generated candidates are all available.
        'pool.candidate-inquiry': async (inquiry) => {
          await connector.answerInquiry({
            inquiryId: inquiry.inquiryId,
            candidateRef: inquiry.candidateRef,
            answer: 'available',
            note: 'Demo: kandidaten er til rådighed / the candidate is available',
          });
          log.info({ inquiryId: inquiry.inquiryId, fromJobcentre: inquiry.fromJobcentre }, 'inquiry answered');
        },
        'round.order-broadcast': async (order) => {
          const answer = demoAnswer(order, behaviour);
          log.info(
            { roundId: order.roundId, deadline: order.deadline, answer: answer?.reply.answer ?? 'silent', inMs: answer?.delayMs },
            'order received',
          );
          if (!answer) return;
          const timer = setTimeout(() => {
            timers.delete(timer);
            const key = `${order.roundId}/${code}`;
            const reply = demoReply(answer.reply, order.shortlist ?? lateShortlists.get(key));
            lateShortlists.delete(key);
            connector.reply(reply).then(
              () => log.info({ roundId: order.roundId, answer: answer.reply.answer }, 'replied'),
              (err: Error) => log.error({ err: err.message }, 'reply failed'),
            );
          }, answer.delayMs);
          timers.add(timer);
        },
      },
    );
    return connector;
  });
  if (config.DEMO_POOL_SIZE > 0) {
    // Each demo jobcentre shares its generated candidates, so matching has a pool to rank.
    await Promise.all(connectors.map((c) => c.upsertCvs(demoCvs(c.jobcentre, config.DEMO_POOL_SIZE))));
    for (const code of config.DEMO_SHARE_ONLY) {
      const bus = connectBus({
        url: brokerUrlFor(config.AMQP_URL, code, config),
        name: `demo-cvs-${code}`,
        logger: logger.child({ jobcentre: code }),
      });
      try {
        await cvPublisher(bus, code).upsertCvs(demoCvs(code, config.DEMO_POOL_SIZE));
      } finally {
        await bus.close();
      }
    }
  }
  logger.info(
    { jobcentres: config.JOBCENTRES, shareOnly: config.DEMO_SHARE_ONLY, poolPerJobcentre: config.DEMO_POOL_SIZE },
    'demo connectors running',
  );
  const stop = async () => {
    for (const t of timers) clearTimeout(t);
    await Promise.all(connectors.map((c) => c.stop()));
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

async function webhook(): Promise<void> {
  const config = loadConfig(webhookVars, process.env);
  const [code] = config.JOBCENTRES as [number];
  const logger = pino({ name: 'rs-connector', level: config.LOG_LEVEL }).child({ jobcentre: code });
  const runner = runWebhook({
    url: brokerUrlFor(config.AMQP_URL, code, config),
    jobcentre: code,
    webhookUrl: config.WEBHOOK_URL,
    logger,
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
    backoff: { maxWaitMs: config.WEBHOOK_MAX_WAIT_MS },
  });
  const stop = async () => {
    await runner.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

async function inbox(): Promise<void> {
  const config = loadConfig(inboxVars, process.env);
  const [code] = config.JOBCENTRES as [number];
  await runInbox({
    url: brokerUrlFor(config.AMQP_URL, code, config),
    jobcentre: code,
    stateFile: config.INBOX_STATE_FILE ?? `rs-inbox-${code}.json`,
    logger: pino({ name: 'rs-connector', level: config.LOG_LEVEL }, pino.destination(2)),
    input: process.stdin,
    output: process.stdout,
  });
  process.exit(0);
}

async function sync(source: string, options: unknown): Promise<void> {
  const flags = parseFlags(SyncFlags, options);
  const config = loadConfig(syncVars, process.env);
  const [code] = config.JOBCENTRES as [number];
  const logger = pino({ name: 'rs-connector', level: config.LOG_LEVEL }, pino.destination(2)).child({ jobcentre: code });
  const opened = await openCvSource(source, flags.format);
  const bus = connectBus({
    url: brokerUrlFor(config.AMQP_URL, code, config),
    name: `sync-${code}`,
    logger,
  });
  const view = progressView(process.stderr);
  const syncId = `sync-${new Date()
    .toISOString()
    .replace(/[^0-9]/g, '')
    .slice(0, 14)}-${code}`;
  let shown = 0;
  const publisher = cvPublisher(bus, code);
  try {
    const summary = await runSync({
      source: opened,
      publisher,
      syncId,
      batchSize: flags.batch,
      onProgress: (p) => view.update(p),
      onInvalid: (line, problem) => {
        // The first problems in full; the rest only counted, so a broken file does not flood the terminal.
        if (shown++ < 20) process.stderr.write(`line ${line}: ${problem}\n`);
      },
    });
    view.stop();
    process.stdout.write(
      `${summary.sent} CVs sent to the pool in ${summary.batches} batches (${(summary.ms / 1000).toFixed(1)} s), ${summary.invalid} invalid records skipped; sync id ${summary.syncId}\n`,
    );
    if (flags.full) {
      // A skipped record would look like a candidate who left: never prune after an imperfect file.
      if (summary.invalid > 0) process.stdout.write('not pruned (--full): fix the invalid records and sync again\n');
      else {
        await publisher.completeSync(summary.syncId, summary.distinct);
        process.stdout.write(`full sync: the pool keeps these ${summary.distinct} CVs of jobcentre ${code} and drops the others\n`);
      }
    }
    process.exitCode = summary.invalid > 0 ? 2 : 0;
  } finally {
    await bus.close();
  }
}

const program = new Command('rs-connector').description('A jobcentre connector for the recruitment service platform');
program.command('demo').description('answer broadcasts automatically from a generated candidate pool (used by npm start)').action(demo);
program
  .command('webhook')
  .description('POST every message to the local system at WEBHOOK_URL; its answer to a broadcast becomes the reply')
  .action(webhook);

program
  .command('inbox')
  .description('a terminal view of open broadcasts with their deadlines, to reply with candidates or "none"')
  .action(inbox);

program
  .command('sync')
  .description('send the CVs of a file (JSON lines or CSV) or an http(s) URL to the shared candidate pool, with progress')
  .argument('<source>', 'file path or http(s) URL')
  .option('--format <format>', 'csv or jsonl (default: from the extension or Content-Type)')
  .option('--batch <n>', 'CVs per message, 1-500', '500')
  .option('--full', "the source holds all of the jobcentre's candidates: the pool drops those not in it")
  .action(sync);

program.addCommand(doctorCommand(process.env));
registerSeatCommands(program, process.env);

program.parseAsync().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
