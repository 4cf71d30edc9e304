import { z } from 'zod';
import { Instant, JobcentreCode, OrderId, RoundId } from './common';

/**
 * Why the platform refused a reply. RENAMING A CODE IS A CONTRACT CHANGE: connectors switch on them.
 */
export const REPLY_REFUSAL_REASONS = {
  'invalid-reply': {
    en: 'The reply does not match the schema of round.reply (e.g. "none" with candidates, or "candidates" with none)',
    da: 'Svaret passer ikke til skemaet for round.reply (fx "none" med kandidater eller "candidates" uden)',
  },
  'unknown-round': {
    en: 'No round with this id exists',
    da: 'Der findes ingen runde med dette id',
  },
  'not-a-recipient': {
    en: 'Your jobcentre was not asked in this round',
    da: 'Jeres jobcenter er ikke modtager i denne runde',
  },
} as const;
export type ReplyRefusalReason = keyof typeof REPLY_REFUSAL_REASONS;
export const ReplyRefusalReason = z.enum(Object.keys(REPLY_REFUSAL_REASONS) as [ReplyRefusalReason, ...ReplyRefusalReason[]]);

/**
 * broadcast → the sender's own queue: a round.reply from this jobcentre was refused and
 * dead-lettered; nothing of it was recorded. Fix and send a new reply (a new message id).
 */
export const RoundReplyRefused = z.object({
  /** The envelope id of the refused round.reply. */
  refusedMessageId: z.string().min(1).max(200),
  /** The jobcentre that sent it (its queue receives this). */
  recipient: JobcentreCode,
  /** The round and order the reply named, when they could be read from it. */
  roundId: RoundId.optional(),
  orderId: OrderId.optional(),
  reason: ReplyRefusalReason,
  /** The reason for a person, in English and Danish. */
  message: z.object({ en: z.string().min(1).max(500), da: z.string().min(1).max(500) }),
  /** Which fields were wrong, for `invalid-reply` (never their values). */
  detail: z.string().max(2000).optional(),
  refusedAt: Instant,
});
export type RoundReplyRefused = z.infer<typeof RoundReplyRefused>;

export const roundReplyRefusedExample: RoundReplyRefused = {
  refusedMessageId: '5d0b7a5e-8f1e-4f8e-9a57-1f0d3c2b9e44',
  recipient: 147,
  roundId: 'b3c1f7e2-3f0a-4a43-9f4e-2d9f3c1a7e10-1',
  orderId: 'b3c1f7e2-3f0a-4a43-9f4e-2d9f3c1a7e10',
  reason: 'not-a-recipient',
  message: REPLY_REFUSAL_REASONS['not-a-recipient'],
  refusedAt: '2026-11-25T12:00:01.000Z',
};
