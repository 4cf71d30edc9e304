import { z } from 'zod';
import { CandidateRef, OrderId, RoundId } from './common';

/** A candidate as the home jobcentre shares it: a pseudonymous reference, never a CPR number or a name. */
export const ProposedCandidate = z.object({
  candidateRef: CandidateRef,
  summary: z.string().min(1).max(2000),
  availableFrom: z.iso.date().optional(),
  note: z.string().max(1000).optional(),
});

const replyFields = { roundId: RoundId, orderId: OrderId };

/**
 * connector → replies: the recipient's answer to a round. The sender is the AMQP user_id
 * (validated by RabbitMQ), never a field of this body. A union on `answer` rather than a
 * refinement, so the published JSON Schema says as much as the platform checks: a reply that
 * passes it is never dead-lettered for its shape.
 */
export const RoundReply = z.discriminatedUnion('answer', [
  z.object({
    ...replyFields,
    /** Candidates proposed: 1–50. */
    answer: z.literal('candidates'),
    candidates: z.array(ProposedCandidate).min(1).max(50),
  }),
  z.object({
    ...replyFields,
    /** Explicitly "no qualified candidates": the list is empty. */
    answer: z.literal('none'),
    candidates: z.array(ProposedCandidate).max(0),
  }),
]);
export type RoundReply = z.infer<typeof RoundReply>;

export const roundReplyExample: RoundReply = {
  roundId: 'b3c1f7e2-3f0a-4a43-9f4e-2d9f3c1a7e10-1',
  orderId: 'b3c1f7e2-3f0a-4a43-9f4e-2d9f3c1a7e10',
  answer: 'candidates',
  candidates: [{ candidateRef: 'c-147-0042', summary: 'SOSU-assistent, 6 års erfaring', availableFrom: '2026-12-01' }],
};
