import { createHash } from 'node:crypto';
import {
  type AddressedName,
  type EventName,
  makeEnvelope,
  type MessageName,
  OrderBroadcast,
  type PayloadOf,
  type Route,
  routeOf,
  TIMER_QUEUES,
} from '@rs/contracts';
import type { OutboxEntry, PublishEntry, ScheduleEntry } from '@rs/db';
import { timerId } from '@rs/timers';
import { proposedNextScope, type Round, type RoundEvent, type Shortlists, shortlistFor, summarise } from '../domain/round';
import { type BroadcastDeps, SOURCE } from './deps';

/** A message on the events exchange, routed by its name. */
function event<N extends EventName>(deps: BroadcastDeps, name: N, data: PayloadOf<N>, round: Round, id?: string): PublishEntry {
  return entry(deps, routeOf(name), name, data, round, id);
}

/**
 * The id of a message that a round sends exactly once in its life (its opening): derived from
 * the round, so however often the opening is made — a redelivered order.registered racing on
 * another replica — every copy carries the same id and counts once at the consumer.
 */
export function onceId(roundId: string, name: string, jobcentre?: number): string {
  const hex = createHash('sha256')
    .update(`${roundId}/${name}/${jobcentre ?? ''}`)
    .digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** A message to one jobcentre's own queue. */
export function toJobcentre<N extends AddressedName>(
  deps: BroadcastDeps,
  jobcentre: number,
  name: N,
  data: PayloadOf<N>,
  round: Round,
  id?: string,
): PublishEntry {
  return entry(deps, routeOf(name, jobcentre), name, data, round, id);
}

function entry<N extends MessageName>(
  deps: BroadcastDeps,
  { exchange, routingKey }: Route,
  name: N,
  data: PayloadOf<N>,
  round: Round,
  id = deps.newId(),
): PublishEntry {
  return {
    kind: 'publish',
    id,
    exchange,
    routingKey,
    envelope: makeEnvelope(name, data, { id, time: deps.now(), source: SOURCE, correlationId: round.orderId, subject: round.id }),
  };
}

/**
 * The round's deadline timer. One per round, not per recipient: the deadline is the round's, and
 * the handler finds who is still pending. (Before 2026-12-01 the ids also named the recipient:
 * `reply-deadline-<roundId>-<jobcentre>`; such jobs still in Redis are handled as the round's.)
 */
export function deadlineTimerId(roundId: string): string {
  return timerId('reply-deadline', roundId);
}

/** The round's reminder timer for one offset (seconds before the deadline). */
export function reminderTimerId(roundId: string, offsetSeconds: number): string {
  return timerId('reply-reminder', roundId, offsetSeconds);
}

/**
 * A round's timers: its deadline and one reminder per offset that falls after the opening —
 * 1 + offsets jobs whatever the number of recipients (a national round: 3, was 285).
 */
export function roundTimers(
  deps: Pick<BroadcastDeps, 'reminderOffsets'>,
  round: Pick<Round, 'id' | 'openedAt' | 'deadline'>,
): ScheduleEntry[] {
  const deadlineId = deadlineTimerId(round.id);
  const timers: ScheduleEntry[] = [
    {
      kind: 'schedule',
      id: deadlineId,
      queue: TIMER_QUEUES.replyDeadlines,
      jobId: deadlineId,
      runAt: round.deadline,
      data: { roundId: round.id },
    },
  ];
  for (const offset of deps.reminderOffsets) {
    const runAt = Date.parse(round.deadline) - offset * 1000;
    if (runAt <= Date.parse(round.openedAt)) continue;
    const jobId = reminderTimerId(round.id, offset);
    timers.push({
      kind: 'schedule',
      id: jobId,
      queue: TIMER_QUEUES.replyReminders,
      jobId,
      runAt: new Date(runAt).toISOString(),
      data: { roundId: round.id, offset },
    });
  }
  return timers;
}

/**
 * The id of a reminder envelope: one per round, offset and recipient, so a reminder job that is
 * retried (one publish failed) or runs twice re-sends with the same ids and counts once at the
 * connector.
 */
export function reminderEnvelopeId(roundId: string, offsetSeconds: number, recipient: number): string {
  return onceId(roundId, `round.reminder-${offsetSeconds}`, recipient);
}

/** Everything a newly opened round sends: the event, one message per recipient queue, its timers. */
export function openingMessages(deps: BroadcastDeps, round: Round, shortlists?: Shortlists): OutboxEntry[] {
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
      round,
      onceId(round.id, 'round.opened'),
    ),
  ];
  entries.push(...orderBroadcasts(deps, round, base, shortlists));
  if (round.secretariat) {
    entries.push(
      toJobcentre(
        deps,
        round.secretariat.jobcentre,
        'round.secretariat-notice',
        {
          ...base,
          cooperation: round.secretariat.cooperation,
          recipient: round.secretariat.jobcentre,
          event: 'opened',
          deadline: round.deadline,
          recipients: round.recipients.map((r) => r.jobcentre),
        },
        round,
        onceId(round.id, 'round.secretariat-notice', round.secretariat.jobcentre),
      ),
    );
  }
  if (round.status === 'open') entries.push(...roundTimers(deps, round));
  if (round.status === 'complete') entries.push(completion(deps, round, round.openedAt));
  return entries;
}

