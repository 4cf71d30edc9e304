import { createHash } from 'node:crypto';
import { makeEnvelope, routeOf, TIMER_QUEUES, type ServiceGoalAlertKind, type ServiceGoalId } from '@rs/contracts';
import type { OutboxEntry } from '@rs/db';
import { timerId } from '@rs/timers';
import { TIME_ZONE } from '@rs/working-time';
import { type GoalAlert, type GoalTimer, noticeText, pendingTimers, type ServiceGoals } from '../domain/service-goals';
import { SOURCE } from './deps';

/** A UUID-shaped id from its parts: the same alert always has the same message id, so a consumer sees a re-send as one. */
export function derivedId(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\n')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** `service-goal-warning-<orderId>-<goal>` / `service-goal-breach-<orderId>-<goal>` (order ids hold no ':'). */
export const goalTimerId = (orderId: string, goal: ServiceGoalId, kind: ServiceGoalAlertKind) =>
  timerId('service-goal', kind, orderId, goal);

export function timerEntries(orderId: string, timers: readonly GoalTimer[]): OutboxEntry[] {
  return timers.map((t) => {
    const jobId = goalTimerId(orderId, t.goal, t.kind);
    return {
      kind: 'schedule',
      id: jobId,
      queue: TIMER_QUEUES.serviceGoals,
      jobId,
      runAt: t.runAt,
      data: { orderId, goal: t.goal, kind: t.kind },
    };
  });
}

/** The timers a state needs, as outbox entries (a new registration schedules them with its write). */
export const scheduleFor = (state: ServiceGoals): OutboxEntry[] => timerEntries(state.orderId, pendingTimers(state));

const FORMAT = { timeZone: TIME_ZONE, dateStyle: 'medium', timeStyle: 'short' } as const;
const LOCAL = { da: new Intl.DateTimeFormat('da-DK', FORMAT), en: new Intl.DateTimeFormat('en-GB', FORMAT) };

/** The due time in Copenhagen time, as a Danish and as an English reader writes it. */
export const dueLocal = (instant: Date): { da: string; en: string } => ({ da: LOCAL.da.format(instant), en: LOCAL.en.format(instant) });

/** Each alert twice: as an event for reporting, and as a notice on the lead's own queue. */
export function alertEntries(state: ServiceGoals, alerts: readonly GoalAlert[]): OutboxEntry[] {
  return alerts.flatMap((alert): OutboxEntry[] => {
    const time = new Date(alert.at);
    const eventId = derivedId('service-goal-alert', state.orderId, alert.goal, alert.kind);
    const noticeId = derivedId('service-goal-notice', state.orderId, alert.goal, alert.kind);
    const clock = state.goals[alert.goal];
    const event = makeEnvelope(
      'order.service-goal-alert',
      {
        orderId: state.orderId,
        goal: alert.goal,
        kind: alert.kind,
        leadJobcentre: state.leadJobcentre,
        cooperation: state.cooperation,
        registeredAt: state.registeredAt ?? alert.at,
        dueAt: alert.dueAt,
        workingDays: clock.workingDays,
        at: alert.at,
      },
      { id: eventId, time, source: SOURCE, correlationId: state.orderId },
    );
    const notice = makeEnvelope(
      'order.service-goal-notice',
      {
        orderId: state.orderId,
        goal: alert.goal,
        kind: alert.kind,
        leadJobcentre: state.leadJobcentre,
        dueAt: alert.dueAt,
        message: noticeText(alert.goal, alert.kind, dueLocal(new Date(alert.dueAt))),
      },
      { id: noticeId, time, source: SOURCE, correlationId: state.orderId },
    );
    return [
      { kind: 'publish', id: eventId, ...routeOf('order.service-goal-alert'), envelope: event },
      { kind: 'publish', id: noticeId, ...routeOf('order.service-goal-notice', state.leadJobcentre), envelope: notice },
    ];
  });
}
