import { z } from 'zod';
import { CandidateRef, OrderId, RoundId } from './common';

/** A candidate as the home jobcentre shares it: a pseudonymous reference, never a CPR number or a name. */
export const ProposedCandidate = z.object({
  candidateRef: CandidateRef,
  summary: z.string().min(1).max(2000),
  availableFrom: z.iso.date().optional(),
  note: z.string().max(1000).optional(),
});

/**
 * connector → replies: the recipient's answer to a round. The sender is the AMQP user_id
 * (validated by RabbitMQ), never a field of this body.
 */
export const RoundReply = z
  .object({
    roundId: RoundId,
    orderId: OrderId,
    answer: z.enum(['candidates', 'none']),
    candidates: z.array(ProposedCandidate).max(50),
  })
  .refine((r) => (r.answer === 'none') === (r.candidates.length === 0), {
    message: '"none" carries no candidates and "candidates" carries at least one',
    path: ['candidates'],
  });
export type RoundReply = z.infer<typeof RoundReply>;

export const roundReplyExample: RoundReply = {
  roundId: 'b3c1f7e2-3f0a-4a43-9f4e-2d9f3c1a7e10-1',
  orderId: 'b3c1f7e2-3f0a-4a43-9f4e-2d9f3c1a7e10',
  answer: 'candidates',
  candidates: [{ candidateRef: 'c-147-0042', summary: 'SOSU-assistent, 6 års erfaring', availableFrom: '2026-12-01' }],
};
