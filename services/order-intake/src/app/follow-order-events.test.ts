import { orderRegisteredExample, orderStatusChangedExample } from '@rs/contracts';
import { registerCommand, statusChangedCommand } from './follow-order-events';

describe('order events enter the clocks with their instants in one form', () => {
  it('an instant with an offset becomes UTC (the clocks compare and sort stored instants)', () => {
    const command = statusChangedCommand({ ...orderStatusChangedExample, at: '2026-12-01T11:00:00+01:00' });
    expect(command).toMatchObject({ type: 'StatusChanged', at: '2026-12-01T10:00:00.000Z' });
    const registered = registerCommand({ ...orderRegisteredExample, registeredAt: '2026-12-01T10:00:00.5+01:00' });
    expect(registered).toMatchObject({ type: 'Register', registeredAt: '2026-12-01T09:00:00.500Z' });
  });
});
