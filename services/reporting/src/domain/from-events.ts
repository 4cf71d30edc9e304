import type { PayloadOf } from '@rs/contracts';
import { channelOf, type Fact, type OrderState, utc } from './facts';

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
  | 'order.candidate-hired';

type AnyReported = { [N in ReportedEvent]: { name: N; data: PayloadOf<N> } }[ReportedEvent];
