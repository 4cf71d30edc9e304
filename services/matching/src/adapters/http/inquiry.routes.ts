import { createHash, randomUUID } from 'node:crypto';
import {
  CandidateInquiry,
  CandidateRef,
  INQUIRY_ANSWER_REFUSAL_REASONS,
  INQUIRY_NOTE_MAX,
  INQUIRY_QUESTION_MAX,
  InquiryAnswerValue,
  InquiryText,
  JobcentreCode,
  OrderId,
  RecordedInquiryAnswer,
} from '@rs/contracts';
import { codeParam, HttpError, intQuery, mountRoutes, type Principal, route } from '@rs/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import { answerInquiry } from '../../app/answer-inquiry';
import { askJobcentre, listInquiries } from '../../app/ask-jobcentre';
import type { MatchingDeps } from '../../app/deps';
import { notFound } from './pool.routes';

const AskBody = z.strictObject({
  jobcentre: JobcentreCode.describe("the candidate's home jobcentre (a search result's `jobcentre`): whom to ask"),
  candidateRef: CandidateRef.describe("the candidate's pseudonymous reference, as the search returned it"),
  orderId: OrderId.optional().describe('the order the candidate is asked for, if any'),
  company: InquiryText(200).optional().describe('the company the candidate is asked for, if not an order'),
  question: InquiryText(INQUIRY_QUESTION_MAX, 1).describe(
    `what you ask, at most ${INQUIRY_QUESTION_MAX} characters; never a CPR number (refused)`,
  ),
});

const Answer = RecordedInquiryAnswer.meta({ id: 'CandidateInquiryAnswer' });
/** An inquiry with its answer once the home jobcentre answered (absent while it waits). */
const Inquiry = CandidateInquiry.extend({ answer: Answer.optional() }).meta({ id: 'CandidateInquiry' });
type InquiryView = z.infer<typeof Inquiry>;

const AnswerBody = z.strictObject({
  answer: InquiryAnswerValue.describe('available (contact us to go ahead), not-available (not for this), or no-longer-searchable'),
  note: InquiryText(INQUIRY_NOTE_MAX)
    .optional()
    .describe(`a line for the asking consultant, at most ${INQUIRY_NOTE_MAX} characters; no personal data, never a CPR number (refused)`),
});
const ListQuery = z.object({
  direction: z.enum(['received', 'sent']).default('received').describe("the jobcentre's received inquiries (default) or those it sent"),
  limit: intQuery(1, 500).optional(),
});

const onlyJobcentres = () =>
  new HttpError(403, 'forbidden', {
    en: 'Only a jobcentre consultant asks another jobcentre about a candidate',
    da: 'Kun en jobcenterkonsulent spørger et andet jobcenter om en kandidat',
  });

/** The inquiries with their answers, read in one query. */
async function withAnswers(deps: MatchingDeps, inquiries: CandidateInquiry[]): Promise<InquiryView[]> {
  const answers = await deps.inquiries.answersOf(inquiries.map((i) => i.inquiryId));
  return inquiries.map((inquiry) => {
    const found = answers.get(inquiry.inquiryId);
    if (!found) return inquiry;
    const { answer, note, answeredBy, answeredAt } = found;
    return { ...inquiry, answer: { answer, ...(note ? { note } : {}), answeredBy, answeredAt } };
  });
}

