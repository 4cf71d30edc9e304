#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { ConfigError, loadConfig } from '@rs/config';
import { jobcentreUsername } from '@rs/contracts';
import { Command } from 'commander';
import pino from 'pino';
import { type Connector, createConnector } from '../connector';
import { demoAnswer } from '../demo-pool';
import { connectorVars, PasswordsFile } from './config';

function urlFor(base: string, code: number, passwords: Record<string, string> | undefined): string {
  const url = new URL(base);
  if (url.username) return base;
  const password = passwords?.[String(code)];
  if (!password) throw new ConfigError([`CONNECTOR_PASSWORDS_FILE: no password for jobcentre ${code}`]);
  url.username = jobcentreUsername(code);
  url.password = password;
  return url.toString();
}

async function demo(): Promise<void> {
  const config = loadConfig(connectorVars, process.env);
  const logger = pino({ name: 'rs-connector', level: config.LOG_LEVEL });
  const passwords = config.CONNECTOR_PASSWORDS_FILE
    ? PasswordsFile.parse(JSON.parse(readFileSync(config.CONNECTOR_PASSWORDS_FILE, 'utf8')))
    : undefined;
  const behaviour = {
    silentShare: config.DEMO_SILENT_SHARE,
    noneShare: config.DEMO_NONE_SHARE,
    minDelayMs: config.DEMO_MIN_DELAY_MS,
    maxDelayMs: Math.max(config.DEMO_MIN_DELAY_MS, config.DEMO_MAX_DELAY_MS),
  };
  const timers = new Set<NodeJS.Timeout>();
  const connectors: Connector[] = config.JOBCENTRES.map((code) => {
    const log = logger.child({ jobcentre: code });
    const connector: Connector = createConnector(
      { url: urlFor(config.AMQP_URL, code, passwords), jobcentre: code, logger: log },
      {
        'round.order-broadcast': async (order) => {
          const answer = demoAnswer(order, behaviour);
          log.info(
            { roundId: order.roundId, deadline: order.deadline, answer: answer?.reply.answer ?? 'silent', inMs: answer?.delayMs },
            'order received',
          );
          if (!answer) return;
          const timer = setTimeout(() => {
            timers.delete(timer);
            connector.reply(answer.reply).then(
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
  logger.info({ jobcentres: config.JOBCENTRES }, 'demo connectors running');
  const stop = async () => {
    for (const t of timers) clearTimeout(t);
    await Promise.all(connectors.map((c) => c.stop()));
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

const program = new Command('rs-connector').description('A jobcentre connector for the recruitment service platform');
program.command('demo').description('answer broadcasts automatically from a generated candidate pool (used by npm start)').action(demo);

program.parseAsync().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
