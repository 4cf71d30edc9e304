import { type Bus, consume, InvalidMessageError, type Rejection } from '@rs/bus';
import { jobcentreCodeOfUser, SERVICE_QUEUES, type SeatRefusalReason } from '@rs/contracts';
import { jobcentre } from '@rs/reference-data';
import { type ApplyResult, UnknownCourseError } from '../../app/apply-to-course';
import type { UpskillingDeps } from '../../app/deps';
import { refuseRequest } from '../../app/refuse-request';
import { requestSeats, withdrawSeats } from '../../app/request-seats';

/** The dead-letter reasons a jobcentre is told about, as seat.request-refused reason codes. */
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
};

/** A refusal by the course's rules becomes a dead letter with the rule as its reason (and the sender is told). */
function settle(result: ApplyResult): void {
  if (result.outcome === 'refused') throw new InvalidMessageError(result.refusal.message.en, result.refusal.rule);
}

async function guarded(run: () => Promise<ApplyResult>): Promise<void> {
  try {
    settle(await run());
  } catch (error) {
    if (error instanceof UnknownCourseError) throw new InvalidMessageError(error.message, 'unknown-course');
    throw error;
  }
}

/**
 * seat.request and seat.withdraw from connectors. The sender is the broker-validated user_id,
 * never the body: a message without one, or from a user that is not a jobcentre, is
 * dead-lettered. A refused request from a real jobcentre is told to it (seat.request-refused
 * with the reason and figures), so a connector never takes the broker's confirm for a recorded request.
 */
export function consumeSeatRequests(bus: Bus, deps: UpskillingDeps) {
  const sender = (userId: string | undefined) => {
    const code = jobcentreCodeOfUser(userId);
    if (code === undefined) throw new InvalidMessageError(`user ${userId} is not a jobcentre`, 'unknown-sender');
    return code;
  };
  return consume(
    bus,
    SERVICE_QUEUES.upskillingRequests,
    {
      'seat.request': (data, ctx) =>
        guarded(() =>
          requestSeats(deps, sender(ctx.userId), data.courseId, { seats: data.seats, candidates: data.candidates }, ctx.envelope.id),
        ),
      'seat.withdraw': (data, ctx) => guarded(() => withdrawSeats(deps, sender(ctx.userId), data.courseId, ctx.envelope.id)),
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
