import { Counter, collectDefaultMetrics, Registry } from 'prom-client';

/** The metrics every service exposes on /metrics. */
export function createMetrics(service: string) {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const settled = new Counter({
    name: 'rs_messages_settled_total',
    help: 'Consumed messages by queue and how they were settled (ack, dead-letter, retry)',
    labelNames: ['queue', 'outcome'] as const,
    registers: [registry],
  });
  const unroutable = new Counter({
    name: 'rs_messages_unroutable_total',
    help: 'Published messages no queue was bound for, by exchange, routing key and what became of them (parked in rs.unroutable, or refused and kept by the sender)',
    labelNames: ['exchange', 'routing_key', 'outcome'] as const,
    registers: [registry],
  });
  return {
    registry,
    /** Pass as the bus's onSettled. */
    onSettled: (queue: string, outcome: string) => settled.inc({ queue, outcome }),
    /** Pass as the bus's onUnroutable. Any increase is an alert: a message type without a consumer, or a queue missing. */
    onUnroutable: (exchange: string, routingKey: string, outcome: string) => unroutable.inc({ exchange, routing_key: routingKey, outcome }),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
