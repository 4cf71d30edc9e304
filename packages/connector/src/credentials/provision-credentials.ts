import { randomBytes } from 'node:crypto';
import { type ManagementClient, provisionJobcentreUser, setJobcentrePermissions } from '@rs/bus';
import { jobcentreUsername } from '@rs/contracts';
import { isJobcentre } from '@rs/reference-data';

/** 24 random bytes (192 bits), base64url: 32 characters that need no escaping in an AMQP URL. */
export const generatePassword = (): string => randomBytes(24).toString('base64url');

/** The jobcentre codes of the command line, or an error naming every argument that is not one. */
export function parseJobcentreCodes(args: readonly string[]): number[] {
  const bad = args.filter((a) => !/^\d{3}$/.test(a) || !isJobcentre(Number(a)));
  if (bad.length > 0)
    throw new Error(`not jobcentre codes: ${bad.join(', ')} (a jobcentre is named by its host municipality's code, e.g. 147)`);
  if (args.length === 0) throw new Error('name at least one jobcentre code');
  return [...new Set(args.map(Number))];
}

export interface CredentialsDeps {
  admin: ManagementClient;
  /** Whether the broker already has this user (the management client cannot tell yet). */
  userExists(user: string): Promise<boolean>;
  generatePassword?: () => string;
}

export interface ProvisionRequest {
  /** Where the permissions apply. Users are global in RabbitMQ, permissions are per vhost. */
  vhost: string;
  codes: readonly number[];
  /** Give existing users a new password too (without it their password is left alone). */
  rotate: boolean;
}

export interface ProvisionResult {
  /** code → the new password, for every user created or rotated. */
  passwords: Record<string, string>;
  /** Existing users whose permissions were set and whose password was left alone. */
  unchanged: number[];
  /** The first failure; later codes were not touched. Passwords set before it are in `passwords`. */
  failed?: { code: number; error: string };
}

/**
 * Creates the broker user of each jobcentre with a new strong password and its permissions, or,
 * for an existing user, sets its permissions and changes its password only when rotating (a
 * running connector keeps its open connection after a rotation, but cannot connect again with
 * the old password). Stops at the first failure and still returns the passwords already set, so
 * none is lost.
 */
export async function provisionCredentials(deps: CredentialsDeps, request: ProvisionRequest): Promise<ProvisionResult> {
  const generate = deps.generatePassword ?? generatePassword;
  const result: ProvisionResult = { passwords: {}, unchanged: [] };
  for (const code of request.codes) {
    try {
      if (!request.rotate && (await deps.userExists(jobcentreUsername(code)))) {
        await setJobcentrePermissions(deps.admin, request.vhost, code);
        result.unchanged.push(code);
        continue;
      }
      const password = generate();
      await provisionJobcentreUser(deps.admin, request.vhost, code, password);
      result.passwords[String(code)] = password;
    } catch (error) {
      result.failed = { code, error: (error as Error).message };
      break;
    }
  }
  return result;
}

/** Asks the RabbitMQ management API whether a user exists (GET /api/users/<name>). */
export function managementUserExists(managementUrl: string): (user: string) => Promise<boolean> {
  const parsed = new URL(managementUrl);
  const auth = `Basic ${Buffer.from(`${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`).toString('base64')}`;
  parsed.username = '';
  parsed.password = '';
  const base = parsed.toString().replace(/\/$/, '');
  return async (user) => {
    const res = await fetch(`${base}/api/users/${encodeURIComponent(user)}`, { headers: { authorization: auth } });
    if (res.status === 404) return false;
    if (!res.ok) throw new Error(`RabbitMQ management GET /users/${user}: ${res.status}`);
    return true;
  };
}
