import { makeEnvelope, type OrderSummary, routeOf, type ScopeId } from '@rs/contracts';
import type { z } from 'zod';
import type { Order } from '../domain/order';
import { type OrderIntakeDeps, SOURCE } from './deps';

export interface RegisterOrderInput {
  leadJobcentre: number;
  cooperation: string | null;
  channel: 'jobcentre' | 'phone-line';
  registeredBy: string;
  company: { name: string; cvr?: string | undefined; municipality: number };
  order: z.infer<typeof OrderSummary>;
  broadcast: { scope: ScopeId } | null;
}

/** Stores the order and its order.registered event in one write (R1, R2). */
export async function registerOrder(deps: OrderIntakeDeps, input: RegisterOrderInput): Promise<Order> {
  const orderId = deps.newId();
  const registeredAt = deps.now();
  const eventId = deps.newId();
  const envelope = makeEnvelope(
    'order.registered',
    {
      orderId,
      leadJobcentre: input.leadJobcentre,
      cooperation: input.cooperation,
      registeredAt: registeredAt.toISOString(),
      order: input.order,
      broadcast: input.broadcast,
    },
    { id: eventId, time: registeredAt, source: SOURCE, correlationId: orderId },
  );
  const order: Order = {
    id: orderId,
    leadJobcentre: input.leadJobcentre,
    cooperation: input.cooperation,
    channel: input.channel,
    registeredBy: input.registeredBy,
    registeredAt: registeredAt.toISOString(),
    status: 'registered',
    company: input.company,
    order: input.order,
    broadcastRequested: input.broadcast,
    rounds: [],
    hires: [],
  };
  await deps.orders.insert(order, [{ kind: 'publish', id: eventId, ...routeOf('order.registered'), envelope }]);
  return order;
}
