import { openParked, type ParkedMessage } from '@rs/bus';
import { commonVars, loadConfig } from '@rs/config';
import { Command } from 'commander';

/** Environment of `rs-admin unroutable`. */
const unroutableVars = {
  /**
   * Broker URL with an administrator's credentials, the path being the vhost, e.g.
   * amqp://admin:secret@127.0.0.1:5672/ (it reads rs.unroutable and publishes to rs.events).
   */
  AMQP_URL: commonVars.AMQP_URL,
};

const summary = (m: ParkedMessage) => ({ id: m.id, type: m.type, exchange: m.exchange, routingKey: m.routingKey });

/**
 * `rs-admin unroutable list | redrive [--type <cloudevents type>]`: the events their publishers
 * parked because no queue was bound for them. `list` changes nothing; `redrive` publishes each
 * (or those of one type) to where it was sent, and keeps parked whatever is still unroutable.
 */
export function unroutableCommand(env: Record<string, string | undefined>): Command {
  const command = new Command('unroutable').description(
    'events parked in rs.unroutable because no queue was bound for them (env: AMQP_URL)',
  );
  command
    .command('list')
    .description('print each parked event as a JSON line {id, type, exchange, routingKey}; changes nothing')
    .action(async () => {
      const session = await openParked(loadConfig(unroutableVars, env).AMQP_URL);
      try {
        for (const m of await session.read()) process.stdout.write(`${JSON.stringify(summary(m))}\n`);
      } finally {
        await session.close();
      }
    });
  command
    .command('redrive')
    .description('publish parked events to where they were sent; those still unroutable stay parked')
    .option('--type <type>', 'only events of this CloudEvents type, e.g. dk.rekrutteringsservice.round.completed.v1')
    .action(async (options: { type?: string }) => {
      const session = await openParked(loadConfig(unroutableVars, env).AMQP_URL);
      const counts = { redriven: 0, 'still-unroutable': 0 };
      try {
        for (const m of await session.read()) {
          if (options.type && m.type !== options.type) continue;
          const outcome = await session.redrive(m);
          counts[outcome]++;
          process.stdout.write(`${JSON.stringify({ ...summary(m), outcome })}\n`);
        }
      } finally {
        await session.close();
      }
      console.error(`redriven: ${counts.redriven}, still unroutable (kept parked): ${counts['still-unroutable']}`);
      if (counts['still-unroutable'] > 0) process.exitCode = 1;
    });
  return command;
}
