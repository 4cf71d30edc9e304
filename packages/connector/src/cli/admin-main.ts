#!/usr/bin/env node
import { loadConfig } from '@rs/config';
import { managementClient } from '@rs/bus';
import { Command } from 'commander';
import { unroutableCommand } from '../admin/unroutable-command';
import { deadLettersCommand } from '../admin/dead-letters-command';
import { managementUserExists, parseJobcentreCodes, provisionCredentials } from '../credentials/provision-credentials';
import { adminVars } from './config';

/**
 * `rs-admin provision <codes...>`: broker users for jobcentres. The new passwords go to stdout
 * as one JSON object {"147": "…"} (for the operator to hand over or pipe into a secret store);
 * stderr says what was done and never carries a password.
 */
async function provision(codes: string[], options: { vhost: string; rotate?: boolean }): Promise<void> {
  const config = loadConfig(adminVars, process.env);
  const request = { vhost: options.vhost, codes: parseJobcentreCodes(codes), rotate: options.rotate === true };
  const result = await provisionCredentials(
    { admin: managementClient(config.RABBITMQ_MGMT_URL), userExists: managementUserExists(config.RABBITMQ_MGMT_URL) },
    request,
  );
  process.stdout.write(`${JSON.stringify(result.passwords, null, 2)}\n`);
  const changed = Object.keys(result.passwords);
  if (changed.length > 0)
    console.error(`${request.rotate ? 'new password for' : 'created'}: ${changed.join(', ')} (vhost ${request.vhost})`);
  if (result.unchanged.length > 0)
    console.error(`already existed, permissions set, password unchanged (use --rotate to change it): ${result.unchanged.join(', ')}`);
  if (result.failed) {
    console.error(`failed at ${result.failed.code}: ${result.failed.error}; codes after it were not touched`);
    process.exitCode = 1;
  }
}

const program = new Command('rs-admin').description(
  'Administration of the recruitment service platform (env: RABBITMQ_MGMT_URL; dead-letters: AMQP_URL)',
);
program
  .command('provision')
  .description("create each jobcentre's broker user with its permissions and a new password; prints {code: password} as JSON")
  .argument('<codes...>', 'jobcentre codes, e.g. 147 101')
  .option('--vhost <vhost>', 'RabbitMQ vhost the permissions apply to', '/')
  .option('--rotate', 'also give existing users a new password (their running connectors must restart with it)')
  .action(provision);
program.addCommand(unroutableCommand(process.env));
program.addCommand(deadLettersCommand(process.env));

program.parseAsync().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
