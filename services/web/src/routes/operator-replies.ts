import { CALL_NEEDS, CALL_OUTCOMES, REFERENCE_PATTERN } from '@rs/contracts';
import { z } from 'zod';
import { ApiError } from '../api';

/*
 * order-intake's call replies as the operator's pages read them. The pages build text keys from
 * a call's need, outcome and reference characters, so those are checked against the contracts'
 * vocabularies here: a value the web has no text for is a broken reply (502), not a crash in a view.
 */
export const CallReply = z.object({
  id: z.string(),
  reference: z.string().regex(REFERENCE_PATTERN),
  receivedAt: z.string(),
  caller: z.object({ name: z.string().optional(), phone: z.string().optional(), role: z.string().optional() }),
  company: z.object({ id: z.string(), cvr: z.string(), name: z.string() }).optional(),
  need: z.enum(CALL_NEEDS),
  note: z.string(),
  outcome: z.enum(CALL_OUTCOMES),
  orderId: z.string().optional(),
  routedTo: z.number().int().optional(),
});
export type Call = z.infer<typeof CallReply>;

export const CallsReply = z.object({ calls: z.array(CallReply), next: z.string().nullable().optional() });

/** A page of GET /orders as the call form offers the company's open orders to attach a call to. */
export const OrdersReply = z.object({
  orders: z.array(
    z.object({
      id: z.string(),
      status: z.string(),
      registeredAt: z.string(),
      company: z.object({ id: z.string().optional(), cvr: z.string().optional(), name: z.string() }),
      details: z.object({ title: z.string() }),
    }),
  ),
});
export type OpenOrder = z.infer<typeof OrdersReply>['orders'][number];

/** A reply parsed, or a 502 naming what did not fit (for the log; the page says the service failed). */
export function parseReply<S extends z.ZodType>(schema: S, reply: unknown): z.infer<S> {
  const parsed = schema.safeParse(reply);
  if (!parsed.success) throw new ApiError(502, { detail: `unexpected reply: ${parsed.error.message}` });
  return parsed.data;
}
