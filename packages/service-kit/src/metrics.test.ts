import { createMetrics } from './metrics';

describe('createMetrics', () => {
  it('counts unroutable messages by exchange, routing key and outcome on /metrics', async () => {
    const metrics = createMetrics('broadcast');
    metrics.onUnroutable('rs.events', 'round.completed', 'parked');
    metrics.onUnroutable('rs.events', 'round.completed', 'parked');
    metrics.onUnroutable('rs.jobcentres', 'jobcentre.999', 'refused');
    const text = await metrics.registry.metrics();
    expect(text).toContain(
      'rs_messages_unroutable_total{exchange="rs.events",routing_key="round.completed",outcome="parked",service="broadcast"} 2',
    );
    expect(text).toContain(
      'rs_messages_unroutable_total{exchange="rs.jobcentres",routing_key="jobcentre.999",outcome="refused",service="broadcast"} 1',
    );
  });
});
