import { z } from 'zod';
import { CandidateRef, Instant, JobcentreCode, Scope } from './common';
import { CourseId, CourseSummary, courseSummaryExample } from './course';

/*
 * upskilling-seat → events: what reporting counts of the courses (R11: seats bought, used,
 * completed, hired after, cost per hire) and the companies' coming needs. Published through the
 * course's change log, so each goes out once per change. No personal data: participants appear
 * only as pseudonymous references.
 */

/** A course was opened: the seats bought, the price per seat, the positive list, the cooperation. */
export const CourseOpened = z.object({
  courseId: CourseId,
  leadJobcentre: JobcentreCode,
  /** The lead's cooperation when the course opened (its figures count the course), or null. */
  cooperation: z.string().min(1).max(40).nullable(),
  scope: Scope,
  /** Every jobcentre offered the course, the lead included. */
  inScope: z.array(JobcentreCode),
  course: CourseSummary,
  openedAt: Instant,
});
export type CourseOpened = z.infer<typeof CourseOpened>;

/**
 * A course's seats per jobcentre after a change: the allocation when the window closed, a seat
 * from the waiting list, seats given back or freed by the company's decline. Each share is the
 * jobcentre's standing after the change; `version` orders the changes of one course (a later
 * version supersedes an earlier one, whatever order they arrive in).
 */
export const CourseSeatsAllocated = z.object({
  courseId: CourseId,
  cooperation: z.string().min(1).max(40).nullable(),
  /** The course's version after the change (1, 2, …). */
  version: z.number().int().min(1),
  cause: z.enum(['allocation', 'waiting-list', 'given-back', 'declined']),
  shares: z
    .array(
      z.object({
        jobcentre: JobcentreCode,
        requested: z.number().int().min(0),
        allocated: z.number().int().min(0),
        waitlisted: z.number().int().min(0),
        costDkk: z.number().int().min(0),
      }),
    )
    .min(1),
  at: Instant,
});
export type CourseSeatsAllocated = z.infer<typeof CourseSeatsAllocated>;

/**
 * A participant's outcome on a course: started (the seat is used), completed or dropped out, and
 * whether the company hired them (`hiredOn`). `version` orders the changes of one course; the
 * latest outcome of a participant is theirs. Reporting links a hire to order-intake's
 * order.candidate-hired of the same candidate and jobcentre for the course's order or company.
 */
export const CourseOutcomeRecorded = z.object({
  courseId: CourseId,
  cooperation: z.string().min(1).max(40).nullable(),
  version: z.number().int().min(1),
  jobcentre: JobcentreCode,
  candidateRef: CandidateRef,
  status: z.enum(['started', 'completed', 'dropped-out']),
  /** The day the company hired the participant, or null. */
  hiredOn: z.iso.date().nullable(),
  /** The order the course serves (where a hire is looked for), or null. */
  orderId: z.string().min(1).max(100).nullable(),
  recordedAt: Instant,
});
export type CourseOutcomeRecorded = z.infer<typeof CourseOutcomeRecorded>;

/** A consultant recorded a company's coming need (for AMK Øst and the positive list). */
export const NeedRecorded = z.object({
  needId: z.string().min(1).max(100),
  company: z.string().min(1).max(200),
  occupation: z.string().min(1).max(200),
  count: z.number().int().min(1).max(10_000),
  /** The month the company expects to hire (YYYY-MM). */
  expectedBy: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM'),
  courseWouldHelp: z.boolean(),
  course: z.string().max(200).nullable(),
  /** The recording jobcentre (null when the secretariat recorded it). */
  jobcentre: JobcentreCode.nullable(),
  cooperation: z.string().min(1).max(40).nullable(),
  recordedAt: Instant,
});
export type NeedRecorded = z.infer<typeof NeedRecorded>;

export const courseOpenedExample: CourseOpened = {
  courseId: 'c-2026-0007',
  leadJobcentre: 101,
  cooperation: 'HRS',
  scope: 'cooperation',
  inScope: [101, 147, 185],
  course: courseSummaryExample,
  openedAt: '2026-12-01T09:00:00.000Z',
};

export const courseSeatsAllocatedExample: CourseSeatsAllocated = {
  courseId: 'c-2026-0007',
  cooperation: 'HRS',
  version: 5,
  cause: 'allocation',
  shares: [
    { jobcentre: 101, requested: 6, allocated: 6, waitlisted: 0, costDkk: 57000 },
    { jobcentre: 147, requested: 4, allocated: 4, waitlisted: 0, costDkk: 38000 },
  ],
  at: '2026-12-15T12:01:00.000Z',
};

export const courseOutcomeRecordedExample: CourseOutcomeRecorded = {
  courseId: 'c-2026-0007',
  cooperation: 'HRS',
  version: 9,
  jobcentre: 147,
  candidateRef: 'c-147-0042',
  status: 'completed',
  hiredOn: '2027-02-01',
  orderId: 'b3c1f7e2-3f0a-4a43-9f4e-2d9f3c1a7e10',
  recordedAt: '2027-02-02T10:00:00.000Z',
};

export const needRecordedExample: NeedRecorded = {
  needId: 'n-2026-0031',
  company: 'Lagerhuset A/S',
  occupation: 'Lagermedarbejder',
  count: 6,
  expectedBy: '2027-03',
  courseWouldHelp: true,
  course: 'Truckcertifikat A og B',
  jobcentre: 101,
  cooperation: 'HRS',
  recordedAt: '2026-12-01T09:00:00.000Z',
};
