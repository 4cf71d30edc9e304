import { CandidateRef, JobcentreCode } from '@rs/contracts';
import { codeParam, HttpError, idParam, type Logger, mountRoutes, type Principal, route } from '@rs/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import { type ApplyResult, UnknownCourseError } from '../../app/apply-to-course';
import { coSelect } from '../../app/co-select';
import type { UpskillingDeps } from '../../app/deps';
import { recordOutcome } from '../../app/record-outcome';
import { requestSeats, withdrawSeats } from '../../app/request-seats';
import { mayManage, mayRecordOutcome, mayRequestFor, ownRequest } from '../../domain/access';
import type { Course } from '../../domain/course';
import { courseOutcomes } from '../../domain/outcomes';
import { RequestView, requestView } from './course-views';
import { courseNotFound, forbidden, refusalProblem } from './problems';

const RequestParams = z.object({ id: idParam(100), jobcentre: codeParam });
const SeatsBody = z.strictObject({
  seats: z.number().int().min(1).max(500),
  /** Absent keeps the candidates named before; [] names none. */
  candidates: z.array(CandidateRef).max(500).optional(),
});
const SelectionBody = z.strictObject({
  jobcentre: JobcentreCode,
  candidateRef: CandidateRef,
  decision: z.enum(['accepted', 'declined']),
});
const OutcomeParams = z.object({ id: idParam(100), jobcentre: codeParam, candidateRef: CandidateRef });
const OutcomeBody = z.strictObject({
  status: z.enum(['started', 'completed', 'dropped-out']),
  hiredOn: z.iso.date().nullable().default(null),
});

const ParticipantView = z.object({
  jobcentre: JobcentreCode,
  candidateRef: CandidateRef,
  status: z.enum(['named', 'started', 'completed', 'dropped-out']),
  hiredOn: z.string().nullable(),
  daysToHire: z.number().int().nullable(),
});
const Figures = z.object({
  seatsUsed: z.number().int(),
  participants: z.number().int(),
  started: z.number().int(),
  completed: z.number().int(),
  droppedOut: z.number().int(),
  completionRate: z.number().nullable(),
  hired: z.number().int(),
  medianDaysToHire: z.number().nullable(),
  costDkk: z.number().int(),
  costPerHireDkk: z.number().int().nullable(),
});
const OutcomesView = z
  .object({
    courseId: z.string(),
    total: Figures,
    jobcentres: z.array(Figures.extend({ jobcentre: JobcentreCode })),
    participants: z.array(ParticipantView),
    guaranteeDeclared: z.number().int().nullable(),
    guaranteeKept: z.boolean().nullable(),
  })
  .meta({ id: 'CourseOutcomes' });

/** Loads the course a principal may see (else 404: another jobcentre's course does not exist for it). */
async function visible(deps: UpskillingDeps, principal: Principal, id: string): Promise<Course> {
  const loaded = await deps.courses.load(id);
  if (!loaded) throw courseNotFound();
  const course = loaded.state;
  if (!mayManage(principal, course) && !ownRequest(principal, course).visible) throw courseNotFound();
  return course;
}

async function applied(run: () => Promise<ApplyResult>): Promise<Course> {
  try {
    const result = await run();
    if (result.outcome === 'refused') throw refusalProblem(result.refusal);
    return result.course;
  } catch (error) {
    if (error instanceof UnknownCourseError) throw courseNotFound();
    throw error;
  }
}

function ownView(course: Course, jobcentre: number) {
  const request = course.requests.find((r) => r.jobcentre === jobcentre);
  if (!request) throw new HttpError(404, 'no-request', { en: 'No request from this jobcentre', da: 'Ingen anmodning fra dette jobcenter' });
  return requestView(course, request);
}

/**
 * `logger` takes the audit line of each read of a request with its named candidates (who read
 * which jobcentre's request), as broadcast's catch-up feed does.
 */
