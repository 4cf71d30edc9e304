import { type Request, type Response, Router } from 'express';
import { ApiError, apiClient, fieldErrors } from '../api';
import { type PageContext, signedIn, type WebOptions } from '../context';
import { requireCsrf } from '../csrf';
import { COURSE_ROLES, CourseId, jobcentreOf, langOf, loadOutcomes, messageOf, problemText, refused, tOf } from './course-shared';
import { type FormValues, formValues, seatsBody } from './courses-form';
import type { CoursePage, RequestView } from './courses-types';

/** The most seats a jobcentre may ask for on a course: its seats, and no more than its ceiling pays for. */
function maxSeatsOf(course: CoursePage, jobcentre: number): { max: number; ceiling: number | null } {
  if ('maxSeats' in course) return { max: course.maxSeats, ceiling: course.budgetCeilingDkk };
  const ceiling = course.budgetCeilings.find((c) => c.jobcentre === jobcentre)?.dkk ?? course.defaultBudgetCeilingDkk;
  const price = course.summary.pricePerSeatDkk;
  const max = ceiling === null || price === 0 ? course.summary.seats : Math.min(course.summary.seats, Math.floor(ceiling / price));
  return { max, ceiling };
}

/**
 * A course's page: the summary; a requesting jobcentre's own request, changed or withdrawn until
 * the window closes, then its allocation with the explanation and its waiting-list place; for the
 * lead every jobcentre's request, the allocation, the waiting list and the outcomes.
 */
export function coursePageRoutes(options: WebOptions, page: PageContext): Router {
  const router = Router();
  const base = options.services.upskilling;
  const now = () => options.now?.() ?? new Date();
  const api = (req: Request) => apiClient(req.session.accessToken ?? '');

  const renderCourse = async (
    req: Request,
    res: Response,
    id: string,
    extra: { problem?: string; problemField?: string; values?: FormValues } = {},
  ) => {
    const client = api(req);
    const path = `/courses/${encodeURIComponent(id)}`;
    const course = await client.get<CoursePage>(base, path);
    const me = jobcentreOf(req.session.principal);
    const manages = 'requests' in course;
    const inScope = me !== undefined && course.inScope.includes(me);
    const ownRaw = !inScope ? null : 'own' in course ? course.own : (course.requests.find((r) => r.jobcentre === me) ?? null);
    const own = ownRaw && !ownRaw.withdrawn ? ownRaw : null;
    const figures = course.status === 'allocated' ? await loadOutcomes(client, base, path, options.logger) : { outcomesUnavailable: false };
    page.render(res, 'course-page', 'courses.title', {
      course,
      manages,
      inScope,
      me,
      own,
      limits: me !== undefined && inScope ? maxSeatsOf(course, me) : undefined,
      closed: Date.parse(course.summary.windowClosesAt) <= now().getTime(),
      ...figures,
      explanation: (r: RequestView) => (r.explanation ? r.explanation[langOf(res)] : undefined),
      ...extra,
    });
  };

  router.get('/courses/:id', signedIn([...COURSE_ROLES]), async (req, res, next) => {
    try {
      const id = CourseId.safeParse(req.params.id);
      if (!id.success) throw new ApiError(404, undefined);
      await renderCourse(req, res, id.data);
    } catch (error) {
      next(error);
    }
  });

  router.post('/courses/:id/request', signedIn(['jobcentre']), requireCsrf, async (req, res, next) => {
    try {
      const id = CourseId.safeParse(req.params.id);
      if (!id.success) throw new ApiError(404, undefined);
      const me = jobcentreOf(req.session.principal) as number;
      const values = formValues(req.body);
      const t = tOf(res);
      const retry = async (status: number, problem: string, problemField: string) => {
        res.status(status);
        await renderCourse(req, res, id.data, { problem, problemField, values });
      };
      const form = seatsBody(values);
      if (!form.ok) {
        const [field, p] = Object.entries(form.problems)[0] ?? ['seats', { key: 'courses.req.refused' as const }];
        return retry(400, messageOf(p, t), field);
      }
      try {
        await api(req).put(base, `/courses/${encodeURIComponent(id.data)}/requests/${me}`, form.body);
        req.session.flash = { kind: 'success', key: 'courses.req.recorded' };
        res.redirect(303, `/courses/${encodeURIComponent(id.data)}`);
      } catch (error) {
        if (!refused(error)) throw error;
        // `candidates.0` is one candidate's problem: shown at the candidates, not at the seats.
        const field = Object.keys(fieldErrors(error))[0] ?? '';
        await retry(
          error.status,
          problemText(error, langOf(res)) ?? t('courses.req.refused'),
          field.startsWith('candidates') ? 'candidates' : 'seats',
        );
      }
    } catch (error) {
      next(error);
    }
  });

  router.post('/courses/:id/withdraw', signedIn(['jobcentre']), requireCsrf, async (req, res, next) => {
    try {
      const id = CourseId.safeParse(req.params.id);
      if (!id.success) throw new ApiError(404, undefined);
      const me = jobcentreOf(req.session.principal) as number;
      try {
        await api(req).delete(base, `/courses/${encodeURIComponent(id.data)}/requests/${me}`);
        req.session.flash = { kind: 'success', key: 'courses.req.withdrawn' };
        res.redirect(303, `/courses/${encodeURIComponent(id.data)}`);
      } catch (error) {
        if (!refused(error)) throw error;
        res.status(error.status);
        await renderCourse(req, res, id.data, { problem: problemText(error, langOf(res)), problemField: 'withdraw' });
      }
    } catch (error) {
      next(error);
    }
  });

  return router;
}
