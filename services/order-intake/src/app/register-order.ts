import { createHash } from 'node:crypto';
import { makeEnvelope, routeOf, type ScopeId } from '@rs/contracts';
import { type OrderDetails, summaryOf } from '../domain/details';
import type { Channel, Order } from '../domain/order';
import { appendTimeline } from '../domain/timeline';
import { type OrderIntakeDeps, SOURCE } from './deps';

export interface RegisterOrderInput {
  leadJobcentre: number;
  cooperation: string | null;
  channel: Channel;
  registeredBy: string;
  /** `id` when the order is for a registered company (its lead and data came from it). */
  company: { id?: string; name: string; cvr?: string | undefined; municipality: number };
  details: OrderDetails;
  agreementId?: string | undefined;
  largeProject?: boolean | undefined;
  broadcast: { scope: ScopeId } | null;
  /** The company's recruitment agreement: jobcentres without qualified candidates need not reply (R6). */
  silenceMeansNone?: boolean;
  /**
   * The caller's Idempotency-Key, scoped to who sent it, and a hash of the request. The order's id
   * is derived from it, so a retry the edge's Redis record no longer guards (the record was lost,
   * its lease lapsed, the process died after the insert) meets the first order instead of
   * registering a second: the change log's unique insert refuses the same id twice.
   */
  once?: { principal: string; key: string; requestHash: string };
}

export type RegisterOrderResult =
  | { kind: 'created'; order: Order }
  /** The same keyed request was registered before: its order, unchanged. */
  | { kind: 'existing'; order: Order }
  /** The key was used before with another request (as the edge answers, 422). */
  | { kind: 'key-reused' }
  /** The first request's write is not applied yet: the caller retries shortly. */
  | { kind: 'in-flight' };

/** A UUID-shaped id from (principal, key): the same keyed request always names the same order. */
export function keyedOrderId(principal: string, key: string): string {
  const hex = createHash('sha256').update(`order\n${principal}\n${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Stores the order and its order.registered event in one write (R1, R2); once per Idempotency-Key. */
export async function registerOrder(deps: OrderIntakeDeps, input: RegisterOrderInput): Promise<RegisterOrderResult> {
  const orderId = input.once ? keyedOrderId(input.once.principal, input.once.key) : deps.newId();
  const registeredAt = deps.now();
  const eventId = deps.newId();
  const summary = summaryOf(input.details, input.company.name);
  const envelope = makeEnvelope(
    'order.registered',
    {
      orderId,
      leadJobcentre: input.leadJobcentre,
      cooperation: input.cooperation,
      registeredAt: registeredAt.toISOString(),
      order: summary,
      broadcast: input.broadcast,
      ...(input.silenceMeansNone ? { silenceMeansNone: true } : {}),
      // `channel` keeps its two v1 values for consumers that validate it; `intakeChannel` names all four.
      ...(input.channel === 'jobcentre' || input.channel === 'phone-line' ? { channel: input.channel } : {}),
      intakeChannel: input.channel,
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
    order: summary,
    details: input.details,
    ...(input.agreementId ? { agreementId: input.agreementId } : {}),
    largeProject: input.largeProject ?? false,
    broadcastRequested: input.broadcast,
    ...(input.silenceMeansNone ? { silenceMeansNone: true } : {}),
    rounds: [],
    recipientJobcentres: [],
    hires: [],
    referrals: [],
    timeline: appendTimeline(orderId, [], registeredAt.toISOString(), input.registeredBy, [
      { kind: 'registered', to: 'registered', note: `channel ${input.channel}` },
    ]),
    amendments: 0,
    ...(input.once ? { requestHash: input.once.requestHash } : {}),
  };
  if (await deps.orders.insert(order, [{ kind: 'publish', id: eventId, ...routeOf('order.registered'), envelope }])) {
    return { kind: 'created', order };
  }
  if (!input.once) throw new Error(`order ${orderId}: a fresh id exists already`);
  const existing = (await deps.orders.load(orderId))?.state;
  if (!existing) return { kind: 'in-flight' };
  if (existing.requestHash !== input.once.requestHash) return { kind: 'key-reused' };
  return { kind: 'existing', order: existing };
}