/**
 * One round.order-broadcast per recipient. A national round has 95 whose payloads differ only in
 * `recipient` (unless the recipient has a shortlist): the first without a shortlist is validated
 * whole by makeEnvelope, the others are that validated payload with the recipient replaced, and
 * only the recipient is validated again (by the same schema's own field). Same envelopes as 95
 * full parses — ids, times and fields — at a fraction of the cost (docs/performance.md, session 5).
 */
function orderBroadcasts(
  deps: BroadcastDeps,
  round: Round,
  base: { roundId: string; orderId: string; leadJobcentre: number },
  shortlists?: Shortlists,
): PublishEntry[] {
  let template: PublishEntry | undefined;
  return round.recipients.map(({ jobcentre }) => {
    const id = onceId(round.id, 'round.order-broadcast', jobcentre);
    const shortlist = shortlistFor(shortlists, jobcentre);
    if (template && shortlist.length === 0) {
      const { exchange, routingKey } = routeOf('round.order-broadcast', jobcentre);
      const data = { ...(template.envelope.data as OrderBroadcast), recipient: OrderBroadcast.shape.recipient.parse(jobcentre) };
      return { kind: 'publish', id, exchange, routingKey, envelope: { ...template.envelope, id, time: deps.now().toISOString(), data } };
    }
    const made = toJobcentre(
      deps,
      jobcentre,
      'round.order-broadcast',
      {
        ...base,
        recipient: jobcentre,
        scope: round.scope,
        deadline: round.deadline,
        order: round.order,
        ...withShortlist(shortlist),
        ...(round.silenceMeansNone ? { silenceMeansNone: true } : {}),
      },
      round,
      id,
    );
    if (!template && shortlist.length === 0) template = made;
    return made;
  });
}

/** The messages caused by events applied to a round (`after` is the round with them applied). */
export function eventMessages(deps: BroadcastDeps, after: Round, events: RoundEvent[]): OutboxEntry[] {
  const base = { roundId: after.id, orderId: after.orderId };
  return events.flatMap((e): OutboxEntry[] => {
    switch (e.type) {
      case 'ReplyRecorded': {
        const reply = { answer: e.answer, late: e.late, amended: e.amended, repliedAt: e.at };
        return [
          event(
            deps,
            'round.reply-recorded',
            {
              ...base,
              leadJobcentre: after.leadJobcentre,
              recipient: e.recipient,
              candidateCount: e.candidates.length,
              ...reply,
              ...(e.implied ? { implied: true } : {}),
            },
            after,
          ),
          toJobcentre(
            deps,
            after.leadJobcentre,
            'round.reply-received',
            { ...base, recipient: e.recipient, candidates: e.candidates, ...reply },
            after,
          ),
        ];
      }
      case 'RecipientOverdue':
        return [
          event(
            deps,
            'round.recipient-overdue',
            { ...base, leadJobcentre: after.leadJobcentre, recipient: e.recipient, deadline: after.deadline },
            after,
          ),
          toJobcentre(
            deps,
            after.leadJobcentre,
            'round.overdue-notice',
            { ...base, recipient: e.recipient, deadline: after.deadline },
            after,
          ),
          toJobcentre(
            deps,
            e.recipient,
            'round.reminder',
            { ...base, recipient: e.recipient, deadline: after.deadline, overdue: true },
            after,
          ),
          ...(after.secretariat
            ? [
                toJobcentre(
                  deps,
                  after.secretariat.jobcentre,
                  'round.secretariat-notice',
                  {
                    ...base,
                    leadJobcentre: after.leadJobcentre,
                    cooperation: after.secretariat.cooperation,
                    recipient: after.secretariat.jobcentre,
                    event: 'overdue' as const,
                    deadline: after.deadline,
                    overdue: e.recipient,
                  },
                  after,
                ),
              ]
            : []),
        ];
      case 'RoundCompleted':
        return [completion(deps, after, e.at)];
      case 'RoundClosed':
        return e.withdrawnFrom.map((recipient) =>
          toJobcentre(deps, recipient, 'round.withdrawn', { ...base, recipient, reason: e.reason }, after),
        );
      case 'CandidateWithdrawn':
        return [
          toJobcentre(
            deps,
            after.leadJobcentre,
            'round.candidate-withdrawn',
            { ...base, jobcentre: e.recipient, candidateRef: e.candidateRef, reason: 'hired-elsewhere', hiredFor: e.hiredFor },
            after,
          ),
        ];
      // order-intake told the recipients (round.lead-changed); broadcast only sends to the new lead from now on.
      case 'LeadChanged':
        return [];
      case 'ShortlistsDelivered':
        return e.to.map(({ recipient, shortlist }) =>
          toJobcentre(
            deps,
            recipient,
            'round.shortlist',
            { ...base, recipient, shortlist },
            after,
            // Once per ranking: the same version redelivered counts once, a newer one is a new message.
            onceId(after.id, `round.shortlist@${e.version}`, recipient),
          ),
        );
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
      proposedNextScope: proposedNextScope(round) ?? null,
    },
    round,
  );
}

function withShortlist(shortlist: ReturnType<typeof shortlistFor>) {
  return shortlist.length > 0 ? { shortlist } : {};
}
