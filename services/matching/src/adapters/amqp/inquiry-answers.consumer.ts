import { type Bus, consume, InvalidMessageError, type Rejection } from '@rs/bus';
import { type InquiryAnswerRefusalReason, jobcentreCodeOfUser, SERVICE_QUEUES } from '@rs/contracts';
import { jobcentre } from '@rs/reference-data';
import { answerInquiry } from '../../app/answer-inquiry';
import type { MatchingDeps } from '../../app/deps';
import { refuseInquiryAnswer } from '../../app/refuse-inquiry-answer';

/** The dead-letter reasons a jobcentre is told about, as the reason code of pool.inquiry-answer-refused. */
const TOLD: Record<string, InquiryAnswerRefusalReason> = {
  'invalid-data': 'invalid-answer',
  'unknown-inquiry': 'unknown-inquiry',
  'not-asked': 'not-asked',
  'wrong-candidate': 'wrong-candidate',
  'already-answered': 'already-answered',
};

/**
 * pool.inquiry-answer from connectors, like round replies: the sender is the broker-validated
 * user_id, never the body (a message without one, or from a user that is not a jobcentre, is
 * dead-lettered); an answer that is refused (invalid, another jobcentre's inquiry, answered
 * before with another answer) is dead-lettered with its reason and told to its sender, so a
 * connector never believes an answer recorded because the broker confirmed it.
 */
export function consumeInquiryAnswers(bus: Bus, deps: MatchingDeps) {
  return consume(
    bus,
    SERVICE_QUEUES.matchingInquiryAnswers,
    {
      'pool.inquiry-answer': async (data, ctx) => {
        const sender = jobcentreCodeOfUser(ctx.userId);
        if (sender === undefined) throw new InvalidMessageError(`user ${ctx.userId} is not a jobcentre`, 'unknown-sender');
        const result = await answerInquiry(deps, { jobcentre: sender, by: 'connector' }, data, ctx.envelope.id);
        if (result.kind === 'refused') throw new InvalidMessageError(`inquiry ${data.inquiryId}: ${result.reason}`, result.reason);
      },
    },
    { requireUserId: true, onRejected: (rejection) => tellSender(deps, rejection) },
  );
}

async function tellSender(deps: MatchingDeps, rejection: Rejection): Promise<void> {
  const reason = TOLD[rejection.code];
  const sender = jobcentreCodeOfUser(rejection.sender);
  // Only a real jobcentre has a queue to tell; a forged or unknown user has none.
  if (!reason || sender === undefined || !jobcentre(sender) || !rejection.envelope) return;
  await refuseInquiryAnswer(deps, {
    sender,
    messageId: rejection.envelope.id,
    reason,
    ...(reason === 'invalid-answer' ? { detail: rejection.detail } : {}),
    data: rejection.envelope.data,
  });
}
