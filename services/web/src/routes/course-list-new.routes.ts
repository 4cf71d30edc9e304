import { randomUUID } from 'node:crypto';
import { allJobcentres, jobcentre } from '@rs/reference-data';
import { type Cooperation, cooperationOfJobcentre, cooperationsFor, membersOf } from '../cooperations';
import type { Principal } from '@rs/service-kit';
import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { apiClient } from '../api';
import { type PageContext, signedIn, type WebOptions } from '../context';
import { requireCsrf } from '../csrf';
import { courseProblems } from './course-problems';
import { COURSE_ROLES, jobcentreOf, langOf, refused, tOf } from './course-shared';
import {
  ceilingField,
  courseBody,
  FIELD_LABELS,
  type FieldProblems,
  FUNDINGS,
  type FormValues,
  formValues,
  GUARANTEES,
  PROVIDER_KINDS,
  SCOPES,
} from './courses-form';
import type { CourseList } from './courses-types';

const PAGE_SIZE = 50;
const ListQuery = z.object({
  status: z.enum(['open', 'allocated', 'all']).catch('open'),
  // The API's opaque cursor of the page before; anything else is the first page.
  cursor: z
    .string()
    .max(300)
    .regex(/^[A-Za-z0-9_-]+$/)
    .optional()
    .catch(undefined),
});

/** The cursor of the API's `next` link, or undefined on the last page. */
const cursorOf = (next: string | null | undefined) =>
  next ? (new URLSearchParams(next.split('?')[1] ?? '').get('cursor') ?? undefined) : undefined;

/** The course list by status, a page at a time (the API filters and pages), and the "open a course" form. */
export function courseListNewRoutes(options: WebOptions, page: PageContext): Router {
  const router = Router();
  const base = options.services.upskilling;
  const now = () => options.now?.() ?? new Date();
  const api = (req: Request) => apiClient(req.session.accessToken ?? '');

  router.get('/courses', signedIn([...COURSE_ROLES]), async (req, res, next) => {
    try {
      const { status, cursor } = ListQuery.parse(req.query);
      const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
      if (status !== 'all') query.set('status', status);
      if (cursor) query.set('cursor', cursor);
      const list = await api(req).get<CourseList>(base, `/courses?${query.toString()}`);
      const me = jobcentreOf(req.session.principal);
      const after = cursorOf(list.next);
      page.render(res, 'course-list', 'courses.title', {
        status,
        me,
        mine: me === undefined ? [] : list.courses.filter((c) => c.leadJobcentre === me),
        offered: me === undefined ? list.courses : list.courses.filter((c) => c.leadJobcentre !== me),
        nextPage: after ? `/courses?status=${status}&cursor=${encodeURIComponent(after)}` : undefined,
        firstPage: cursor ? `/courses?status=${status}` : undefined,
        nowMs: now().getTime(),
      });
    } catch (error) {
      next(error);
    }
  });

  /** The jobcentres offered a ceiling field, and the leads a secretariat or admin may choose. */
  const formContext = (principal: Principal, cooperations: readonly Cooperation[]) => {
    const me = jobcentreOf(principal);
    const leads =
      principal.role === 'secretariat'
        ? membersOf(cooperations, principal.cooperation)
        : principal.role === 'admin'
          ? allJobcentres().map((j) => j.code)
          : [];
    const coop =
      me !== undefined
        ? cooperationOfJobcentre(cooperations, me)
        : principal.role === 'secretariat'
          ? cooperations.find((c) => c.id === principal.cooperation)
          : undefined;
    return {
      leadChoice: me === undefined,
      leads,
      ceilingCodes: coop ? membersOf(cooperations, coop.id) : me !== undefined ? [me] : [],
    };
  };

  const cooperationsOf = (req: Request) => cooperationsFor(options.services.reporting, req.session.accessToken);
  const renderForm = async (req: Request, res: Response, values: FormValues, problems: FieldProblems = {}) => {
    const principal = req.session.principal as Principal;
    const cooperations = await cooperationsOf(req);
    const t = tOf(res);
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
    const names = Object.keys(problems);
    page.render(res, 'course-new', 'courses.new.title', {
      values,
      problems: names.map((name) => ({ name, label: labelOf(name), message: message(name) })),
      // A problem's link must land on a visible input: the ceilings' <details> opens when one has a problem.
      ceilingsOpen: names.some((name) => name.startsWith('ceiling.')),
      message,
      ...formContext(principal, cooperations),
      ceilingField,
      PROVIDER_KINDS,
      FUNDINGS,
      GUARANTEES,
      SCOPES,
    });
  };

  router.get('/courses/new', signedIn([...COURSE_ROLES]), (req, res) => {
    // A key per form: a form sent twice (a double click, a retry) opens one course.
    return renderForm(req, res, { idempotencyKey: randomUUID(), scope: 'cooperation', fundedBy: 'regional-pool', 'guarantee.kind': 'job' });
  });

  router.post('/courses', signedIn([...COURSE_ROLES]), requireCsrf, async (req, res, next) => {
    try {
      const values = formValues(req.body);
      const context = formContext(req.session.principal as Principal, await cooperationsOf(req));
      const parsed = courseBody(values, context.ceilingCodes, context.leadChoice);
      if (!parsed.ok) {
        res.status(400);
        return await renderForm(req, res, values, parsed.problems);
      }
      try {
        const key = /^[0-9a-f-]{36}$/.test(values.idempotencyKey ?? '') ? (values.idempotencyKey as string) : randomUUID();
        const course = await api(req).post<{ id: string }>(base, '/courses', parsed.body, { 'idempotency-key': key });
        req.session.flash = { kind: 'success', key: 'courses.opened' };
        res.redirect(303, `/courses/${encodeURIComponent(course.id)}`);
      } catch (error) {
        if (!refused(error)) throw error;
        res.status(error.status);
        await renderForm(req, res, values, courseProblems(error, langOf(res), parsed.ceilingOrder));
      }
    } catch (error) {
      next(error);
    }
  });

  return router;
}
