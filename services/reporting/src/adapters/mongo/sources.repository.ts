import type { Connection } from 'mongoose';
import { z } from 'zod';
import type { Sources } from '../../app/ports';
import type {
  SourceAgreement,
  SourceCourse,
  SourceFollowUp,
  SourceGoals,
  SourceNeed,
  SourceOrder,
  SourceRound,
} from '../../domain/from-sources';

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
  order: z.object({ positions: z.number().int().min(1), companyName: z.string().optional() }),
  hires: z.array(z.object({ jobcentre: z.number().int(), candidateRef: z.string(), hiredAt: z.string() })).default([]),
});
const Goals = z.object({ _id: z.string(), warnedGoals: z.array(z.string()).default([]), breachedGoals: z.array(z.string()).default([]) });
const Round = z.object({
  _id: z.string(),
  orderId: z.string(),
  leadJobcentre: z.number().int(),
  scope: z.enum(['cooperation', 'east-denmark', 'national']).optional(),
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

const FollowUp = z.object({
  _id: z.string(),
  orderId: z.string(),
  cooperation: z.string(),
  jobcentre: z.number().int(),
  candidateRef: z.string().optional(),
  dueOn: z.string(),
  outcome: z
    .object({ status: z.enum(['still-employed', 'left']) })
    .nullable()
    .default(null),
});
const DayPeriod = z.object({ from: z.string(), to: z.string().optional() });
const RecruitmentAgreement = z.object({
  _id: z.string(),
  leadJobcentre: z.number().int(),
  cooperation: z.string().nullable().default(null),
  period: DayPeriod,
  expectedHires: z.number().int(),
});
const FundAgreement = z.object({ _id: z.string(), cooperation: z.string(), period: DayPeriod });
const Course = z.object({
  _id: z.string(),
  version: z.number().int(),
  leadJobcentre: z.number().int(),
  cooperation: z.string().nullable().default(null),
  status: z.string(),
  openedAt: z.string(),
  summary: z.object({
    seats: z.number().int(),
    pricePerSeatDkk: z.number().int(),
    positiveList: z.unknown().nullable().default(null),
    orderId: z.string().nullable().default(null),
    company: z.object({ name: z.string() }),
  }),
  requests: z
    .array(
      z.object({
        jobcentre: z.number().int(),
        allocated: z.number().int().nullable().default(null),
        candidates: z
          .array(
            z.object({
              candidateRef: z.string(),
              outcome: z.object({ status: z.enum(['started', 'completed', 'dropped-out']), hiredOn: z.string().nullable() }).optional(),
            }),
          )
          .default([]),
      }),
    )
    .default([]),
});
const Need = z.object({
  _id: z.string(),
  cooperation: z.string().nullable().default(null),
  jobcentre: z.number().int().nullable().default(null),
  count: z.number().int(),
  expectedBy: z.string(),
  courseWouldHelp: z.boolean(),
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

/** order-intake's, broadcast's and upskilling-seat's databases, read only. */
export function sourcesOf(orderIntake: Connection, broadcast: Connection, upskilling: Connection): Sources {
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
        company: d.order.companyName,
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
        scope: d.scope,
        openedAt: d.openedAt,
        recipients: d.recipients,
      })),
    followUps: () =>
      read<typeof FollowUp, SourceFollowUp>(orderIntake, 'follow_ups', FollowUp, (d) => ({
        id: d._id,
        orderId: d.orderId,
        cooperation: d.cooperation,
        jobcentre: d.jobcentre,
        candidateRef: d.candidateRef,
        dueOn: d.dueOn,
        outcome: d.outcome,
      })),
    agreements: async function* () {
      yield* read<typeof RecruitmentAgreement, SourceAgreement>(orderIntake, 'recruitment_agreements', RecruitmentAgreement, (d) => ({
        id: d._id,
        agreement: 'recruitment',
        cooperation: d.cooperation,
        leadJobcentre: d.leadJobcentre,
        period: d.period,
        expectedHires: d.expectedHires,
      }));
      yield* read<typeof FundAgreement, SourceAgreement>(orderIntake, 'fund_agreements', FundAgreement, (d) => ({
        id: d._id,
        agreement: 'a-kasse',
        cooperation: d.cooperation,
        leadJobcentre: null,
        period: d.period,
        expectedHires: 0,
      }));
    },
    courses: () =>
      read<typeof Course, SourceCourse>(upskilling, 'courses', Course, (d) => ({
        id: d._id,
        version: d.version,
        leadJobcentre: d.leadJobcentre,
        cooperation: d.cooperation,
        status: d.status,
        openedAt: d.openedAt,
        summary: d.summary,
        requests: d.requests,
      })),
    needs: () =>
      read<typeof Need, SourceNeed>(upskilling, 'company_needs', Need, (d) => ({
        id: d._id,
        cooperation: d.cooperation,
        jobcentre: d.jobcentre,
        count: d.count,
        expectedBy: d.expectedBy,
        courseWouldHelp: d.courseWouldHelp,
      })),
  };
}
