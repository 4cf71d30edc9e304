import { z } from 'zod';
import { CandidateRef, Instant, JobcentreCode, OrderId } from './common';

/*
 * order-intake → events: what reporting counts of onboarding follow-ups (R10: retention) and of
 * agreements in force (R11). Each is sent once, from the record's own change log.
 */

/** A period of days, both ends included; `to` absent runs until further notice. */
export const DayPeriod = z.object({ from: z.iso.date(), to: z.iso.date().optional() });

/** A hire on a large project got a follow-up, due `weeksAfterStart` weeks after the start. */
export const FollowUpPlanned = z.object({
  followUpId: z.string().min(1).max(300),
  orderId: OrderId,
  cooperation: z.string().min(1).max(40),
  /** The supplying jobcentre, home of the candidate. */
  jobcentre: JobcentreCode,
  candidateRef: CandidateRef,
  startDate: z.iso.date(),
  weeksAfterStart: z.number().int().min(1).max(520),
  dueOn: z.iso.date(),
});
export type FollowUpPlanned = z.infer<typeof FollowUpPlanned>;

/** The onboarding consultant recorded a follow-up's outcome: still employed, or left. */
export const FollowUpRecorded = FollowUpPlanned.extend({
  status: z.enum(['still-employed', 'left']),
  recordedAt: Instant,
});
export type FollowUpRecorded = z.infer<typeof FollowUpRecorded>;

/** A recruitment agreement (rekrutteringsaftale) with a company was recorded by its lead jobcentre. */
export const RecruitmentAgreementRecorded = z.object({
  agreementId: z.string().min(1).max(100),
  companyId: z.string().min(1).max(100),
  leadJobcentre: JobcentreCode,
  cooperation: z.string().min(1).max(40).nullable(),
  period: DayPeriod,
  expectedHires: z.number().int().min(0),
  silenceMeansNone: z.boolean(),
  recordedAt: Instant,
});
export type RecruitmentAgreementRecorded = z.infer<typeof RecruitmentAgreementRecorded>;

/** An agreement with an unemployment fund (a-kasse) was recorded by a cooperation's secretariat. */
export const FundAgreementRecorded = z.object({
  agreementId: z.string().min(1).max(100),
  fund: z.string().min(1).max(200),
  cooperation: z.string().min(1).max(40),
  period: DayPeriod,
  recordedAt: Instant,
});
export type FundAgreementRecorded = z.infer<typeof FundAgreementRecorded>;

export const followUpPlannedExample: FollowUpPlanned = {
  followUpId: 'b3c1f7e2-3f0a-4a43-9f4e-2d9f3c1a7e10-147-c-147-0042-w6',
  orderId: 'b3c1f7e2-3f0a-4a43-9f4e-2d9f3c1a7e10',
  cooperation: 'HRS',
  jobcentre: 147,
  candidateRef: 'c-147-0042',
  startDate: '2027-01-04',
  weeksAfterStart: 6,
  dueOn: '2027-02-15',
};

export const followUpRecordedExample: FollowUpRecorded = {
  ...followUpPlannedExample,
  status: 'still-employed',
  recordedAt: '2027-02-15T13:00:00.000Z',
};

export const recruitmentAgreementRecordedExample: RecruitmentAgreementRecorded = {
  agreementId: '5e0c2d7a-8f1b-4c3e-9a6d-2b7f0e1c4a58',
  companyId: '0b9a2c44-1d2e-4f5a-8b6c-7d8e9f0a1b2c',
  leadJobcentre: 101,
  cooperation: 'HRS',
  period: { from: '2026-01-01', to: '2026-12-31' },
  expectedHires: 20,
  silenceMeansNone: false,
  recordedAt: '2025-12-10T10:00:00.000Z',
};

export const fundAgreementRecordedExample: FundAgreementRecorded = {
  agreementId: '9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d',
  fund: '3F A-kasse',
  cooperation: 'HRS',
  period: { from: '2026-03-01' },
  recordedAt: '2026-02-20T10:00:00.000Z',
};
