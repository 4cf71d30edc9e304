import { type CooperationsNow, CourseSummary, cooperationsAt, JobcentreCode, membersOf, OrderId, SCOPE_IDS } from '@rs/contracts';
import { isJobcentre } from '@rs/reference-data';
import {
  decodeCursor,
  HttpError,
  idParam,
  keyedId,
  mountRoutes,
  nextLink,
  type Principal,
  pageOf,
  pageQuery,
  replayedHeader,
  route,
} from '@rs/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import type { UpskillingDeps } from '../../app/deps';
import { openCourse } from '../../app/open-course';
import type { CourseAudience } from '../../app/ports';
import { mayManage, ownRequest } from '../../domain/access';
import type { Course } from '../../domain/course';
import { CourseListItem, CourseView, courseView, JobcentreCourseView, jobcentreCourseView } from './course-views';
import { courseNotFound, forbidden } from './problems';

const OpenCourseBody = z.strictObject({
  ...CourseSummary.shape,
  orderId: OrderId.nullable().default(null),
  /** The lead jobcentre: a jobcentre consultant's own (may be left out); a secretariat or admin names it. */
  leadJobcentre: JobcentreCode.optional(),
  scope: z.enum(SCOPE_IDS).default('cooperation'),
  budgetCeilings: z
    .array(z.strictObject({ jobcentre: JobcentreCode, dkk: z.number().int().min(0).max(100_000_000) }))
    .max(98)
    .default([]),
  defaultBudgetCeilingDkk: z.number().int().min(0).max(100_000_000).nullable().default(null),
});

export const CourseParams = z.object({ id: idParam(100) });

const CourseListQuery = z.object({
  ...pageQuery(100, 200),
  /** Only the courses open for requests, or only those allocated; absent: both. */
  status: z.enum(['open', 'allocated']).optional().meta({ description: 'open or allocated; absent: both' }),
});

/** Who leads a course opened by this principal, or the problem. */
function leadOf(principal: Principal, asked: number | undefined, cooperations: CooperationsNow): number {
  switch (principal.role) {
    case 'jobcentre':
      if (asked !== undefined && asked !== principal.jobcentre) {
        throw forbidden('A jobcentre opens courses as their lead only', 'Et jobcenter kan kun oprette kurser som tovholder selv');
      }
      return principal.jobcentre;
    case 'secretariat':
    case 'admin': {
      if (asked === undefined || !isJobcentre(asked)) {
        throw new HttpError(400, 'invalid-input', { en: 'Name the lead jobcentre', da: 'Angiv tovholderjobcentret' }, [
          { field: 'body.leadJobcentre', message: 'required: a jobcentre code / påkrævet: en jobcenterkode' },
        ]);
      }
      if (principal.role === 'secretariat' && !membersOf(cooperations, principal.cooperation).includes(asked)) {
        throw forbidden('The lead must be a member of your cooperation', 'Tovholderen skal være med i jeres samarbejde');
      }
      return asked;
    }
    default:
      throw forbidden(
        'Courses are opened by a lead jobcentre or the secretariat',
        'Kurser oprettes af et tovholderjobcenter eller sekretariatet',
      );
  }
}

/** A jobcentre's own request on a course in the list: seats asked, allocated, waited for (null: no live request). */
function ownFigures(course: Course, jobcentre: number) {
  const r = course.requests.find((q) => q.jobcentre === jobcentre && !q.withdrawn);
  if (!r) return null;
  return { seats: r.seats, allocated: r.allocated, waitlisted: r.allocated === null ? 0 : Math.max(0, r.seats - r.allocated) };
}

/** What the principal may see of a course: all, its own part, or nothing (404). */
export function visibleCourse(principal: Principal, course: Course) {
  if (mayManage(principal, course)) return { status: 200, body: courseView(course) };
  if (principal.role === 'jobcentre' && ownRequest(principal, course).visible) {
    return { status: 200, body: jobcentreCourseView(course, principal.jobcentre) };
  }
  throw courseNotFound();
}

