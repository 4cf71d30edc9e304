import type { PayloadOf } from '@rs/contracts';
import { channelOf, type Fact, type FollowUpFact, type OrderState, utc } from './facts';

/** The lifecycle's states (order.status-changed) as the figures count them. */
export function stateOfLifecycle(to: PayloadOf<'order.status-changed'>['to']): OrderState {
  switch (to) {
    case 'filled':
      return 'filled';
    case 'partly-filled':
      return 'partly-filled';
    case 'closed-unfilled':
      return 'unfilled';
    case 'cancelled':
      return 'cancelled';
    default:
      return 'open';
  }
}

/** order.closed's outcome as a state. */
export const stateOfOutcome = (outcome: PayloadOf<'order.closed'>['outcome']): OrderState => outcome;

/** The facts an event records. Pure: the same event always gives the same facts. */
export function factsOfEvent<N extends ReportedEvent>(name: N, data: PayloadOf<N>): Fact[] {
  const event = { name, data } as AnyReported;
  switch (event.name) {
    case 'order.registered': {
      const d = event.data;
      return [
        {
          kind: 'order',
          orderId: d.orderId,
          cooperation: d.cooperation,
          leadJobcentre: d.leadJobcentre,
          // intakeChannel names all four; events from before it carry only `channel`, older ones none (unknown).
          channel: channelOf(d.intakeChannel ?? d.channel),
          positions: d.order.positions,
          company: d.order.companyName,
          at: utc(d.registeredAt),
        },
      ];
    }
    case 'order.status-changed':
      return [
        {
          kind: 'state',
          orderId: event.data.orderId,
          entry: event.data.entryId,
          state: stateOfLifecycle(event.data.to),
          at: utc(event.data.at),
        },
      ];
    case 'order.closed':
      return [
        {
          kind: 'state',
          orderId: event.data.orderId,
          entry: 'closed',
          state: stateOfOutcome(event.data.outcome),
          at: utc(event.data.closedAt),
        },
      ];
    case 'order.service-goal-alert':
      return [{ kind: 'goal', orderId: event.data.orderId, goal: event.data.goal, alert: event.data.kind, at: utc(event.data.at) }];
    case 'round.opened':
      return [
        {
          kind: 'round',
          orderId: event.data.orderId,
          roundId: event.data.roundId,
          leadJobcentre: event.data.leadJobcentre,
          scope: event.data.scope,
          recipients: [...event.data.recipients].sort((a, b) => a - b),
          at: utc(event.data.openedAt),
        },
      ];
    case 'round.reply-recorded':
      // The first reply is the one counted, as broadcast keeps its time and lateness: an amendment
      // may arrive before the reply it amends, so it records nothing (the reply itself always comes).
      if (event.data.amended) return [];
      if (event.data.implied)
        return [
          {
            kind: 'silence',
            orderId: event.data.orderId,
            roundId: event.data.roundId,
            recipient: event.data.recipient,
            at: utc(event.data.repliedAt),
          },
        ];
      return [
        {
          kind: 'reply',
          orderId: event.data.orderId,
          roundId: event.data.roundId,
          recipient: event.data.recipient,
          late: event.data.late,
          at: utc(event.data.repliedAt),
        },
      ];
    case 'round.recipient-overdue':
      return [{ kind: 'overdue', orderId: event.data.orderId, roundId: event.data.roundId, recipient: event.data.recipient }];
    case 'round.completed':
      return event.data.overdue.map((recipient) => ({
        kind: 'overdue',
        orderId: event.data.orderId,
        roundId: event.data.roundId,
        recipient,
      }));
    case 'order.candidate-hired':
      return [
        {
          kind: 'hire',
          orderId: event.data.orderId,
          jobcentre: event.data.jobcentre,
          candidateRef: event.data.candidateRef,
          at: utc(event.data.hiredAt),
        },
      ];
    case 'order.follow-up-planned':
      return [followUpFact(event.data)];
    case 'order.follow-up-recorded':
      // The planned fact too: the outcome may come first, and either alone says the follow-up exists.
      return [followUpFact(event.data), { ...followUpFact(event.data), kind: 'follow-up-outcome', status: event.data.status }];
    case 'agreement.recruitment-recorded':
      return [
        {
          kind: 'agreement',
          agreementId: event.data.agreementId,
          agreement: 'recruitment',
          cooperation: event.data.cooperation,
          leadJobcentre: event.data.leadJobcentre,
          from: event.data.period.from,
          to: event.data.period.to ?? null,
          expectedHires: event.data.expectedHires,
        },
      ];
    case 'agreement.a-kasse-recorded':
      return [
        {
          kind: 'agreement',
          agreementId: event.data.agreementId,
          agreement: 'a-kasse',
          cooperation: event.data.cooperation,
          leadJobcentre: null,
          from: event.data.period.from,
          to: event.data.period.to ?? null,
          expectedHires: 0,
        },
      ];
    case 'course.opened': {
      const c = event.data.course;
      return [
        {
          kind: 'course',
          courseId: event.data.courseId,
          cooperation: event.data.cooperation,
          leadJobcentre: event.data.leadJobcentre,
          seats: c.seats,
          pricePerSeatDkk: c.pricePerSeatDkk,
          positiveList: c.positiveList !== null,
          orderId: c.orderId,
          company: c.company.name,
          at: utc(event.data.openedAt),
        },
      ];
    }
    case 'course.seats-allocated':
      return event.data.shares.map((s) => ({
        kind: 'seats',
        courseId: event.data.courseId,
        cooperation: event.data.cooperation,
        jobcentre: s.jobcentre,
        version: event.data.version,
        allocated: s.allocated,
      }));
    case 'course.outcome-recorded':
      return [
        {
          kind: 'participant',
          courseId: event.data.courseId,
          cooperation: event.data.cooperation,
          jobcentre: event.data.jobcentre,
          candidateRef: event.data.candidateRef,
          version: event.data.version,
          status: event.data.status,
          hiredOn: event.data.hiredOn,
        },
      ];
    case 'need.recorded':
      return [
        {
          kind: 'need',
          needId: event.data.needId,
          cooperation: event.data.cooperation,
          jobcentre: event.data.jobcentre,
          count: event.data.count,
          expectedBy: event.data.expectedBy,
          courseWouldHelp: event.data.courseWouldHelp,
        },
      ];
    default: {
      const never: never = event;
      throw new Error(`unhandled event ${JSON.stringify(never)}`);
    }
  }
}

export type ReportedEvent =
  | 'order.registered'
  | 'order.status-changed'
  | 'order.closed'
  | 'order.service-goal-alert'
  | 'round.opened'
  | 'round.reply-recorded'
  | 'round.recipient-overdue'
  | 'round.completed'
  | 'order.candidate-hired'
  | 'order.follow-up-planned'
  | 'order.follow-up-recorded'
  | 'agreement.recruitment-recorded'
  | 'agreement.a-kasse-recorded'
  | 'course.opened'
  | 'course.seats-allocated'
  | 'course.outcome-recorded'
  | 'need.recorded';

const followUpFact = (d: PayloadOf<'order.follow-up-planned'>): FollowUpFact => ({
  kind: 'follow-up',
  followUpId: d.followUpId,
  orderId: d.orderId,
  cooperation: d.cooperation,
  jobcentre: d.jobcentre,
  dueOn: d.dueOn,
});

type AnyReported = { [N in ReportedEvent]: { name: N; data: PayloadOf<N> } }[ReportedEvent];
