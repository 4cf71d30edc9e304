/*
 * What upskilling-seat's API answers, as the course pages read it (its OpenAPI document:
 * CourseView, JobcentreCourseView, SeatRequestView, CourseOutcomes). Only the fields the pages use.
 */

export interface Bilingual {
  en: string;
  da: string;
}

export interface CandidateView {
  candidateRef: string;
  selection: 'pending' | 'accepted' | 'declined';
  outcome?: { status: 'started' | 'completed' | 'dropped-out'; hiredOn: string | null; recordedAt: string };
}

export interface RequestView {
  jobcentre: number;
  seats: number;
  candidates: CandidateView[];
  requestedAt: string;
  updatedAt: string;
  allocated: number | null;
  waitlisted: number;
  costDkk: number;
  explanation?: Bilingual;
  withdrawn: boolean;
  waitingListPlace: number | null;
}

export interface CourseSummary {
  title: string;
  provider: { kind: 'vocational-school' | 'veu-centre' | 'amu'; name: string };
  positiveList: { list: string; year: number } | null;
  startDate: string;
  endDate: string;
  place: string;
  seats: number;
  boughtBy: string;
  fundedBy: 'regional-pool' | 'jobcentres' | 'company';
  pricePerSeatDkk: number;
  company: { name: string };
  orderId: string | null;
  guarantee:
    | { kind: 'none' }
    | {
        kind: 'near-job' | 'job';
        declaration: { employCount: number; employmentMonths: number; ordinaryEmployment: boolean; declaredBy: string; declaredOn: string };
      };
  windowClosesAt: string;
}

interface CommonCourse {
  id: string;
  leadJobcentre: number;
  cooperation: string | null;
  scope: 'cooperation' | 'east-denmark' | 'national';
  inScope: number[];
  summary: CourseSummary;
  status: 'open' | 'allocated';
  openedAt: string;
  allocatedAt?: string;
  rule?: 'all-fit' | 'minimum-then-largest-remainder';
}

/** The whole course (its lead, its secretariat, admins). */
export interface ManagedCourse extends CommonCourse {
  budgetCeilings: { jobcentre: number; dkk: number }[];
  defaultBudgetCeilingDkk: number | null;
  requests: RequestView[];
  requestedSeats: number;
  allocatedSeats: number;
  waitingList: number[];
}

/** A jobcentre in scope: the course and its own part. */
export interface OfferedCourse extends CommonCourse {
  budgetCeilingDkk: number | null;
  maxSeats: number;
  own: RequestView | null;
}

export type CoursePage = ManagedCourse | OfferedCourse;

export interface CourseList {
  courses: {
    id: string;
    title: string;
    leadJobcentre: number;
    status: 'open' | 'allocated';
    seats: number;
    windowClosesAt: string;
    company: string;
    own?: { seats: number; allocated: number | null; waitlisted: number } | null;
  }[];
  /** The API's link to the next page; null on the last. */
  next: string | null;
}

export interface Figures {
  seatsUsed: number;
  participants: number;
  completed: number;
  completionRate: number | null;
  hired: number;
  costDkk: number;
  costPerHireDkk: number | null;
}

export interface Outcomes {
  total: Figures;
  jobcentres: (Figures & { jobcentre: number })[];
  participants: {
    jobcentre: number;
    candidateRef: string;
    status: 'named' | 'started' | 'completed' | 'dropped-out';
    hiredOn: string | null;
    daysToHire: number | null;
  }[];
  guaranteeDeclared: number | null;
  guaranteeKept: boolean | null;
}
