import { CandidateRef, cooperationsAt, DiscoCode, HardRequirements, OrderId, SCOPE_IDS, SHORTLIST_REASON_CODES } from '@rs/contracts';
import { codeParam, HttpError, intQuery, isoDate, mountRoutes, route } from '@rs/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import type { MatchingDeps } from '../../app/deps';
import { listReads } from '../../app/list-reads';
import { searchCandidates } from '../../app/search-candidates';
import { searchableJobcentres } from '../../domain/access';
import { notFound } from './pool.routes';

const SearchBody = z.strictObject({
  occupation: DiscoCode.describe('DISCO-08 unit group of the job'),
  municipality: z.number().int().min(100).max(999).optional().describe("where the job is; default the consultant's own jobcentre"),
  scope: z.enum(SCOPE_IDS).describe('whose unemployed: the cooperation, East Denmark or the whole country (always with your own)'),
  requirements: HardRequirements.optional(),
  startBy: z.iso.date().optional(),
  text: z.string().max(4000).optional().describe('title and description: skills named here add points'),
  limit: z.number().int().min(1).max(50).default(20),
  purpose: z.string().min(3).max(200).describe('why you search; recorded with every candidate returned'),
  orderId: OrderId.optional().describe('the order searched for, if any; recorded with the reads'),
});

const Reason = z.object({ code: z.enum(SHORTLIST_REASON_CODES), da: z.string(), en: z.string() });
const SearchResult = z
  .object({
    candidateRef: z.string(),
    jobcentre: z.number().int().describe('the home jobcentre: whom to ask for the candidate'),
    jobcentreName: z.string(),
    headline: z.string(),
    score: z.number(),
    reasons: z.array(Reason),
    occupations: z.array(z.object({ code: z.string(), years: z.number().optional() })),
    certificates: z.array(z.string()),
    licenceCategories: z.array(z.string()),
    languages: z.array(z.object({ code: z.string(), level: z.string().optional() })),
    availableFrom: z.string().optional(),
    noticeDays: z.number().optional(),
    hours: z.array(z.string()).optional(),
    employmentTypes: z.array(z.string()).optional(),
  })
  .meta({ id: 'SearchResult' });
const SearchAnswer = z.object({ scope: z.enum(SCOPE_IDS), jobcentres: z.number().int(), results: z.array(SearchResult) });

const ReadsQuery = z.object({
  candidateRef: CandidateRef.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  limit: intQuery(1, 1000).optional(),
});
const Read = z
  .object({
    at: z.string(),
    by: z.string(),
    role: z.string(),
    readerJobcentre: z.number().int().optional(),
    candidateRef: z.string(),
    kind: z.enum(['cv', 'search', 'shortlist']),
    purpose: z.string(),
    orderId: z.string().optional(),
  })
  .meta({ id: 'CandidateRead' });

const onlyJobcentres = () =>
  new HttpError(403, 'forbidden', {
    en: 'Only a jobcentre consultant searches the pool',
    da: 'Kun en jobcenterkonsulent søger i puljen',
  });

/**
 * A consultant's search across the jobcentres (R13) and the log of who read a jobcentre's
 * candidates. Search answers minimised, pseudonymous results with reasons and the home
 * jobcentre to contact; every candidate returned is recorded before the answer leaves.
 */
export function searchRoutes(deps: MatchingDeps) {
  const search = route({
    method: 'post',
    path: '/candidate-searches',
    summary: 'Search the pool across the jobcentres of a scope (jobcentre consultants; every result is recorded as a read)',
    tags: ['search'],
    body: SearchBody,
    responses: { 200: { description: 'the best candidates, best first', schema: SearchAnswer } },
    handle: async ({ principal, body }) => {
      if (principal.role !== 'jobcentre') throw onlyJobcentres();
      const allowed = searchableJobcentres(principal.jobcentre, body.scope, cooperationsAt(deps.cooperations(), deps.now()));
      if (!allowed)
        throw new HttpError(403, 'forbidden', {
          en: `Jobcentre ${principal.jobcentre} is in no cooperation: search east-denmark or national`,
          da: `Jobcenter ${principal.jobcentre} er ikke med i et samarbejde: søg i east-denmark eller national`,
        });
      const results = await searchCandidates(
        deps,
        { sub: principal.sub, role: principal.role, jobcentre: principal.jobcentre },
        allowed,
        body,
      );
      return { status: 200, body: { scope: body.scope, jobcentres: allowed.size, results } };
    },
  });

  const reads = route({
    method: 'get',
    path: '/jobcentres/:code/candidate-reads',
    summary: "Who read the jobcentre's candidates (CV, search, shortlist), when, why and for which order; newest first",
    tags: ['search'],
    params: z.object({ code: codeParam }),
    query: ReadsQuery,
    responses: { 200: { description: 'the reads', schema: z.object({ reads: z.array(Read) }) } },
    handle: async ({ principal, params: { code }, query }) => {
      if (!(principal.role === 'jobcentre' && principal.jobcentre === code)) throw notFound();
      const found = await listReads(deps, {
        candidateJobcentre: code,
        ...(query.candidateRef ? { candidateRef: query.candidateRef } : {}),
        ...(query.from ? { from: new Date(`${query.from}T00:00:00Z`) } : {}),
        ...(query.to ? { to: new Date(Date.parse(`${query.to}T00:00:00Z`) + 86_400_000) } : {}),
        limit: query.limit ?? 200,
      });
      return {
        status: 200,
        body: {
          reads: found.map((r) => ({
            at: r.at.toISOString(),
            by: r.by,
            role: r.role,
            ...(r.readerJobcentre !== undefined && r.readerJobcentre !== null ? { readerJobcentre: r.readerJobcentre } : {}),
            candidateRef: r.candidateRef,
            kind: r.kind,
            purpose: r.purpose,
            ...(r.orderId ? { orderId: r.orderId } : {}),
          })),
        },
      };
    },
  });

  return (router: Router) => mountRoutes(router, [search, reads]);
}
