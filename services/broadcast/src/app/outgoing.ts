import { EXCHANGES, jobcentreQueue, makeEnvelope, type MessageName, type PayloadOf, TIMER_QUEUES } from '@rs/contracts';
import type { OutboxEntry, PublishEntry, ScheduleEntry } from '@rs/db';
import { timerId } from '@rs/timers';
import { type Round, type RoundEvent, summarise } from '../domain/round';
import { type BroadcastDeps, SOURCE } from './deps';

function event<N extends MessageName>(deps: BroadcastDeps, name: N, data: PayloadOf<N>, orderId: string): PublishEntry {
  const id = deps.newId();
  return {
    kind: 'publish',
    id,
    exchange: EXCHANGES.events,
    routingKey: name,
    envelope: makeEnvelope(name, data, { id, time: deps.now(), source: SOURCE, correlationId: orderId }),
  };
}

export function deadlineTimerId(roundId: string, recipient: number): string {
  return timerId('reply-deadline', roundId, recipient);
}

export function deadlineTimer(round: Round, recipient: number): ScheduleEntry {
  const jobId = deadlineTimerId(round.id, recipient);
  return {
    kind: 'schedule',
    id: jobId,
    queue: TIMER_QUEUES.replyDeadlines,
    jobId,
    runAt: round.deadline,
    data: { roundId: round.id, recipient },
  };
}

/** Everything a newly opened round sends: the event, one message per recipient queue, one deadline per recipient. */
export function openingMessages(deps: BroadcastDeps, round: Round): OutboxEntry[] {
  const base = { roundId: round.id, orderId: round.orderId, leadJobcentre: round.leadJobcentre };
  const entries: OutboxEntry[] = [
    event(
      deps,
      'round.opened',
      {
        ...base,
        scope: round.scope,
        recipients: round.recipients.map((r) => r.jobcentre),
        openedAt: round.openedAt,
        deadline: round.deadline,
      },
      round.orderId,
    ),
  ];
  for (const { jobcentre } of round.recipients) {
    const id = deps.newId();
    entries.push({
      kind: 'publish',
      id,
      exchange: EXCHANGES.jobcentres,
      routingKey: jobcentreQueue(jobcentre),
      envelope: makeEnvelope(
        'round.order-broadcast',
        { ...base, recipient: jobcentre, scope: round.scope, deadline: round.deadline, order: round.order },
        { id, time: deps.now(), source: SOURCE, correlationId: round.orderId, subject: round.id },
      ),
    });
    entries.push(deadlineTimer(round, jobcentre));
  }
  if (round.status === 'complete') entries.push(completion(deps, round, round.openedAt));
  return entries;
}

/** The messages caused by events applied to a round (`after` is the round with them applied). */
export function eventMessages(deps: BroadcastDeps, after: Round, events: RoundEvent[]): OutboxEntry[] {
  const base = { roundId: after.id, orderId: after.orderId, leadJobcentre: after.leadJobcentre };
  return events.map((e) => {
    switch (e.type) {
      case 'ReplyRecorded':
        return event(
          deps,
          'round.reply-recorded',
          { ...base, recipient: e.recipient, answer: e.answer, candidateCount: e.candidates.length, late: e.late, repliedAt: e.at },
          after.orderId,
        );
      case 'RecipientOverdue':
        return event(deps, 'round.recipient-overdue', { ...base, recipient: e.recipient, deadline: after.deadline }, after.orderId);
      case 'RoundCompleted':
        return completion(deps, after, e.at);
      default: {
        const unhandled: never = e;
        throw new Error(`unhandled event ${JSON.stringify(unhandled)}`);
      }
    }
  });
}

function completion(deps: BroadcastDeps, round: Round, at: string): PublishEntry {
  const { replied, overdue, candidateCount } = summarise(round);
  return event(
    deps,
    'round.completed',
    {
      roundId: round.id,
      orderId: round.orderId,
      leadJobcentre: round.leadJobcentre,
      scope: round.scope,
      completedAt: at,
      replied,
      overdue,
      candidateCount,
    },
    round.orderId,
  );
}
