import { createHash } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { type InquiryAnswer, makeEnvelope, routeOf } from '@rs/contracts';
import { type AnswerDecision, decideAnswer, type StoredAnswer } from '../domain/inquiry-answer';
import { type MatchingDeps, SOURCE } from './deps';

export type AnswerResult = Exclude<AnswerDecision, { kind: 'record' }> | { kind: 'recorded'; answer: StoredAnswer };

/** The id of the one pool.inquiry-answered message of an inquiry (the same from every replica and every retry). */
export function answeredMessageId(inquiryId: string): string {
  const hex = createHash('sha256').update(`${inquiryId}/pool.inquiry-answered`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The home jobcentre answers an inquiry (by connector or web page). Recorded once: the answer is
 * a unique insert under the inquiry's id (FerretDB's guarded updates have several winners, its
 * unique inserts one), written through the change log with its message to the asking
 * jobcentre's queue. Ten copies of one answer, or two replicas at once, record one answer and
 * send one message; the loser of a race decides again against the winner's answer.
 */
export async function answerInquiry(
  deps: Pick<MatchingDeps, 'inquiries' | 'now'>,
  sender: { jobcentre: number; by: string },
  answer: InquiryAnswer,
  messageId: string,
): Promise<AnswerResult> {
  const inquiry = await deps.inquiries.find(answer.inquiryId);
  const attempt = { sender: sender.jobcentre, by: sender.by, answer, messageId, at: deps.now() };
  const decision = decideAnswer(inquiry, inquiry && (await deps.inquiries.answerOf(answer.inquiryId)), attempt);
  if (decision.kind !== 'record') return decision;
  const { messageId: _carrier, ...answered } = decision.answer;
  const id = answeredMessageId(answered.inquiryId);
  const envelope = makeEnvelope('pool.inquiry-answered', answered, { id, time: attempt.at, source: SOURCE });
  const inserted = await deps.inquiries.insertAnswer(decision.answer, [
    { kind: 'publish', id, ...routeOf('pool.inquiry-answered', answered.fromJobcentre), envelope },
  ]);
  if (inserted) return { kind: 'recorded', answer: decision.answer };
  const again = decideAnswer(inquiry, await winnersAnswer(deps, answer.inquiryId), attempt);
  // Inserted by nobody and still absent: the inquiry was erased in between.
  return again.kind === 'record' ? { kind: 'refused', reason: 'unknown-inquiry' } : again;
}

/**
 * The answer of the writer that won the insert. Losing means its change is committed, but the
 * answer document is written just after it (the change log's order): read again for a moment
 * rather than call a winner's answer unknown. Absent with the inquiry gone: erased in between.
 */
async function winnersAnswer(deps: Pick<MatchingDeps, 'inquiries'>, inquiryId: string): Promise<StoredAnswer | undefined> {
  for (let attempt = 0; attempt < WINNER_READS; attempt++) {
    const winner = await deps.inquiries.answerOf(inquiryId);
    if (winner) return winner;
    if (!(await deps.inquiries.find(inquiryId))) return undefined;
    await delay(25 * (attempt + 1));
  }
  // Still being written after ~5 s: a transient state, retried by the caller (AMQP) or the client (503).
  throw new Error(`answer of inquiry ${inquiryId} is being written by another request; try again`);
}

const WINNER_READS = 20;
