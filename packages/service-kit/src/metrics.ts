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
  return {
    registry,
    /** Pass as the bus's onSettled. */
    onSettled: (queue: string, outcome: string) => settled.inc({ queue, outcome }),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
