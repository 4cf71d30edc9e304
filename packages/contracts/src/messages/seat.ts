import { z } from 'zod';
import { CandidateRef, Instant, JobcentreCode } from './common';
import { CourseId } from './course';

/** A message for a person, in English and Danish. */
const Bilingual = z.object({ en: z.string().min(1).max(2000), da: z.string().min(1).max(2000) });

/**
 * connector → upskilling-seat: this jobcentre asks for `seats` seats on the course, optionally
 * naming pseudonymous candidates from the pool (never more than the seats). The sender is the
 * broker-validated user_id. A later request replaces the earlier one until the window closes;
 * after it, only a smaller number is accepted (seats given back go to the waiting list).
 */
export const SeatRequest = z.object({
  courseId: CourseId,
  seats: z.number().int().min(1).max(500),
  /** Absent keeps the candidates named before; an empty list names none (accepted ones or ones with an outcome cannot be dropped). */
  candidates: z.array(CandidateRef).max(500).optional(),
});
export type SeatRequest = z.infer<typeof SeatRequest>;

export const seatRequestExample: SeatRequest = { courseId: 'c-2026-0007', seats: 3, candidates: ['c-147-0042', 'c-147-0107'] };

/** connector → upskilling-seat: this jobcentre withdraws its request (after allocation: gives back every seat it got). */
export const SeatWithdraw = z.object({ courseId: CourseId });
export type SeatWithdraw = z.infer<typeof SeatWithdraw>;

export const seatWithdrawExample: SeatWithdraw = { courseId: 'c-2026-0007' };

/** Why a seat request was refused. RENAMING A CODE IS A CONTRACT CHANGE: connectors switch on them. */
export const SEAT_REFUSAL_REASONS = {
  'invalid-request': {
    en: 'The request does not match the schema of seat.request or seat.withdraw',
    da: 'Anmodningen passer ikke til skemaet for seat.request eller seat.withdraw',
  },
  'unknown-course': { en: 'No course with this id exists', da: 'Der findes intet kursus med dette id' },
  'not-in-scope': { en: 'The course was not offered to your jobcentre', da: 'Kurset er ikke tilbudt jeres jobcenter' },
  'window-closed': {
    en: 'The request window has closed: only fewer seats than allocated can be given back now',
    da: 'Fristen for anmodninger er udløbet: nu kan I kun give pladser tilbage',
  },
  'over-budget': { en: 'The request costs more than your budget ceiling', da: 'Anmodningen koster mere end jeres budgetloft' },
  'over-seats': { en: 'More seats than the course has', da: 'Flere pladser end kurset har' },
  'too-many-candidates': {
    en: 'More candidates named than seats requested, or a candidate named twice',
    da: 'Flere kandidater end ønskede pladser, eller en kandidat nævnt to gange',
  },
  'declined-candidate': {
    en: 'A named candidate was declined by the company',
    da: 'En nævnt kandidat er fravalgt af virksomheden',
  },
  'no-request': { en: 'Your jobcentre has no request on this course', da: 'Jeres jobcenter har ingen anmodning på kurset' },
  'kept-candidate': {
    en: 'A candidate the company accepted, or with an outcome recorded, was left out: name them again',
    da: 'En kandidat, som virksomheden har valgt, eller som har et resultat, blev udeladt: nævn dem igen',
  },
  'over-allocated': {
    en: 'More candidates than the seats your jobcentre got',
    da: 'Flere kandidater end de pladser, jeres jobcenter har fået',
  },
} as const;
export type SeatRefusalReason = keyof typeof SEAT_REFUSAL_REASONS;
export const SeatRefusalReason = z.enum(Object.keys(SEAT_REFUSAL_REASONS) as [SeatRefusalReason, ...SeatRefusalReason[]]);

/**
 * upskilling-seat → the sender's own queue: its seat.request or seat.withdraw was refused; nothing
 * changed. A refusal by the course's rules is acked (not a dead letter); only a body that fails the schema is dead-lettered.
 */
export const SeatRequestRefused = z.object({
  refusedMessageId: z.string().min(1).max(200),
  recipient: JobcentreCode,
  courseId: CourseId.optional(),
  reason: SeatRefusalReason,
  message: Bilingual,
  /** The figures or fields behind the refusal (e.g. the cost and the ceiling), never personal data. */
  detail: z.string().max(2000).optional(),
  /** The same in Danish, when the service has it. */
  detailDa: z.string().max(2000).optional(),
  refusedAt: Instant,
});
export type SeatRequestRefused = z.infer<typeof SeatRequestRefused>;

