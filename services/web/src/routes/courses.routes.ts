import { randomUUID } from 'node:crypto';
import { allJobcentres, cooperation, cooperationOf, jobcentre } from '@rs/reference-data';
import type { Principal } from '@rs/service-kit';
import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { ApiError, apiClient, fieldErrors } from '../api';
import { type PageContext, signedIn, type WebOptions } from '../context';
import { requireCsrf } from '../csrf';
import type { Lang } from '../i18n';
import {
  badRefs,
  ceilingField,
  courseBody,
  FIELD_LABELS,
  type FieldProblems,
  FUNDINGS,
  type FormValues,
  formValues,
  GUARANTEES,
  inLanguage,
  PROVIDER_KINDS,
  SCOPES,
  splitRefs,
} from './courses-form';
import type { CourseList, CoursePage, Outcomes, RequestView } from './courses-types';

const COURSE_ROLES = ['jobcentre', 'secretariat', 'admin'] as const;
const CourseId = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/);
const Code = z.coerce.number().int().min(100).max(999);
const Status = z.enum(['open', 'allocated', 'all']).catch('open');
const SelectionForm = z.object({ jobcentre: Code, candidateRef: z.string().min(1).max(64), decision: z.enum(['accepted', 'declined']) });
const OutcomeForm = z.object({
  jobcentre: Code,
  candidateRef: z.string().min(1).max(64),
  status: z.enum(['started', 'completed', 'dropped-out']),
  hiredOn: z.union([z.literal(''), z.iso.date()]),
});

/** A problem's detail in the page's language (RFC 9457 with the Danish beside it). */
function problemText(error: unknown, lang: Lang): string | undefined {
  if (!(error instanceof ApiError) || typeof error.body !== 'object' || error.body === null) return undefined;
  const body = error.body as { detail?: unknown; detail_da?: unknown };
  const text = lang === 'da' ? body.detail_da : body.detail;
  return typeof text === 'string' ? text : undefined;
}

/** The API refused what the person asked (not a fault of the page or a service). */
const refused = (error: unknown): error is ApiError =>
  error instanceof ApiError && [400, 409, 422].includes(error.status) && typeof error.body === 'object';

const jobcentreOf = (principal: Principal | undefined) => (principal?.role === 'jobcentre' ? principal.jobcentre : undefined);

/** The most seats a jobcentre may ask for on a course: its seats, and no more than its ceiling pays for. */
function maxSeatsOf(course: CoursePage, jobcentre: number): { max: number; ceiling: number | null } {
  if ('maxSeats' in course) return { max: course.maxSeats, ceiling: course.budgetCeilingDkk };
  const ceiling = course.budgetCeilings.find((c) => c.jobcentre === jobcentre)?.dkk ?? course.defaultBudgetCeilingDkk;
  const price = course.summary.pricePerSeatDkk;
  const max = ceiling === null || price === 0 ? course.summary.seats : Math.min(course.summary.seats, Math.floor(ceiling / price));
  return { max, ceiling };
}

/**
 * Upskilling courses (issue 18) over upskilling-seat's API: the list by status, opening a course
 * (the lead), a course's page — a requesting jobcentre's own request, changed or withdrawn until
 * the window closes, then its allocation with the explanation and its waiting-list place; for the
 * lead every jobcentre's request, the allocation, the waiting list and outcomes — and one
 * jobcentre's request with the company's co-selection. What a user may see is the API's decision:
 * another jobcentre's request is 404 there, and so here.
 */
