import type { MessageName } from './catalog';
import { deadLetterQueue, jobcentreQueue, QUEUES } from './topology';

/*
 * What each queue consumes. The queue names are in topology.ts (renaming one is a migration);
 * the bindings are not written anywhere: routes.ts derives them from the catalogue.
 */

/**
 * A queue and the message types it consumes. Its bindings are not written here: they follow from
 * where the catalogue sends each type (routes.ts, `queueBindings`), and `consume(bus, spec,
 * handlers)` types its handler map from `consumes`, so queue, bindings and handlers cannot drift.
 */
export interface QueueSpec<N extends MessageName = MessageName> {
  readonly name: string;
  readonly consumes: readonly N[];
}

function queueSpec<const N extends MessageName>(name: string, consumes: readonly N[]): QueueSpec<N> {
  return { name, consumes };
}

/** The service queues and what each consumes. */
export const SERVICE_QUEUES = {
  broadcastEvents: queueSpec(QUEUES.broadcastEvents, [
    'order.registered',
    'order.closed',
    'order.shortlisted',
    'order.candidate-hired',
    'order.lead-changed',
  ]),
  broadcastReplies: queueSpec(QUEUES.broadcastReplies, ['round.reply']),
  orderIntakeEvents: queueSpec(QUEUES.orderIntakeEvents, [
    'round.opened',
    'round.reply-recorded',
    'round.recipient-overdue',
    'round.completed',
  ]),
  /**
   * order-intake's own events that drive its service-goal clocks (R3, R4) and onboarding
   * follow-ups (R10). A queue of its own, apart from broadcast's round events: a burst of replies
   * never delays a clock, and each handler map stays with its use cases.
   */
  orderIntakeGoals: queueSpec(QUEUES.orderIntakeGoals, ['order.registered', 'order.status-changed', 'order.candidate-hired']),
  matchingEvents: queueSpec(QUEUES.matchingEvents, ['order.registered', 'order.amended']),
  /** Separate from matching.events so a large sync never delays ranking a new order. */
  matchingCvs: queueSpec(QUEUES.matchingCvs, ['cv.upserted', 'cv.withdrawn', 'cv.sync-completed']),
  /** Answers to candidate inquiries from connectors (pool.inquiry-answer), apart from the CVs: an answer never waits behind a sync. */
  matchingInquiryAnswers: queueSpec(QUEUES.matchingInquiryAnswers, ['pool.inquiry-answer']),
  /** order-intake's copies of withdrawn candidates (hires, referrals, follow-ups), apart from its round and goal events. */
  orderIntakeErasure: queueSpec(QUEUES.orderIntakeErasure, ['cv.erased']),
  /** Erasure apart from broadcast.events: a withdrawal is never queued behind a burst of orders. */
  broadcastErasure: queueSpec(QUEUES.broadcastErasure, ['cv.erased']),
  /** upskilling-seat's copies of withdrawn candidates (named in seat requests), apart from its orders and requests. */
  upskillingErasure: queueSpec(QUEUES.upskillingErasure, ['cv.erased']),
  /** reporting's copies of withdrawn candidates (the refs in its hire and participant facts), apart from the figures' events. */
  reportingErasure: queueSpec(QUEUES.reportingErasure, ['cv.erased']),
  upskillingEvents: queueSpec(QUEUES.upskillingEvents, ['order.registered']),
  /** Seat requests from connectors, apart from the events so a busy window never delays them. */
  upskillingRequests: queueSpec(QUEUES.upskillingRequests, ['seat.request', 'seat.withdraw']),
  /**
   * What the steering group's figures (R11) count: orders and their lifecycle, service-goal
   * alerts, rounds and replies (their scope: escalations), hires, onboarding follow-ups,
   * agreements in force, courses with their seats and outcomes, companies' coming needs.
   */
  reportingEvents: queueSpec(QUEUES.reportingEvents, [
    'order.registered',
    'order.status-changed',
    'order.closed',
    'order.service-goal-alert',
    'round.opened',
    'round.reply-recorded',
    'round.recipient-overdue',
    'round.completed',
    'order.candidate-hired',
    'order.follow-up-planned',
    'order.follow-up-recorded',
    'agreement.recruitment-recorded',
    'agreement.a-kasse-recorded',
    'course.opened',
    'course.seats-allocated',
    'course.outcome-recorded',
    'need.recorded',
  ]),
  /** Cooperation changes (R15), apart from the order events: a change waits behind no burst of orders. */
  broadcastCooperations: queueSpec(QUEUES.broadcastCooperations, ['cooperation.changed']),
  /**
   * Every other service follows the cooperations the same way (service-kit's `cooperations`
   * spec part), each on its own queue: one copy per service, whichever replica takes it.
   */
  orderIntakeCooperations: queueSpec(QUEUES.orderIntakeCooperations, ['cooperation.changed']),
  matchingCooperations: queueSpec(QUEUES.matchingCooperations, ['cooperation.changed']),
  upskillingCooperations: queueSpec(QUEUES.upskillingCooperations, ['cooperation.changed']),
  /** reporting administers the cooperations; it follows its own event so every replica's view is reloaded. */
  reportingCooperations: queueSpec(QUEUES.reportingCooperations, ['cooperation.changed']),
} as const satisfies Record<string, QueueSpec>;

/** The upskilling messages a jobcentre's connector receives on its own queue (from upskilling-seat). */
export const SEAT_JOBCENTRE_MESSAGES = [
  'course.offered',
  'seat.request-recorded',
  'seat.request-refused',
  'seat.allocated',
  'seat.granted',
  'seat.candidate-decided',
] as const satisfies ReadonlyArray<MessageName>;

export type SeatJobcentreMessage = (typeof SEAT_JOBCENTRE_MESSAGES)[number];

/** The messages a jobcentre's connector receives on its own queue. */
export const JOBCENTRE_MESSAGES = [
  'round.order-broadcast',
  'round.reminder',
  'round.withdrawn',
  'round.reply-received',
  'round.overdue-notice',
  'round.shortlist',
  'round.candidate-withdrawn',
  'round.reply-refused',
  'order.service-goal-notice',
  ...SEAT_JOBCENTRE_MESSAGES,
  'pool.stale-cvs',
  'round.order-amended',
  'round.lead-changed',
  'pool.candidate-inquiry',
  'round.secretariat-notice',
  'pool.inquiry-answered',
  'pool.inquiry-answer-refused',
] as const satisfies ReadonlyArray<MessageName>;

export type JobcentreMessage = (typeof JOBCENTRE_MESSAGES)[number];

export function jobcentreQueueSpec(code: number): QueueSpec<JobcentreMessage> {
  return queueSpec(jobcentreQueue(code), JOBCENTRE_MESSAGES);
}

/** Every dead-letter queue a platform declares (the admin tool's default scope). */
export function allDeadLetterQueues(): string[] {
  return [...new Set([...Object.values(SERVICE_QUEUES).map((q) => deadLetterQueue(q.name)), QUEUES.jobcentresDeadLetter])];
}