export const seatRequestRefusedExample: SeatRequestRefused = {
  refusedMessageId: '5d0b7a5e-8f1e-4f8e-9a57-1f0d3c2b9e44',
  recipient: 147,
  courseId: 'c-2026-0007',
  reason: 'over-budget',
  message: SEAT_REFUSAL_REASONS['over-budget'],
  detail: '5 seats × 9500 kr = 47500 kr is over your budget ceiling of 38000 kr (at most 4 seats)',
  detailDa: '5 pladser × 9500 kr = 47500 kr overstiger jeres budgetloft på 38000 kr (højst 4 pladser)',
  refusedAt: '2026-12-02T10:00:00.000Z',
};

/** upskilling-seat → the requesting jobcentre's queue: its request as recorded now (by connector or web page), or withdrawn. */
export const SeatRequestRecorded = z.object({
  courseId: CourseId,
  recipient: JobcentreCode,
  seats: z.number().int().min(0),
  candidates: z.array(CandidateRef),
  costDkk: z.number().int().min(0),
  withdrawn: z.boolean(),
  recordedAt: Instant,
});
export type SeatRequestRecorded = z.infer<typeof SeatRequestRecorded>;

export const seatRequestRecordedExample: SeatRequestRecorded = {
  courseId: 'c-2026-0007',
  recipient: 147,
  seats: 3,
  candidates: ['c-147-0042', 'c-147-0107'],
  costDkk: 28500,
  withdrawn: false,
  recordedAt: '2026-12-02T10:00:00.000Z',
};

/** upskilling-seat → each requesting jobcentre's queue when the window closed: its seats, cost and why. */
export const SeatAllocated = z.object({
  courseId: CourseId,
  recipient: JobcentreCode,
  requested: z.number().int().min(0),
  allocated: z.number().int().min(0),
  /** Seats still wanted: this jobcentre is on the waiting list for them. */
  waitlisted: z.number().int().min(0),
  costDkk: z.number().int().min(0),
  explanation: Bilingual,
  allocatedAt: Instant,
});
export type SeatAllocated = z.infer<typeof SeatAllocated>;

export const seatAllocatedExample: SeatAllocated = {
  courseId: 'c-2026-0007',
  recipient: 147,
  requested: 4,
  allocated: 3,
  waitlisted: 1,
  costDkk: 28500,
  explanation: {
    en: '15 seats were requested for 12. Each requesting jobcentre first got 1 seat; the other 9 were shared in proportion to what was still asked (largest remainder, ties by request time). You asked for 4: 1 + 2 + 0 = 3. You are on the waiting list for 1.',
    da: 'Der blev bedt om 15 pladser til 12. Hvert jobcenter fik først 1 plads; de øvrige 9 blev fordelt i forhold til resten af ønskerne (største brøkdel, lighed afgøres af anmodningstid). I bad om 4: 1 + 2 + 0 = 3. I står på venteliste til 1.',
  },
  allocatedAt: '2026-12-15T12:00:00.400Z',
};

/** upskilling-seat → a waiting jobcentre's queue: a seat was freed (given back or declined) and is now yours. */
export const SeatGranted = z.object({
  courseId: CourseId,
  recipient: JobcentreCode,
  allocated: z.number().int().min(0),
  waitlisted: z.number().int().min(0),
  costDkk: z.number().int().min(0),
  explanation: Bilingual,
  grantedAt: Instant,
});
export type SeatGranted = z.infer<typeof SeatGranted>;

export const seatGrantedExample: SeatGranted = {
  courseId: 'c-2026-0007',
  recipient: 147,
  allocated: 4,
  waitlisted: 0,
  costDkk: 38000,
  explanation: {
    en: 'A seat was freed and you were first on the waiting list (the smallest share of your request so far).',
    da: 'En plads blev ledig, og I stod først på ventelisten (den mindste del af jeres ønske indtil nu).',
  },
  grantedAt: '2026-12-18T09:30:00.000Z',
};

/** upskilling-seat → the candidate's jobcentre: the company (through the lead) accepted or declined a named candidate. */
export const SeatCandidateDecided = z.object({
  courseId: CourseId,
  recipient: JobcentreCode,
  candidateRef: CandidateRef,
  decision: z.enum(['accepted', 'declined']),
  /** The jobcentre's seats after the decision (a decline frees the candidate's seat). */
  seats: z.number().int().min(0),
  allocated: z.number().int().min(0).nullable(),
  decidedAt: Instant,
});
export type SeatCandidateDecided = z.infer<typeof SeatCandidateDecided>;

export const seatCandidateDecidedExample: SeatCandidateDecided = {
  courseId: 'c-2026-0007',
  recipient: 147,
  candidateRef: 'c-147-0042',
  decision: 'declined',
  seats: 3,
  allocated: 2,
  decidedAt: '2026-12-16T11:00:00.000Z',
};
