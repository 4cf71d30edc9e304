import { type Bus, consume } from '@rs/bus';
import { SERVICE_QUEUES } from '@rs/contracts';
import { recordEvent } from '../../app/record-event';
import type { FactStore } from '../../app/ports';

/** Every event the figures count, recorded as facts (a redelivery finds its keys taken). */
export function consumeReportedEvents(bus: Bus, facts: FactStore) {
  const record =
    <N extends Parameters<typeof recordEvent>[1]>(name: N) =>
    async (data: Parameters<typeof recordEvent<N>>[2]) => {
      await recordEvent(facts, name, data);
    };
  return consume(bus, SERVICE_QUEUES.reportingEvents, {
    'order.registered': record('order.registered'),
    'order.status-changed': record('order.status-changed'),
    'order.closed': record('order.closed'),
    'order.service-goal-alert': record('order.service-goal-alert'),
    'round.opened': record('round.opened'),
    'round.reply-recorded': record('round.reply-recorded'),
    'round.recipient-overdue': record('round.recipient-overdue'),
    'round.completed': record('round.completed'),
    'order.candidate-hired': record('order.candidate-hired'),
    'order.follow-up-planned': record('order.follow-up-planned'),
    'order.follow-up-recorded': record('order.follow-up-recorded'),
    'agreement.recruitment-recorded': record('agreement.recruitment-recorded'),
    'agreement.a-kasse-recorded': record('agreement.a-kasse-recorded'),
    'course.opened': record('course.opened'),
    'course.seats-allocated': record('course.seats-allocated'),
    'course.outcome-recorded': record('course.outcome-recorded'),
    'need.recorded': record('need.recorded'),
  });
}
