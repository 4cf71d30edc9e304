import { type EventName, makeEnvelope, type PayloadOf, routeOf } from '@rs/contracts';
import type { PublishEntry } from '@rs/db';
import type { FundAgreement, RecruitmentAgreement } from '../domain/agreement';
import type { FollowUp } from '../domain/follow-ups';
import { SOURCE } from './deps';
import { derivedId } from './service-goal-outgoing';

/*
 * What order-intake tells reporting about follow-ups and agreements (R10, R11). Each message id
 * follows from the record (a follow-up is planned and answered once, an agreement recorded once),
 * and each travels in the outbox of the write that stores it.
 */

function event<N extends EventName>(name: N, data: PayloadOf<N>, id: string, time: Date, correlationId?: string): PublishEntry {
  return {
    kind: 'publish',
    id,
    ...routeOf(name),
    envelope: makeEnvelope(name, data, { id, time, source: SOURCE, ...(correlationId ? { correlationId } : {}) }),
  };
}

const plannedOf = (f: FollowUp): PayloadOf<'order.follow-up-planned'> => ({
  followUpId: f.id,
  orderId: f.orderId,
  cooperation: f.cooperation,
  jobcentre: f.jobcentre,
  candidateRef: f.candidateRef,
  startDate: f.startDate,
  weeksAfterStart: f.weeksAfterStart,
  dueOn: f.dueOn,
});

export const followUpPlanned = (f: FollowUp, now: Date): PublishEntry =>
  event('order.follow-up-planned', plannedOf(f), derivedId('follow-up-planned', f.id), now, f.orderId);

export function followUpRecorded(f: FollowUp): PublishEntry[] {
  if (!f.outcome) return [];
  return [
    event(
      'order.follow-up-recorded',
      { ...plannedOf(f), status: f.outcome.status, recordedAt: f.outcome.recordedAt },
      derivedId('follow-up-recorded', f.id),
      new Date(f.outcome.recordedAt),
      f.orderId,
    ),
  ];
}

const period = (p: { from: string; to?: string | undefined }) => ({ from: p.from, ...(p.to !== undefined ? { to: p.to } : {}) });

export const recruitmentAgreementRecorded = (a: RecruitmentAgreement): PublishEntry =>
  event(
    'agreement.recruitment-recorded',
    {
      agreementId: a.id,
      companyId: a.companyId,
      leadJobcentre: a.leadJobcentre,
      cooperation: a.cooperation,
      period: period(a.period),
      expectedHires: a.expectedHires,
      silenceMeansNone: a.terms.silenceMeansNone,
      recordedAt: a.createdAt,
    },
    derivedId('agreement-recorded', a.id),
    new Date(a.createdAt),
  );

export const fundAgreementRecorded = (a: FundAgreement): PublishEntry =>
  event(
    'agreement.a-kasse-recorded',
    { agreementId: a.id, fund: a.fund, cooperation: a.cooperation, period: period(a.period), recordedAt: a.createdAt },
    derivedId('fund-agreement-recorded', a.id),
    new Date(a.createdAt),
  );
