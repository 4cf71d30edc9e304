import { OrderSummary, ProposedCandidate, SCOPE_IDS } from '@rs/contracts';
import { z } from 'zod';
import type { RecipientState, Round } from '../../domain/round';

/** The response schemas of the round routes: what `view` and a recipient's view hold. */
const RecipientView = z.object({
  jobcentre: z.number().int(),
  status: z.enum(['pending', 'replied', 'overdue']),
  answer: z.enum(['candidates', 'none']).optional(),
  candidates: z.array(ProposedCandidate).optional(),
  repliedAt: z.string().optional(),
  late: z.boolean().optional(),
});

export const RoundView = z
  .object({
    id: z.string(),
    orderId: z.string(),
    leadJobcentre: z.number().int(),
    /** When the lead took over by a handover; absent while the first lead leads. */
    leadSince: z.string().optional(),
    scope: z.enum(SCOPE_IDS),
    order: OrderSummary,
    openedAt: z.string(),
    deadline: z.string(),
    status: z.enum(['open', 'complete', 'closed']),
    completedAt: z.string().optional(),
    closedAt: z.string().optional(),
    closeReason: z.enum(['filled', 'cancelled', 'unfilled']).optional(),
    recipients: z.array(RecipientView),
    shortlistsDelivered: z.boolean().optional(),
    shortlistVersion: z.string().optional(),
    summary: z.object({
      replied: z.array(z.number().int()),
      overdue: z.array(z.number().int()),
      pending: z.array(z.number().int()),
      candidateCount: z.number().int(),
    }),
    proposedNextScope: z.enum(SCOPE_IDS).nullable(),
  })
  .meta({ id: 'Round' });

/** What a recipient that is not the lead sees: the round and its own entry. */
export const RecipientRoundView = z
  .object({
    id: z.string(),
    orderId: z.string(),
    scope: z.enum(SCOPE_IDS),
    deadline: z.string(),
    status: z.enum(['open', 'complete', 'closed']),
    order: OrderSummary,
    own: RecipientView,
  })
  .meta({ id: 'RecipientRound' });

/** A round as its recipient `own` sees it (RecipientRoundView): never other jobcentres' entries. */
export const recipientView = (round: Round, own: RecipientState) => ({
  id: round.id,
  orderId: round.orderId,
  scope: round.scope,
  deadline: round.deadline,
  status: round.status,
  order: round.order,
  own,
});
