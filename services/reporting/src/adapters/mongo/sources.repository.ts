import type { Connection } from 'mongoose';
import { z } from 'zod';
import type { Sources } from '../../app/ports';
import type { SourceGoals, SourceOrder, SourceRound } from '../../domain/from-sources';

/*
 * Another service's records are outside input: each document is validated for the fields the
 * figures need (anything else is ignored), and one that does not fit stops the rebuild naming it.
 */
const Order = z.object({
  _id: z.string(),
  leadJobcentre: z.number().int(),
  cooperation: z.string().nullable().default(null),
  channel: z.string().optional(),
  registeredAt: z.string(),
  status: z.string(),
  closedAt: z.string().optional(),
  order: z.object({ positions: z.number().int().min(1) }),
  hires: z.array(z.object({ jobcentre: z.number().int(), candidateRef: z.string(), hiredAt: z.string() })).default([]),
});
const Goals = z.object({ _id: z.string(), warnedGoals: z.array(z.string()).default([]), breachedGoals: z.array(z.string()).default([]) });
const Round = z.object({
  _id: z.string(),
  orderId: z.string(),
  leadJobcentre: z.number().int(),
  openedAt: z.string(),
  recipients: z.array(
    z.object({
      jobcentre: z.number().int(),
      status: z.string(),
      repliedAt: z.string().optional(),
      late: z.boolean().optional(),
      implied: z.boolean().optional(),
    }),
  ),
});

function parsed<T extends z.ZodType>(schema: T, doc: unknown, what: string): z.output<T> {
  const result = schema.safeParse(doc);
  if (!result.success) throw new Error(`${what} ${(doc as { _id?: unknown })._id}: ${result.error.message}`);
  return result.data;
}

async function* read<T extends z.ZodType, R>(
  connection: Connection,
  collection: string,
  schema: T,
  map: (d: z.output<T>) => R,
): AsyncIterable<R> {
  for await (const doc of connection.collection(collection).find({})) yield map(parsed(schema, doc, `${connection.name}.${collection}`));
}

/** order-intake's and broadcast's databases, read only. */
export function sourcesOf(orderIntake: Connection, broadcast: Connection): Sources {
  return {
    orders: () =>
      read<typeof Order, SourceOrder>(orderIntake, 'orders', Order, (d) => ({
        id: d._id,
        leadJobcentre: d.leadJobcentre,
        cooperation: d.cooperation,
        channel: d.channel,
        registeredAt: d.registeredAt,
        status: d.status,
        closedAt: d.closedAt,
        positions: d.order.positions,
        hires: d.hires,
      })),
    serviceGoals: () =>
      read<typeof Goals, SourceGoals>(orderIntake, 'service_goals', Goals, (d) => ({
        orderId: d._id,
        warnedGoals: d.warnedGoals,
        breachedGoals: d.breachedGoals,
      })),
    rounds: () =>
      read<typeof Round, SourceRound>(broadcast, 'rounds', Round, (d) => ({
        id: d._id,
        orderId: d.orderId,
        leadJobcentre: d.leadJobcentre,
        openedAt: d.openedAt,
        recipients: d.recipients,
      })),
  };
}
