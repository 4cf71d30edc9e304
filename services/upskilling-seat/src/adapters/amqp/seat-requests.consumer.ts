import { type Bus, consume, InvalidMessageError, type Rejection } from '@rs/bus';
import { type Envelope, jobcentreCodeOfUser, SERVICE_QUEUES, type SeatRefusalReason } from '@rs/contracts';
import { jobcentre } from '@rs/reference-data';
import { type ApplyResult, UnknownCourseError } from '../../app/apply-to-course';
import type { UpskillingDeps } from '../../app/deps';
import { refuseRequest } from '../../app/refuse-request';
import { requestSeats, withdrawSeats } from '../../app/request-seats';

/** The course rules a jobcentre is told about, as seat.request-refused reason codes (each one of them). */
const TOLD: Record<string, SeatRefusalReason> = {
  'invalid-data': 'invalid-request',
  'unknown-course': 'unknown-course',
  'not-in-scope': 'not-in-scope',
  'window-closed': 'window-closed',
  'over-budget': 'over-budget',
  'over-seats': 'over-seats',
  'too-many-candidates': 'too-many-candidates',
  'declined-candidate': 'declined-candidate',
  'no-request': 'no-request',
  'kept-candidate': 'kept-candidate',
  'over-allocated': 'over-allocated',
};

/**
 * seat.request and seat.withdraw from connectors. The sender is the broker-validated user_id,
 * never the body: a message without one, or from a user that is not a jobcentre, is
 * dead-lettered. A request the course's rules refuse (over budget, window closed, unknown course…)
 * is an ordinary answer, not a poison message: the sender is told (seat.request-refused with the
 * reason and the figures in both languages) and the message is acked, so dead letters stay for
 * what no one can act on. Only a body that fails the schema is dead-lettered (and told).
 */
export function consumeSeatRequests(bus: Bus, deps: UpskillingDeps) {
  const sender = (userId: string | undefined) => {
    const code = jobcentreCodeOfUser(userId);
    if (code === undefined) throw new InvalidMessageError(`user ${userId} is not a jobcentre`, 'unknown-sender');
    return code;
  };
  const answered = async (from: number, envelope: Envelope, run: () => Promise<ApplyResult>): Promise<void> => {
    let told: { reason: SeatRefusalReason; en: string; da: string };
    try {
      const result = await run();
      if (result.outcome !== 'refused') return;
      const reason = TOLD[result.refusal.rule];
      if (!reason) throw new InvalidMessageError(result.refusal.message.en, result.refusal.rule);
      told = { reason, ...result.refusal.message };
    } catch (error) {
      if (!(error instanceof UnknownCourseError)) throw error;
      told = { reason: 'unknown-course', en: error.message, da: 'Kurset findes ikke' };
    }
    // Only a real jobcentre has a queue to tell; a message from any other user is a dead letter.
    if (!jobcentre(from)) throw new InvalidMessageError(told.en, told.reason);
    await refuseRequest(deps, {
      sender: from,
      messageId: envelope.id,
      reason: told.reason,
      detail: told.en,
      detailDa: told.da,
      data: envelope.data,
    });
  };
  return consume(
    bus,
    SERVICE_QUEUES.upskillingRequests,
    {
      'seat.request': (data, ctx) => {
        const from = sender(ctx.userId);
        const delivery = { messageId: ctx.envelope.id, sentAt: new Date(ctx.envelope.time) };
        return answered(from, ctx.envelope, () =>
          requestSeats(
            deps,
            from,
            data.courseId,
            { seats: data.seats, ...(data.candidates ? { candidates: data.candidates } : {}) },
            delivery,
          ),
        );
      },
      'seat.withdraw': (data, ctx) => {
        const from = sender(ctx.userId);
        const delivery = { messageId: ctx.envelope.id, sentAt: new Date(ctx.envelope.time) };
        return answered(from, ctx.envelope, () => withdrawSeats(deps, from, data.courseId, delivery));
      },
    },
    { requireUserId: true, onRejected: (rejection) => tellSender(deps, rejection) },
  );
}

async function tellSender(deps: UpskillingDeps, rejection: Rejection): Promise<void> {
  const reason = TOLD[rejection.code];
  const code = jobcentreCodeOfUser(rejection.sender);
  // Only a real jobcentre has a queue to tell; a forged or unknown user has none.
  if (!reason || code === undefined || !jobcentre(code) || !rejection.envelope) return;
  await refuseRequest(deps, {
    sender: code,
    messageId: rejection.envelope.id,
    reason,
    detail: rejection.detail,
    data: rejection.envelope.data,
  });
}