export function coursesRoutes(deps: UpskillingDeps) {
  const open = route({
    method: 'post',
    path: '/courses',
    summary: 'Open an upskilling course: offered at once to every jobcentre in scope, allocated when its request window closes',
    tags: ['courses'],
    body: OpenCourseBody,
    // Safe without the edge's record too: with an Idempotency-Key the course id follows from the
    // key, and the change log's unique insert refuses a second course under it.
    creates: true,
    responses: {
      201: { description: 'opened (or the course this key opened before)', schema: CourseView },
      422: { description: "the course's rules refuse it (dates, window, the positive-list pool's guarantee, ceilings), field by field" },
    },
    handle: async ({ principal, body, req }) => {
      const { leadJobcentre, scope, budgetCeilings, defaultBudgetCeilingDkk, ...summary } = body;
      const lead = leadOf(principal, leadJobcentre, cooperationsAt(deps.cooperations(), deps.now()));
      const result = await openCourse(deps, {
        // A retried create meets the first course by this id (its unique key).
        id: keyedId(req, principal, { uuidV5: false }),
        leadJobcentre: lead,
        scope,
        summary,
        budgetCeilings,
        defaultBudgetCeilingDkk,
      });
      if (result.kind === 'invalid') {
        throw new HttpError(
          422,
          'course-rules',
          {
            en: `The course cannot open: ${result.problems.map((p) => `${p.field} ${p.en}`).join('; ')}`,
            da: `Kurset kan ikke oprettes: ${result.problems.map((p) => `${p.field} ${p.da}`).join('; ')}`,
          },
          result.problems.map((p) => ({ field: p.field, message: `${p.en} / ${p.da}` })),
        );
      }
      const headers = { Location: `/courses/${result.course.id}`, ...replayedHeader(result.kind === 'exists') };
      return { status: 201, body: courseView(result.course), headers };
    },
  });

  const list = route({
    method: 'get',
    path: '/courses',
    summary: "The courses a caller sees: a jobcentre those offered to it, a secretariat its cooperation's, admins all",
    tags: ['courses'],
    query: CourseListQuery,
    responses: { 200: { description: 'newest window first, a page at a time', schema: pageOf('courses', CourseListItem) } },
    handle: async ({ principal, query }) => {
      const audience: CourseAudience | undefined =
        principal.role === 'admin'
          ? { all: true }
          : principal.role === 'secretariat'
            ? { cooperation: principal.cooperation }
            : principal.role === 'jobcentre'
              ? { jobcentre: principal.jobcentre }
              : undefined;
      if (!audience) throw forbidden('No courses for this role', 'Ingen kurser for denne rolle');
      const after = query.cursor ? decodeCursor(query.cursor) : undefined;
      const found = await deps.courses.list(audience, {
        limit: query.limit + 1,
        ...(query.status ? { status: query.status } : {}),
        ...(after ? { after: { windowClosesAt: after.key, id: after.id } } : {}),
      });
      const courses = found.slice(0, query.limit);
      const last = found.length > query.limit ? courses[courses.length - 1] : undefined;
      const { cursor: _cursor, ...kept } = query;
      return {
        status: 200,
        body: {
          next: nextLink('/courses', kept, last && { key: last.summary.windowClosesAt, id: last.id }),
          courses: courses.map((c) => ({
            id: c.id,
            title: c.summary.title,
            leadJobcentre: c.leadJobcentre,
            status: c.status,
            seats: c.summary.seats,
            windowClosesAt: c.summary.windowClosesAt,
            company: c.summary.company.name,
            ...(principal.role === 'jobcentre' ? { own: ownFigures(c, principal.jobcentre) } : {}),
          })),
        },
      };
    },
  });

  const read = route({
    method: 'get',
    path: '/courses/:id',
    summary:
      'A course: whole to its lead, its secretariat and admins (with every request, the allocation and the waiting list); a jobcentre in scope sees its own request only',
    tags: ['courses'],
    params: CourseParams,
    responses: { 200: { description: 'the course', schema: z.union([CourseView, JobcentreCourseView]) } },
    handle: async ({ principal, params }) => {
      const loaded = await deps.courses.load(params.id);
      if (!loaded) throw courseNotFound();
      return visibleCourse(principal, loaded.state);
    },
  });

  return (router: Router) => mountRoutes(router, [open, list, read]);
}
