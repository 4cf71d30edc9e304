import { CandidateRef, SharedCv } from '@rs/contracts';
import { isJobcentre } from '@rs/reference-data';
import { codeParam, HttpError, mountRoutes, route } from '@rs/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import { countPool } from '../../app/count-pool';
import type { MatchingDeps } from '../../app/deps';
import { readCv } from '../../app/read-cv';
import { staleCvs } from '../../app/report-stale';

const JobcentreParams = z.object({ code: codeParam });
const CandidateParams = JobcentreParams.extend({ ref: CandidateRef });
const Purpose = z.object({ purpose: z.string().min(3).max(200).describe('why the CV is read; recorded with the read') });

const PoolCount = z.object({ jobcentre: z.number().int(), candidates: z.number().int() });
const Cv = SharedCv.extend({ jobcentre: z.number().int() }).meta({ id: 'Cv' });
const StaleList = z
  .object({
    jobcentre: z.number().int(),
    staleAfterDays: z.number().int(),
    count: z.number().int(),
    candidates: z.array(z.object({ candidateRef: z.string(), revision: z.string() })),
  })
  .meta({ id: 'StaleCvs' });

export const notFound = () => new HttpError(404, 'not-found', { en: 'Not found', da: 'Ikke fundet' });

/**
 * The pool over HTTP. A jobcentre sees only its own candidates; reading a CV requires a stated
 * purpose and is recorded (who, when, which, why) — the CV is personal data.
 */
export function poolRoutes(deps: MatchingDeps) {
  const pool = route({
    method: 'get',
    path: '/jobcentres/:code/pool',
    summary: 'How many candidates a jobcentre has in the pool',
    tags: ['pool'],
    params: JobcentreParams,
    responses: { 200: { description: 'the count', schema: PoolCount } },
    handle: async ({ principal, params: { code } }) => {
      const allowed =
        principal.role === 'admin' || principal.role === 'secretariat' || (principal.role === 'jobcentre' && principal.jobcentre === code);
      if (!allowed) throw notFound();
      if (!isJobcentre(code)) throw new HttpError(404, 'not-found', { en: `No jobcentre ${code}`, da: `Intet jobcenter ${code}` });
      const candidates = await countPool(deps, code);
      return { status: 200, body: { jobcentre: code, candidates } };
    },
  });

  const cv = route({
    method: 'get',
    path: '/jobcentres/:code/candidates/:ref',
    summary: "A candidate's CV, to its own jobcentre, with the purpose of the read recorded",
    tags: ['pool'],
    params: CandidateParams,
    query: Purpose,
    responses: { 200: { description: 'the CV', schema: Cv } },
    handle: async ({ principal, params: { code, ref }, query: { purpose } }) => {
      if (!(principal.role === 'jobcentre' && principal.jobcentre === code)) throw notFound();
      const found = await readCv(deps, { ...principal, jobcentre: code }, code, ref, purpose);
      if (!found) throw notFound();
      return { status: 200, body: found };
    },
  });

  const stale = route({
    method: 'get',
    path: '/jobcentres/:code/stale-cvs',
    summary: "The jobcentre's searchable CVs not updated for the configured number of days, oldest first",
    tags: ['pool'],
    params: JobcentreParams,
    responses: { 200: { description: 'the stale CVs (at most 500 listed; count says how many)', schema: StaleList } },
    handle: async ({ principal, params: { code } }) => {
      if (!(principal.role === 'jobcentre' && principal.jobcentre === code)) throw notFound();
      const report = staleCvs(deps, code).get(code);
      const body = report
        ? { jobcentre: code, staleAfterDays: report.staleAfterDays, count: report.count, candidates: report.candidates }
        : { jobcentre: code, staleAfterDays: deps.settings.staleCvDays, count: 0, candidates: [] };
      return { status: 200, body };
    },
  });

  return (router: Router) => mountRoutes(router, [pool, cv, stale]);
}
