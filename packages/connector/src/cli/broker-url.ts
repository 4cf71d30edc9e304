import { readFileSync } from 'node:fs';
import { ConfigError } from '@rs/config';
import { jobcentreUsername } from '@rs/contracts';
import { PasswordsFile } from './config';

/** Where a jobcentre's broker password may come from when AMQP_URL carries none. */
export interface BrokerSecrets {
  /** AMQP_PASSWORD_FILE: one jobcentre's password, e.g. a Docker secret. */
  AMQP_PASSWORD_FILE?: string | undefined;
  /** CONNECTOR_PASSWORDS_FILE: {"147": "…"} for several jobcentres in one process. */
  CONNECTOR_PASSWORDS_FILE?: string | undefined;
}

// A secret file written by `echo` or an editor ends with a line break that is not part of it.
const readSecret = (file: string) => readFileSync(file, 'utf8').replace(/[\r\n]+$/, '');

/** Reads a secret file named by a variable; a missing or empty one is a configuration problem naming the variable. */
export function secretFromFile(variable: string, file: string): string {
  let value: string;
  try {
    value = readSecret(file);
  } catch (error) {
    throw new ConfigError([`${variable}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`]);
  }
  if (!value) throw new ConfigError([`${variable}: ${file} is empty`]);
  return value;
}

/**
 * The broker URL of one jobcentre: AMQP_URL as given when it carries a user, else with
 * jobcentre-<code> and the password from AMQP_PASSWORD_FILE or CONNECTOR_PASSWORDS_FILE.
 */
export function brokerUrlFor(base: string, code: number, secrets: BrokerSecrets): string {
  const url = new URL(base);
  if (url.username) return base;
  let password: string | undefined;
  if (secrets.AMQP_PASSWORD_FILE) password = secretFromFile('AMQP_PASSWORD_FILE', secrets.AMQP_PASSWORD_FILE);
  else if (secrets.CONNECTOR_PASSWORDS_FILE) {
    const file = secrets.CONNECTOR_PASSWORDS_FILE;
    password = PasswordsFile.parse(JSON.parse(secretFromFile('CONNECTOR_PASSWORDS_FILE', file)))[String(code)];
    if (!password) throw new ConfigError([`CONNECTOR_PASSWORDS_FILE: no password for jobcentre ${code}`]);
  }
  if (!password)
    throw new ConfigError([`AMQP_URL: has no credentials; give them in the URL, AMQP_PASSWORD_FILE or CONNECTOR_PASSWORDS_FILE`]);
  url.username = jobcentreUsername(code);
  url.password = password;
  return url.toString();
}
