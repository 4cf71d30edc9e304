import { z } from 'zod';
import { Instant, JobcentreCode, OrderId } from './common';
import { FreeText } from './cv';

/*
 * Upskilling courses (R9): a course bought for a company's recruitment need, offered to every
 * jobcentre in scope, its seats shared among the jobcentres that request them. No personal data:
 * candidates appear only as pseudonymous references (seat.ts), and the free-text fields refuse
 * CPR-shaped text and contact details (FreeText, as CVs do).
 */

export const CourseId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only');

/** Who runs the course: a vocational school (erhvervsskole), a VEU centre, or an AMU provider. */
export const CourseProvider = z.object({
  kind: z.enum(['vocational-school', 'veu-centre', 'amu']),
  name: FreeText(200, 1),
});

/** The regional positive list the course is on (e.g. Hovedstaden 2026), or null when it is not on one. */
export const PositiveListEntry = z.object({
  list: z.string().min(1).max(100),
  year: z.number().int().min(2015).max(2100),
});

/** The company's declaration behind a (near-)job guarantee: how many it will employ, and for how long. */
export const GuaranteeDeclaration = z.object({
  employCount: z.number().int().min(1).max(1000),
  /** Months of employment offered. The regional positive-list pool pays only for at least 3 months of ordinary employment. */
  employmentMonths: z.number().int().min(1).max(120),
  /** Ordinary employment (ordinær ansættelse), not a subsidised job. */
  ordinaryEmployment: z.boolean(),
  declaredBy: FreeText(200, 1),
  declaredOn: z.iso.date(),
});

export const Guarantee = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.enum(['near-job', 'job']), declaration: GuaranteeDeclaration }),
]);
export type Guarantee = z.infer<typeof Guarantee>;

/** Who pays for the seats: the regional positive-list pool, the jobcentres that take them, or the company. */
export const CourseFunding = z.enum(['regional-pool', 'jobcentres', 'company']);

/** What a jobcentre needs to decide whether to offer the course to its candidates. */
export const CourseSummary = z.object({
  title: FreeText(200, 1),
  provider: CourseProvider,
  positiveList: PositiveListEntry.nullable(),
  startDate: z.iso.date(),
  endDate: z.iso.date(),
  place: FreeText(200, 1),
  /** Seats bought. */
  seats: z.number().int().min(1).max(500),
  /** Who bought them (the signatory) and who pays. */
  boughtBy: FreeText(200, 1),
  fundedBy: CourseFunding,
  /** Whole kroner per seat; a jobcentre's cost is its seats × this. */
  pricePerSeatDkk: z.number().int().min(0).max(1_000_000),
  company: z.object({ name: FreeText(200, 1) }),
  /** The job order the course serves, if it was registered as one. */
  orderId: OrderId.nullable(),
  guarantee: Guarantee,
  /** Requests may be made, changed and withdrawn until then; the seats are allocated at that instant. */
  windowClosesAt: Instant,
});
export type CourseSummary = z.infer<typeof CourseSummary>;

/** upskilling-seat → every jobcentre in scope (the lead included): a course is open for seat requests. */
export const CourseOffered = z.object({
  courseId: CourseId,
  leadJobcentre: JobcentreCode,
  recipient: JobcentreCode,
  course: CourseSummary,
  /** This jobcentre's budget ceiling in kroner for the course, or null for none. */
  budgetCeilingDkk: z.number().int().min(0).nullable(),
  /** The most seats this jobcentre may request: the seats bought, and no more than its ceiling pays for. */
  maxSeats: z.number().int().min(0),
  offeredAt: Instant,
});
export type CourseOffered = z.infer<typeof CourseOffered>;

export const courseSummaryExample: CourseSummary = {
  title: 'Truckcertifikat A og B',
  provider: { kind: 'amu', name: 'AMU Hovedstaden' },
  positiveList: { list: 'Hovedstaden', year: 2026 },
  startDate: '2027-01-11',
  endDate: '2027-01-22',
  place: 'Glostrup',
  seats: 12,
  boughtBy: 'Jobcenter København',
  fundedBy: 'regional-pool',
  pricePerSeatDkk: 9500,
  company: { name: 'Lagerhuset A/S' },
  orderId: 'b3c1f7e2-3f0a-4a43-9f4e-2d9f3c1a7e10',
  guarantee: {
    kind: 'job',
    declaration: {
      employCount: 8,
      employmentMonths: 6,
      ordinaryEmployment: true,
      declaredBy: 'HR-chef Lise Holm',
      declaredOn: '2026-11-20',
    },
  },
  windowClosesAt: '2026-12-15T12:00:00.000Z',
};

export const courseOfferedExample: CourseOffered = {
  courseId: 'c-2026-0007',
  leadJobcentre: 101,
  recipient: 147,
  course: courseSummaryExample,
  budgetCeilingDkk: 38000,
  maxSeats: 4,
  offeredAt: '2026-12-01T09:00:00.000Z',
};