export function coursesRoutes(options: WebOptions, page: PageContext): Router {
  const router = Router();
  const base = options.services.upskilling;
  const now = () => options.now?.() ?? new Date();
  const api = (req: Request) => apiClient(req.session.accessToken ?? '');
  const langOf = (res: Response) => res.locals.lang as Lang;

  router.get('/courses', signedIn([...COURSE_ROLES]), async (req, res, next) => {
    try {
      const status = Status.parse(req.query.status);
      const list = await api(req).get<CourseList>(base, '/courses?limit=500');
      const shown = list.courses.filter((c) => status === 'all' || c.status === status);
      const me = jobcentreOf(req.session.principal);
      page.render(res, 'course-list', 'courses.title', {
        status,
        me,
        mine: me === undefined ? [] : shown.filter((c) => c.leadJobcentre === me),
        offered: me === undefined ? shown : shown.filter((c) => c.leadJobcentre !== me),
        nowMs: now().getTime(),
      });
    } catch (error) {
      next(error);
    }
  });

  /** The jobcentres offered a ceiling field, and the leads a secretariat or admin may choose. */
  const formContext = (principal: Principal) => {
    const me = jobcentreOf(principal);
    const leads =
      principal.role === 'secretariat'
        ? (cooperation(principal.cooperation)?.members ?? [])
        : principal.role === 'admin'
          ? allJobcentres().map((j) => j.code)
          : [];
    const coop = me !== undefined ? cooperationOf(me) : principal.role === 'secretariat' ? cooperation(principal.cooperation) : undefined;
    return {
      leadChoice: me === undefined,
      leads,
      ceilingCodes: [...(coop?.members ?? (me !== undefined ? [me] : []))].sort((a, b) => a - b),
    };
  };

  const renderForm = (req: Request, res: Response, values: FormValues, problems: FieldProblems = {}) => {
    const principal = req.session.principal as Principal;
    const t = res.locals.t as (key: string, vars?: Record<string, string | number>) => string;
    const message = (name: string) => {
      const p = problems[name];
      if (!p) return undefined;
      return 'text' in p ? p.text : t(p.key, p.vars);
    };
    const labelOf = (name: string): string | undefined => {
      const ceiling = /^ceiling\.(\d+)$/.exec(name);
      if (ceiling) return t('courses.f.ceilingFor', { name: jobcentre(Number(ceiling[1]))?.name ?? ceiling[1] ?? '' });
      const key = FIELD_LABELS[name];
      return key ? t(key).replace(/ \*$/, '') : undefined;
    };
    page.render(res, 'course-new', 'courses.new.title', {
      values,
      problems: Object.keys(problems).map((name) => ({ name, label: labelOf(name), message: message(name) })),
      message,
      ...formContext(principal),
      ceilingField,
      PROVIDER_KINDS,
      FUNDINGS,
      GUARANTEES,
      SCOPES,
    });
  };

  router.get('/courses/new', signedIn([...COURSE_ROLES]), (req, res) => {
    // A key per form: a form sent twice (a double click, a retry) opens one course.
    renderForm(req, res, { idempotencyKey: randomUUID(), scope: 'cooperation', fundedBy: 'regional-pool', 'guarantee.kind': 'job' });
  });

  router.post('/courses', signedIn([...COURSE_ROLES]), requireCsrf, async (req, res, next) => {
    try {
      const values = formValues(req.body);
      const context = formContext(req.session.principal as Principal);
      const parsed = courseBody(values, context.ceilingCodes, context.leadChoice);
      if (!parsed.ok) {
        res.status(400);
        return renderForm(req, res, values, parsed.problems);
      }
      try {
        const key = /^[0-9a-f-]{36}$/.test(values.idempotencyKey ?? '') ? (values.idempotencyKey as string) : randomUUID();
        const course = await api(req).post<{ id: string }>(base, '/courses', parsed.body, { 'idempotency-key': key });
        req.session.flash = { kind: 'success', key: 'courses.opened' };
        res.redirect(303, `/courses/${encodeURIComponent(course.id)}`);
      } catch (error) {
        if (!refused(error)) throw error;
        res.status(error.status);
        renderForm(req, res, values, courseProblems(error, langOf(res), parsed.ceilingOrder));
      }
    } catch (error) {
      next(error);
    }
  });

  /** The course page: the summary, the own request (a jobcentre in scope), and the lead's whole view. */
  const renderCourse = async (
    req: Request,
    res: Response,
    id: string,
    extra: { problem?: string; problemField?: string; values?: FormValues } = {},
  ) => {
    const client = api(req);
    const course = await client.get<CoursePage>(base, `/courses/${encodeURIComponent(id)}`);
    const me = jobcentreOf(req.session.principal);
    const manages = 'requests' in course;
    const inScope = me !== undefined && course.inScope.includes(me);
    const ownRaw = !inScope ? null : 'own' in course ? course.own : (course.requests.find((r) => r.jobcentre === me) ?? null);
    const own = ownRaw && !ownRaw.withdrawn ? ownRaw : null;
    const outcomes =
      course.status === 'allocated'
        ? await client.get<Outcomes>(base, `/courses/${encodeURIComponent(id)}/outcomes`).catch(() => undefined)
        : undefined;
    page.render(res, 'course-page', 'courses.title', {
      course,
      manages,
      inScope,
      me,
      own,
      limits: me !== undefined && inScope ? maxSeatsOf(course, me) : undefined,
      closed: Date.parse(course.summary.windowClosesAt) <= now().getTime(),
      outcomes,
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
      const retry = async (status: number, problem: string, problemField: string) => {
        res.status(status);
        await renderCourse(req, res, id.data, { problem, problemField, values });
      };
      const t = res.locals.t as (key: string) => string;
      const seats = Number(values.seats);
      if (!/^\d+$/.test(values.seats ?? '') || seats < 1 || seats > 500) {
        return retry(
          400,
          (res.locals.t as (k: string, v?: Record<string, number>) => string)('courses.err.int', { min: 1, max: 500 }),
          'seats',
        );
      }
      const refs = splitRefs(values.candidates ?? '');
      if (badRefs(refs)) return retry(400, t('courses.err.refs'), 'candidates');
      try {
        await api(req).put(base, `/courses/${encodeURIComponent(id.data)}/requests/${me}`, { seats, candidates: refs });
        req.session.flash = { kind: 'success', key: 'courses.req.recorded' };
        res.redirect(303, `/courses/${encodeURIComponent(id.data)}`);
      } catch (error) {
        if (!refused(error)) throw error;
        const field = Object.keys(fieldErrors(error))[0];
        await retry(
          error.status,
          problemText(error, langOf(res)) ?? t('courses.req.refused'),
          field === 'candidates' ? 'candidates' : 'seats',
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

  /** One jobcentre's request: to that jobcentre and to the course's managers (the API answers 404 to anyone else). */
  const renderRequest = async (req: Request, res: Response, id: string, code: number, problem?: string) => {
    const client = api(req);
    const path = `/courses/${encodeURIComponent(id)}`;
    const [request, course] = await Promise.all([
      client.get<RequestView>(base, `${path}/requests/${code}`),
      client.get<CoursePage>(base, path),
    ]);
    const outcomes =
      course.status === 'allocated' ? await client.get<Outcomes>(base, `${path}/outcomes`).catch(() => undefined) : undefined;
    page.render(res, 'course-request', 'courses.title', {
      course,
      request,
      code,
      manages: 'requests' in course,
      participants: new Map((outcomes?.participants ?? []).filter((p) => p.jobcentre === code).map((p) => [p.candidateRef, p])),
      explanation: request.explanation ? request.explanation[langOf(res)] : undefined,
      problem,
    });
  };

  router.get('/courses/:id/requests/:code', signedIn([...COURSE_ROLES]), async (req, res, next) => {
    try {
      const id = CourseId.safeParse(req.params.id);
      const code = Code.safeParse(req.params.code);
      if (!id.success || !code.success) throw new ApiError(404, undefined);
      await renderRequest(req, res, id.data, code.data);
    } catch (error) {
      next(error);
    }
  });

  router.post('/courses/:id/selections', signedIn([...COURSE_ROLES]), requireCsrf, async (req, res, next) => {
    try {
      const id = CourseId.safeParse(req.params.id);
      const form = SelectionForm.safeParse(req.body);
      if (!id.success || !form.success) throw new ApiError(404, undefined);
      try {
        await api(req).post(base, `/courses/${encodeURIComponent(id.data)}/selections`, form.data);
        req.session.flash = { kind: 'success', key: 'courses.cand.decided' };
        res.redirect(303, `/courses/${encodeURIComponent(id.data)}/requests/${form.data.jobcentre}`);
      } catch (error) {
        if (!refused(error)) throw error;
        res.status(error.status);
        await renderRequest(req, res, id.data, form.data.jobcentre, problemText(error, langOf(res)));
      }
    } catch (error) {
      next(error);
    }
  });

  router.post('/courses/:id/outcomes', signedIn([...COURSE_ROLES]), requireCsrf, async (req, res, next) => {
    try {
      const id = CourseId.safeParse(req.params.id);
      const form = OutcomeForm.safeParse(req.body);
      if (!id.success || !form.success) throw new ApiError(404, undefined);
      const { jobcentre, candidateRef, status, hiredOn } = form.data;
      try {
        await api(req).put(base, `/courses/${encodeURIComponent(id.data)}/outcomes/${jobcentre}/${encodeURIComponent(candidateRef)}`, {
          status,
          hiredOn: hiredOn === '' ? null : hiredOn,
        });
        req.session.flash = { kind: 'success', key: 'courses.out.saved' };
        res.redirect(303, `/courses/${encodeURIComponent(id.data)}/requests/${jobcentre}`);
      } catch (error) {
        if (!refused(error)) throw error;
        res.status(error.status);
        await renderRequest(req, res, id.data, jobcentre, problemText(error, langOf(res)));
      }
    } catch (error) {
      next(error);
    }
  });

  return router;
}

/**
 * The API's problems with a new course at the form's fields: the course's rules name the
 * API's field (`body.guarantee`, `body.budgetCeilings.2.jobcentre`); the page shows each at the
 * input it comes from, in the page's language.
 */
function courseProblems(error: ApiError, lang: Lang, ceilingOrder: number[]): FieldProblems {
  const out: FieldProblems = {};
  for (const [field, message] of Object.entries(fieldErrors(error))) {
    const ceiling = /^budgetCeilings\.(\d+)/.exec(field);
    const code = ceiling ? ceilingOrder[Number(ceiling[1])] : undefined;
    const at =
      code !== undefined
        ? ceilingField(code)
        : field === 'guarantee' || field === 'guarantee.declaration'
          ? 'guarantee.kind'
          : field.startsWith('positiveList')
            ? field === 'positiveList'
              ? 'onPositiveList'
              : field
            : field.startsWith('provider') || field.startsWith('company')
              ? field
              : field.split('.').length > 1 && !field.startsWith('guarantee.declaration.')
                ? (field.split('.')[0] as string)
                : field;
    out[at] ??= { text: inLanguage(message, lang) };
  }
  if (Object.keys(out).length === 0) out.form = { text: problemText(error, lang) ?? String(error.status) };
  return out;
}
