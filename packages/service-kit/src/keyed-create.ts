import { createHash, randomUUID } from 'node:crypto';

/*
 * A create's Idempotency-Key in the handler. The edge replays a retry's answer from Redis
 * (idempotency.ts); these make a retry safe without that record too (Redis was down, the record
 * expired): the new thing's id is derived from the key, so its unique insert meets the first one.
 */

/** Who sent a create, as the edge names a principal (`role:sub`). */
interface Sender {
  role: string;
  sub: string;
}

export interface KeyedIdOptions {
  /** What is created (`need`, `inquiry`): one key may create one thing of each kind. Default none. */
  scope?: string;
  /**
   * Mark the id as a name-based UUID (version 5, RFC 9562 variant), so a strict UUID check
   * accepts it. Default true; upskilling-seat's courses and needs keep their unmarked ids so a
   * retry across an upgrade still meets the create it repeats.
   */
  uuidV5?: boolean;
}

/**
 * The id for a create: derived from the sender and its Idempotency-Key (the same on every
 * replica), or a random UUID when the request carries no key.
 */
export function keyedId(req: { get(name: string): string | undefined }, sender: Sender, options: KeyedIdOptions = {}): string {
  const key = req.get('idempotency-key');
  if (key === undefined) return randomUUID();
  const hex = createHash('sha256')
    .update(`${options.scope === undefined ? '' : `${options.scope}\n`}${sender.role}:${sender.sub}\n${key}`)
    .digest('hex');
  if (options.uuidV5 === false)
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  const variant = (8 | (Number.parseInt(hex[16] ?? '0', 16) & 3)).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The header telling a client that its create was answered by the first one (`Idempotency-Replayed: true`). */
export const replayedHeader = (replayed: boolean): Record<string, string> => (replayed ? { 'Idempotency-Replayed': 'true' } : {});
