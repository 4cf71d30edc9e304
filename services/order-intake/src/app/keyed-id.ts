import { createHash } from 'node:crypto';

/**
 * A UUID-shaped id from what names a request once (kind, who sent it, their Idempotency-Key or
 * the telephony system's call id): a retry that the edge's Redis record no longer guards meets
 * the first record at the database's unique key instead of making a second.
 */
export function keyedId(kind: string, ...parts: string[]): string {
  const hex = createHash('sha256')
    .update([kind, ...parts].join('\n'))
    .digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
