import { randomUUID } from 'node:crypto';
import type { Principal } from '@rs/service-kit';
import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { ApiError, apiClient, fieldErrors } from '../api';
import { type PageContext, signedIn, type WebOptions } from '../context';
import { requireCsrf } from '../csrf';
import { type Lang, translator } from '../i18n';
import type { Inquiry } from './inquiry-view';

type Consultant = Extract<Principal, { role: 'jobcentre' }>;

const ANSWERS = ['available', 'not-available', 'no-longer-searchable'] as const;
const Id = z.uuid();
const AnswerForm = z.object({
  key: z.uuid(),
  answer: z.string().max(100).default(''),
  note: z.string().max(4000).default(''),
});

/** One answer form being corrected: its inquiry, what was typed, and matching's words at each field. */
interface Correction {
  inquiryId: string;
  values: { key: string; answer: string; note: string };
  errors: Record<string, string>;
}

const consultantOf = (req: Request) => req.session.principal as Consultant;

/**
 * "Inquiries" (R13, issue 17 part 4): a jobcentre consultant's inquiries about other jobcentres'
 * candidates with their answers, and the inquiries its own jobcentre received, each unanswered
 * one with a form to answer. Matching decides access (only its own jobcentre's lists), records
 * an answer once (the first stands) and tells the asker; this page only asks, with the user's token.
 */
export function inquiriesRoutes(options: WebOptions, page: PageContext): Router {
  const router = Router();
  const matching = options.services.matching;

  const render = async (req: Request, res: Response, correction?: Correction) => {
    const code = consultantOf(req).jobcentre;
    const api = apiClient(req.session.accessToken ?? '');
    const [received, sent] = await Promise.all([
      api.get<{ inquiries: Inquiry[] }>(matching, `/jobcentres/${code}/candidate-inquiries?direction=received&limit=100`),
      api.get<{ inquiries: Inquiry[] }>(matching, `/jobcentres/${code}/candidate-inquiries?direction=sent&limit=100`),
    ]);
    page.render(res, 'inquiries', 'inquiries.title', {
      received: received.inquiries,
      sent: sent.inquiries,
      answers: ANSWERS,
      // One key per form as rendered: sending it twice answers once.
      formOf: (inquiryId: string) =>
        correction?.inquiryId === inquiryId ? correction : { inquiryId, values: { key: randomUUID(), answer: '', note: '' }, errors: {} },
      lang: res.locals.lang as Lang,
    });
  };

  router.get('/inquiries', signedIn(['jobcentre']), async (req, res, next) => {
    try {
      await render(req, res);
    } catch (error) {
      next(error);
    }
  });

  router.post('/inquiries/:id/answer', signedIn(['jobcentre']), requireCsrf, async (req, res, next) => {
    try {
      const id = Id.safeParse(req.params.id);
      const form = AnswerForm.safeParse(req.body);
      if (!id.success || !form.success) throw new ApiError(404, undefined);
      const { key, answer, note } = form.data;
      const values = { key, answer, note };
      if (!(ANSWERS as readonly string[]).includes(answer)) {
        // Matching would refuse it too; said here at the field, in the page's language.
        res.status(400);
        return await render(req, res, {
          inquiryId: id.data,
          values,
          errors: { answer: translator(res.locals.lang as Lang)('inquiries.form.pick') },
        });
      }
      const api = apiClient(req.session.accessToken ?? '');
      try {
        await api.post(
          matching,
          `/candidate-inquiries/${id.data}/answer`,
          { answer, ...(note.trim() ? { note } : {}) },
          { 'idempotency-key': key },
        );
      } catch (error) {
        if (error instanceof ApiError && (error.status === 404 || error.status === 409)) {
          req.session.flash = { kind: 'error', key: error.status === 409 ? 'inquiries.already' : 'inquiries.gone' };
          return res.redirect(303, '/inquiries');
        }
        if (!(error instanceof ApiError) || error.status !== 400) throw error;
        res.status(400);
        return await render(req, res, { inquiryId: id.data, values, errors: fieldErrors(error, res.locals.lang as Lang) });
      }
      req.session.flash = { kind: 'success', key: 'inquiries.sentFlash' };
      res.redirect(303, '/inquiries');
    } catch (error) {
      next(error);
    }
  });

  return router;
}
