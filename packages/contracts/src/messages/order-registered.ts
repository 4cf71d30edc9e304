import { z } from 'zod';
import { JobcentreCode, Instant, OrderId, OrderSummary, Scope } from './common';

/** order-intake → events: a job order was accepted and stored. */
export const OrderRegistered = z.object({
  orderId: OrderId,
  leadJobcentre: JobcentreCode,
  cooperation: z.string().nullable(),
  registeredAt: Instant,
  order: OrderSummary,
  /** Set when the lead asked for a broadcast at registration; broadcast opens the round. */
  broadcast: z.object({ scope: Scope }).nullable(),
  /**
   * The company's recruitment agreement says jobcentres without qualified candidates need not
   * reply (R6 "unless agreed otherwise"): a recipient still silent at a round's deadline has
   * answered "no qualified candidates", it is not overdue. Absent: every recipient must reply.
   */
  silenceMeansNone: z.boolean().optional(),
  /**
   * How the order came in (R11 counts orders by channel): a jobcentre's consultant or the phone
   * line. Optional: events published before it was added carry none.
   */
  channel: z.enum(['jobcentre', 'phone-line']).optional(),
  /**
   * How the order came in, of all four channels: a jobcentre's consultant, the phone line, an
   * a-kasse, or a company's system (api). A new optional field rather than a wider `channel`:
   * a consumer of v1 validating `channel` would dead-letter a value it does not know, and a new
   * optional field keeps the major (docs/messages.md). Absent on events from before it.
   */
  intakeChannel: z.enum(['jobcentre', 'phone-line', 'a-kasse', 'api']).optional(),
});
export type OrderRegistered = z.infer<typeof OrderRegistered>;

export const orderRegisteredExample: OrderRegistered = {
  orderId: 'b3c1f7e2-3f0a-4a43-9f4e-2d9f3c1a7e10',
  leadJobcentre: 101,
  cooperation: 'HRS',
  registeredAt: '2026-11-25T09:00:00.000Z',
  order: {
    title: 'Social- og sundhedsassistent',
    occupation: '5321',
    positions: 3,
    municipality: 101,
    companyName: 'Plejecenter Sundby',
    description: 'Dagvagter, start snarest',
  },
  broadcast: { scope: 'cooperation' },
  channel: 'jobcentre',
  intakeChannel: 'jobcentre',
};