export function requestsRoutes(deps: UpskillingDeps, logger: Pick<Logger, 'info'>) {
  const read = route({
    method: 'get',
    path: '/courses/:id/requests/:jobcentre',
    summary:
      "One jobcentre's seat request with its named candidates, allocation, explanation and waiting-list place: to that jobcentre itself and to whoever manages the course",
    description: 'Another jobcentre never sees it (404, as a course it was not offered): not its seats, not its candidates.',
    tags: ['requests'],
    params: RequestParams,
    responses: {
      200: { description: 'the request', schema: RequestView },
      404: { description: 'no such course or request, or not yours to see' },
    },
    handle: async ({ principal, params }) => {
      const course = await visible(deps, principal, params.id);
      if (!mayManage(principal, course) && !mayRequestFor(principal, params.jobcentre)) throw courseNotFound();
      const body = ownView(course, params.jobcentre);
      logger.info(
        {
          audit: 'seat-request-read',
          by: principal.sub,
          role: principal.role,
          course: params.id,
          jobcentre: params.jobcentre,
          candidates: body.candidates.length,
        },
        'seat request read',
      );
      return { status: 200, body };
    },
  });

  const put = route({
    method: 'put',
    path: '/courses/:id/requests/:jobcentre',
    summary:
      "A jobcentre's seat request, made or changed until the window closes (after it: only fewer seats, given back to the waiting list)",
    description: 'Only the jobcentre itself may request; a request over its budget ceiling is refused with the figures (422).',
    tags: ['requests'],
    params: RequestParams,
    body: SeatsBody,
    responses: {
      200: { description: 'the request as recorded', schema: RequestView },
      409: { description: 'the window has closed (or a declined candidate was named)' },
      422: { description: 'over the budget ceiling, over the seats, or more candidates than seats' },
    },
    handle: async ({ principal, params, body }) => {
      if (!mayRequestFor(principal, params.jobcentre)) {
        throw forbidden(
          "Seats are requested by the jobcentre itself, never in another's name",
          'Pladser anmodes kun af jobcentret selv, aldrig i et andets navn',
        );
      }
      await visible(deps, principal, params.id);
      const course = await applied(() => requestSeats(deps, params.jobcentre, params.id, body));
      return { status: 200, body: ownView(course, params.jobcentre) };
    },
  });

  const withdraw = route({
    method: 'delete',
    path: '/courses/:id/requests/:jobcentre',
    summary: "Withdraw a jobcentre's request (after allocation: give back every seat to the waiting list)",
    tags: ['requests'],
    params: RequestParams,
    responses: {
      200: { description: 'withdrawn', schema: z.object({ courseId: z.string(), jobcentre: JobcentreCode, withdrawn: z.literal(true) }) },
      409: { description: 'the window closed and the allocation is under way' },
    },
    handle: async ({ principal, params }) => {
      if (!mayRequestFor(principal, params.jobcentre)) {
        throw forbidden('Only the jobcentre itself withdraws its request', 'Kun jobcentret selv kan trække sin anmodning tilbage');
      }
      await visible(deps, principal, params.id);
      await applied(() => withdrawSeats(deps, params.jobcentre, params.id));
      return { status: 200, body: { courseId: params.id, jobcentre: params.jobcentre, withdrawn: true as const } };
    },
  });

  const select = route({
    method: 'post',
    path: '/courses/:id/selections',
    summary: "Company co-selection through the lead: accept or decline a named candidate; a decline frees the candidate's seat",
    tags: ['co-selection'],
    params: z.object({ id: idParam(100) }),
    body: SelectionBody,
    responses: {
      200: { description: "the candidate's jobcentre's request after the decision", schema: RequestView },
      409: { description: 'the candidate was declined already' },
    },
    handle: async ({ principal, params, body }) => {
      const course = await visible(deps, principal, params.id);
      if (!mayManage(principal, course)) {
        throw forbidden('The company selects through the lead jobcentre', 'Virksomheden vælger via tovholderjobcentret');
      }
      const after = await applied(() => coSelect(deps, params.id, body));
      return { status: 200, body: ownView(after, body.jobcentre) };
    },
  });

  const outcome = route({
    method: 'put',
    path: '/courses/:id/outcomes/:jobcentre/:candidateRef',
    summary: "A participant's outcome: started, completed or dropped out, and the day the company hired them",
    tags: ['outcomes'],
    params: OutcomeParams,
    body: OutcomeBody,
    responses: {
      200: { description: 'recorded', schema: ParticipantView },
      409: { description: 'the seats are not allocated yet' },
    },
    handle: async ({ principal, params, body }) => {
      const course = await visible(deps, principal, params.id);
      if (!mayRecordOutcome(principal, course, params.jobcentre)) {
        throw forbidden(
          "Outcomes are recorded by the lead or the participant's own jobcentre",
          'Resultater registreres af tovholderen eller deltagerens eget jobcenter',
        );
      }
      const after = await applied(() =>
        recordOutcome(deps, params.id, { jobcentre: params.jobcentre, candidateRef: params.candidateRef, ...body }),
      );
      const participant = courseOutcomes(after, params.jobcentre).participants.find((p) => p.candidateRef === params.candidateRef);
      if (!participant) throw courseNotFound();
      return { status: 200, body: participant };
    },
  });

  const outcomes = route({
    method: 'get',
    path: '/courses/:id/outcomes',
    summary:
      'Outcomes per participant, per jobcentre and for the course: seats used, completion rate, hires, cost per hire, guarantee kept',
    tags: ['outcomes'],
    params: z.object({ id: idParam(100) }),
    responses: { 200: { description: 'a jobcentre in scope sees its own figures only', schema: OutcomesView } },
    handle: async ({ principal, params }) => {
      const course = await visible(deps, principal, params.id);
      const only = mayManage(principal, course) ? undefined : principal.role === 'jobcentre' ? principal.jobcentre : undefined;
      return { status: 200, body: courseOutcomes(course, only, deps.now()) };
    },
  });

  return (router: Router) => mountRoutes(router, [read, put, withdraw, select, outcome, outcomes]);
}
