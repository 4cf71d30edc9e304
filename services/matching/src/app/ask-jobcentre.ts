import { type CandidateInquiry, makeEnvelope, routeOf } from '@rs/contracts';
import { isVisible } from '../domain/visibility';
import { type MatchingDeps, SOURCE } from './deps';

export interface Asker {
  sub: string;
  jobcentre: number;
}

export interface InquiryInput {
  /** The candidate's home jobcentre: whom the question goes to. */
  jobcentre: number;
  candidateRef: string;
  orderId?: string | undefined;
  company?: string | undefined;
  question: string;
}

export type AskResult =
  | { kind: 'created' | 'existing'; inquiry: CandidateInquiry }
  /** Not in the pool, or not visible there: the asker could not have found it in a search. */
  | { kind: 'unknown-candidate' }
  /** The asker's own jobcentre's candidate: nobody to ask. */
  | { kind: 'own-candidate' };

/**
 * A consultant asks a candidate's home jobcentre about that candidate (R13). Only about a
 * candidate the pool shows now (what a search could have returned); stored once under its id
 * (the idempotency key's, so a retry sends nothing twice) with the message to the home
 * jobcentre's own queue, relayed from the change log.
 */
export async function askJobcentre(
  deps: Pick<MatchingDeps, 'pool' | 'inquiries' | 'now'>,
  asker: Asker,
  input: InquiryInput,
  inquiryId: string,
): Promise<AskResult> {
  if (input.jobcentre === asker.jobcentre) return { kind: 'own-candidate' };
  const earlier = await deps.inquiries.find(inquiryId);
  if (earlier) return { kind: 'existing', inquiry: earlier };
  const cv = await deps.pool.find(input.jobcentre, input.candidateRef);
  if (!cv || !isVisible(cv.visibility)) return { kind: 'unknown-candidate' };
  const now = deps.now();
  const inquiry: CandidateInquiry = {
    inquiryId,
    toJobcentre: input.jobcentre,
    candidateRef: input.candidateRef,
    fromJobcentre: asker.jobcentre,
    askedBy: asker.sub,
    ...(input.orderId ? { orderId: input.orderId } : {}),
    ...(input.company ? { company: input.company } : {}),
    question: input.question,
    askedAt: now.toISOString(),
  };
  // The envelope id is the inquiry's: one inquiry, one message, however often it is relayed.
  const envelope = makeEnvelope('pool.candidate-inquiry', inquiry, {
    id: inquiryId,
    time: now,
    source: SOURCE,
    ...(inquiry.orderId ? { correlationId: inquiry.orderId } : {}),
  });
  const inserted = await deps.inquiries.insert(inquiry, [
    { kind: 'publish', id: inquiryId, ...routeOf('pool.candidate-inquiry', input.jobcentre), envelope },
  ]);
  if (inserted) return { kind: 'created', inquiry };
  const raced = await deps.inquiries.find(inquiryId);
  return raced ? { kind: 'existing', inquiry: raced } : { kind: 'created', inquiry };
}

/** The inquiries a jobcentre received or sent, newest first. */
export function listInquiries(deps: Pick<MatchingDeps, 'inquiries'>, direction: 'to' | 'from', jobcentre: number, limit: number) {
  return deps.inquiries.list(direction, jobcentre, limit);
}
