import { z } from 'zod';

/**
 * The wire envelope: CloudEvents 1.0 attribute names, JSON structured mode.
 * `correlationid` (a CloudEvents extension, lower-case by the spec's naming rule) carries the
 * job order id so every message about one order can be followed across services.
 */
export const Envelope = z.object({
  specversion: z.literal('1.0'),
  /** Unique per message; consumers deduplicate on it. A re-send keeps the same id. */
  id: z.string().min(1).max(200),
  /** `dk.rekrutteringsservice.<name>.v<major>` */
  type: z.string().min(1).max(200),
  /** Who produced it: `/services/<service>` or `/jobcentres/<code>`. Informational only: the trusted sender is the AMQP user_id. */
  source: z.string().min(1).max(200),
  time: z.iso.datetime({ offset: true }),
  datacontenttype: z.literal('application/json').optional(),
  subject: z.string().max(200).optional(),
  correlationid: z.string().max(200).optional(),
  data: z.unknown(),
});
export type Envelope = z.infer<typeof Envelope>;

export const TYPE_PREFIX = 'dk.rekrutteringsservice.';

export function cloudEventType(name: string, version: number): string {
  return `${TYPE_PREFIX}${name}.v${version}`;
}

/** Splits `dk.rekrutteringsservice.round.reply.v1` into name and major version. */
export function parseCloudEventType(type: string): { name: string; version: number } | undefined {
  if (!type.startsWith(TYPE_PREFIX)) return undefined;
  const match = /^(.+)\.v(\d+)$/.exec(type.slice(TYPE_PREFIX.length));
  if (!match || !match[1] || !match[2]) return undefined;
  return { name: match[1], version: Number(match[2]) };
}
