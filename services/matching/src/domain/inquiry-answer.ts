import type { CandidateInquiry, InquiryAnswer, InquiryAnswered, InquiryAnswerRefusalReason } from '@rs/contracts';

/** An answer as matching stores it: the message to the asker, and the id of what carried it (a connector's envelope, a web form's key). */
export interface StoredAnswer extends InquiryAnswered {
  messageId: string;
}

export type AnswerDecision =
  | { kind: 'record'; answer: StoredAnswer }
  /** The same answer again (a redelivery, a re-sent copy, a form sent twice): nothing changes. */
  | { kind: 'duplicate'; answer: StoredAnswer }
  | { kind: 'refused'; reason: Exclude<InquiryAnswerRefusalReason, 'invalid-answer'> };

export interface AnswerAttempt {
  /** The answering jobcentre: the broker-validated user_id, or the signed-in consultant's token. */
  sender: number;
  /** `connector`, or the consultant's user id. */
  by: string;
  answer: InquiryAnswer;
  messageId: string;
  at: Date;
}

const sameAnswer = (a: Pick<StoredAnswer, 'answer' | 'note'>, b: Pick<InquiryAnswer, 'answer' | 'note'>) =>
  a.answer === b.answer && (a.note ?? '') === (b.note ?? '');

/**
 * Whether an answer to an inquiry is recorded. Only the jobcentre the inquiry was sent to
 * answers it, about the candidate it names; the first answer stands (it was told to the asker),
 * so a later, different one is refused, and the same one again changes nothing.
 */
export function decideAnswer(
  inquiry: CandidateInquiry | undefined,
  recorded: StoredAnswer | undefined,
  attempt: AnswerAttempt,
): AnswerDecision {
  if (!inquiry) return { kind: 'refused', reason: 'unknown-inquiry' };
  if (inquiry.toJobcentre !== attempt.sender) return { kind: 'refused', reason: 'not-asked' };
  if (inquiry.candidateRef !== attempt.answer.candidateRef) return { kind: 'refused', reason: 'wrong-candidate' };
  if (recorded) {
    return recorded.messageId === attempt.messageId || sameAnswer(recorded, attempt.answer)
      ? { kind: 'duplicate', answer: recorded }
      : { kind: 'refused', reason: 'already-answered' };
  }
  const { note } = attempt.answer;
  return {
    kind: 'record',
    answer: {
      inquiryId: inquiry.inquiryId,
      candidateRef: inquiry.candidateRef,
      toJobcentre: inquiry.toJobcentre,
      fromJobcentre: inquiry.fromJobcentre,
      askedBy: inquiry.askedBy,
      answer: attempt.answer.answer,
      ...(note ? { note } : {}),
      answeredBy: attempt.by,
      answeredAt: attempt.at.toISOString(),
      messageId: attempt.messageId,
    },
  };
}
