import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { ApiError, apiClient } from '../api';
import { type PageContext, signedIn, type WebOptions } from '../context';
import { requireCsrf } from '../csrf';
import type { MessageKey } from '../locales';
import { Code, COURSE_ROLES, CourseId, langOf, loadOutcomes, messageOf, problemText, refused, tOf } from './course-shared';
import { courseErrorMap, problemsOf, REF } from './courses-form';
import type { CoursePage, RequestView } from './courses-types';

const CandidateRef = z.string().regex(REF);
const SelectionForm = z.object({ candidateRef: CandidateRef, decision: z.enum(['accepted', 'declined']) });
const OutcomeForm = z.object({
  candidateRef: CandidateRef,
  status: z.enum(['started', 'completed', 'dropped-out']),
  // Empty: not hired (yet).
  hiredOn: z
    .string()
    .optional()
    .transform((v) => v || undefined)
    .pipe(z.iso.date().optional()),
});
/** The name of each field of the co-selection and outcome forms, for the problem's sentence. */
const LABELS: Record<string, MessageKey> = {
  candidateRef: 'courses.form.candidateRef',
  decision: 'courses.form.decision',
  status: 'courses.form.status',
  hiredOn: 'courses.form.hiredOn',
};

/** A field's problem at one candidate's form: which candidate, which field, and what. */
interface FieldProblemAt {
  ref: string;
  field: string;
  message: string;
}

/**
 * One jobcentre's request: to that jobcentre and to the course's managers (the API answers 404 to
 * anyone else), with the company's co-selection and the candidates' outcomes.
 */
export function courseRequestRoutes(options: WebOptions, page: PageContext): Router {
  const router = Router();
  const base = options.services.upskilling;
  const api = (req: Request) => apiClient(req.session.accessToken ?? '');

  const renderRequest = async (req: Request, res: Response, id: string, code: number, problem?: string, at?: FieldProblemAt) => {
    const client = api(req);
    const path = `/courses/${encodeURIComponent(id)}`;
    const [request, course] = await Promise.all([
      client.get<RequestView>(base, `${path}/requests/${code}`),
      client.get<CoursePage>(base, path),
    ]);
    const { outcomes, outcomesUnavailable } =
      course.status === 'allocated'
        ? await loadOutcomes(client, base, path, options.logger)
        : { outcomes: undefined, outcomesUnavailable: false };
    page.render(res, 'course-request', 'courses.title', {
      course,
      request,
      code,
      manages: 'requests' in course,
      participants: new Map((outcomes?.participants ?? []).filter((p) => p.jobcentre === code).map((p) => [p.candidateRef, p])),
      outcomesUnavailable,
      explanation: request.explanation ? request.explanation[langOf(res)] : undefined,
      problem,
      at,
    });
  };

  /**
   * A form the page itself refuses (a changed hidden field, a date that is none): 400 with the
   * request page again, the field and its problem named in the page's language. Without a course
   * and a jobcentre there is no such page: 404.
   */
  const parsed = async <T extends z.ZodType>(req: Request, res: Response, schema: T) => {
    const id = CourseId.safeParse(req.params.id);
    const code = Code.safeParse((req.body as { jobcentre?: unknown } | undefined)?.jobcentre);
    if (!id.success || !code.success) throw new ApiError(404, undefined);
    const form = schema.safeParse(req.body, { error: courseErrorMap });
    if (form.success) return { id: id.data, code: code.data, form: form.data as z.infer<T> };
    const t = tOf(res);
    const [field, p] = Object.entries(problemsOf(form.error))[0] ?? ['form', { key: 'courses.req.refused' as const }];
    const label = LABELS[field];
    const message = messageOf(p, t);
    const ref = String((req.body as { candidateRef?: unknown }).candidateRef ?? '');
    res.status(400);
    await renderRequest(req, res, id.data, code.data, label ? `${t(label)}: ${message}` : message, { ref, field, message });
    return undefined;
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

  /**
   * A decision posted from the request page (the company's co-selection, a participant's outcome):
   * checked by the page (parsed), sent to the API, then back to the page with `saved` — or the
   * page again with the API's refusal in the reader's language.
   */
  const decision =
    <T extends z.ZodType>(
      schema: T,
      send: (req: Request, id: string, code: number, form: z.infer<T>) => Promise<unknown>,
      saved: MessageKey,
    ) =>
    async (req: Request, res: Response, next: (error?: unknown) => void) => {
      try {
        const sent = await parsed(req, res, schema);
        if (!sent) return;
        const { id, code, form } = sent;
        try {
          await send(req, id, code, form);
          req.session.flash = { kind: 'success', key: saved };
          res.redirect(303, `/courses/${encodeURIComponent(id)}/requests/${code}`);
        } catch (error) {
          if (!refused(error)) throw error;
          res.status(error.status);
          await renderRequest(req, res, id, code, problemText(error, langOf(res)));
        }
      } catch (error) {
        next(error);
      }
    };

  router.post(
    '/courses/:id/selections',
    signedIn([...COURSE_ROLES]),
    requireCsrf,
    decision(
      SelectionForm,
      (req, id, code, form) => api(req).post(base, `/courses/${encodeURIComponent(id)}/selections`, { jobcentre: code, ...form }),
      'courses.cand.decided',
    ),
  );
  router.post(
    '/courses/:id/outcomes',
    signedIn([...COURSE_ROLES]),
    requireCsrf,
    decision(
      OutcomeForm,
      (req, id, code, form) =>
        api(req).put(base, `/courses/${encodeURIComponent(id)}/outcomes/${code}/${encodeURIComponent(form.candidateRef)}`, {
          status: form.status,
          hiredOn: form.hiredOn ? form.hiredOn : null,
        }),
      'courses.out.saved',
    ),
  );

  return router;
}
