import { EXCHANGES, jobcentreQueue, jobcentreUsername } from '@rs/contracts';
import type { ManagementClient } from './management';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * One broker user per jobcentre: it may read only its own queue, write only to the connectors
 * exchange, only with routing keys that start with its own user name, and configure nothing.
 * RabbitMQ validates user_id against this user, which makes it the trusted sender.
 */
export async function provisionJobcentreUser(admin: ManagementClient, vhost: string, code: number, password: string): Promise<void> {
  await admin.putUser(jobcentreUsername(code), password);
  await setJobcentrePermissions(admin, vhost, code);
}

/** The permissions of an existing jobcentre user on one vhost (users are global, permissions per vhost); its password is left alone. */
export async function setJobcentrePermissions(admin: ManagementClient, vhost: string, code: number): Promise<void> {
  const user = jobcentreUsername(code);
  await admin.setPermissions(vhost, user, {
    configure: '^$',
    write: `^${escapeRegExp(EXCHANGES.connectors)}$`,
    read: `^${escapeRegExp(jobcentreQueue(code))}$`,
  });
  await admin.setTopicPermissions(vhost, user, {
    exchange: EXCHANGES.connectors,
    write: `^${escapeRegExp(user)}\\.`,
    read: '^$',
  });
}