/** The id an idempotency key stands for (the same on every replica): a retry stores and sends nothing twice. */
function keyedInquiryId(principal: Principal, key: string, purpose = 'inquiry'): string {
  const hex = createHash('sha256').update(`${purpose}\n${principal.role}:${principal.sub}\n${key}`).digest('hex');
  // Shaped as a name-based UUID (version 5, RFC 9562 variant), so it passes as one everywhere.
  const variant = (8 | (Number.parseInt(hex[16] ?? '0', 16) & 3)).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * "Ask this jobcentre" (R13): from a search result, a consultant asks the candidate's home
 * jobcentre about that candidate for an order or a company. The question goes to that
 * jobcentre's own queue (pool.candidate-inquiry) and is listed to it and to the sender only.
 */
export function inquiryRoutes(deps: MatchingDeps) {
  const ask = route({
    method: 'post',
    path: '/candidate-inquiries',
    summary: "Ask a candidate's home jobcentre about the candidate (jobcentre consultants; sent to that jobcentre's queue)",
    tags: ['search'],
    body: AskBody,
    creates: true,
    responses: { 201: { description: 'sent', schema: Inquiry } },
    handle: async ({ principal, body, req }) => {
      if (principal.role !== 'jobcentre') throw onlyJobcentres();
      // The edge validated the key already (runIdempotent).
      const key = req.get('idempotency-key');
      const result = await askJobcentre(
        deps,
        { sub: principal.sub, jobcentre: principal.jobcentre },
        body,
        key ? keyedInquiryId(principal, key) : randomUUID(),
      );
      if (result.kind === 'own-candidate')
        throw new HttpError(
          422,
          'unprocessable',
          { en: 'body.jobcentre: the candidate is your own jobcentre’s', da: 'body.jobcentre: kandidaten er jeres eget jobcenters' },
          [{ field: 'body.jobcentre', message: 'your own jobcentre: open the CV instead / jeres eget jobcenter: åbn cv’et' }],
        );
      if (result.kind === 'unknown-candidate')
        throw new HttpError(404, 'not-found', {
          en: 'No such candidate in the pool (withdrawn or not visible)',
          da: 'Kandidaten findes ikke i puljen (trukket tilbage eller ikke synlig)',
        });
      const { inquiry } = result;
      if (inquiry.fromJobcentre !== principal.jobcentre) throw notFound();
      return {
        status: 201,
        body: inquiry,
        headers: {
          Location: `/candidate-inquiries/${inquiry.inquiryId}`,
          ...(result.kind === 'existing' ? { 'Idempotency-Replayed': 'true' } : {}),
        },
      };
    },
  });

  const one = route({
    method: 'get',
    path: '/candidate-inquiries/:id',
    summary: 'One inquiry, to the jobcentre that sent it and the one it was sent to',
    tags: ['search'],
    params: z.object({ id: z.uuid() }),
    responses: { 200: { description: 'the inquiry', schema: Inquiry } },
    handle: async ({ principal, params: { id } }) => {
      const inquiry = await deps.inquiries.find(id);
      const party =
        principal.role === 'jobcentre' &&
        inquiry !== undefined &&
        (inquiry.toJobcentre === principal.jobcentre || inquiry.fromJobcentre === principal.jobcentre);
      if (!party) throw notFound();
      const [view] = await withAnswers(deps, [inquiry]);
      return { status: 200, body: view ?? inquiry };
    },
  });

  const list = route({
    method: 'get',
    path: '/jobcentres/:code/candidate-inquiries',
    summary: 'The inquiries about candidates a jobcentre received (or sent), newest first; to that jobcentre only',
    tags: ['search'],
    params: z.object({ code: codeParam }),
    query: ListQuery,
    responses: { 200: { description: 'the inquiries', schema: z.object({ inquiries: z.array(Inquiry) }) } },
    handle: async ({ principal, params: { code }, query }) => {
      if (!(principal.role === 'jobcentre' && principal.jobcentre === code)) throw notFound();
      const inquiries = await listInquiries(deps, query.direction === 'sent' ? 'from' : 'to', code, query.limit ?? 100);
      return { status: 200, body: { inquiries: await withAnswers(deps, inquiries) } };
    },
  });

  const answer = route({
    method: 'post',
    path: '/candidate-inquiries/:id/answer',
    summary:
      "The candidate's home jobcentre answers an inquiry it received (as its connector's pool.inquiry-answer does); recorded once, the first answer stands, and the asking jobcentre is told on its queue",
    tags: ['search'],
    params: z.object({ id: z.uuid() }),
    body: AnswerBody,
    creates: true,
    responses: {
      201: { description: 'recorded; the asker is told', schema: Inquiry },
      200: { description: 'the same answer was recorded before: nothing changed', schema: Inquiry },
    },
    handle: async ({ principal, params: { id }, body, req }) => {
      if (principal.role !== 'jobcentre') throw notFound();
      const key = req.get('idempotency-key');
      const result = await answerInquiry(
        deps,
        { jobcentre: principal.jobcentre, by: principal.sub },
        { inquiryId: id, ...body, candidateRef: (await deps.inquiries.find(id))?.candidateRef ?? 'unknown' },
        key ? keyedInquiryId(principal, key, 'inquiry-answer') : randomUUID(),
      );
      if (result.kind === 'refused') {
        // Another jobcentre's inquiry is as absent as an unknown one: a page never learns what it may not read.
        if (result.reason !== 'already-answered') throw notFound();
        throw new HttpError(409, 'already-answered', INQUIRY_ANSWER_REFUSAL_REASONS['already-answered']);
      }
      const inquiry = await deps.inquiries.find(id);
      if (!inquiry) throw notFound();
      const [view] = await withAnswers(deps, [inquiry]);
      return {
        status: result.kind === 'recorded' ? 201 : 200,
        body: view ?? inquiry,
        ...(result.kind === 'duplicate' ? { headers: { 'Idempotency-Replayed': 'true' } } : {}),
      };
    },
  });

  return (router: Router) => mountRoutes(router, [ask, one, list, answer]);
}
