import { CandidateRef } from '@rs/contracts';
import { isJobcentre } from '@rs/reference-data';
import { codeParam, HttpError, mountRoutes, route } from '@rs/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import { countPool } from '../../app/count-pool';
import type { MatchingDeps } from '../../app/deps';
import { readCv } from '../../app/read-cv';

const JobcentreParams = z.object({ code: codeParam });
const CandidateParams = JobcentreParams.extend({ ref: CandidateRef });
const Purpose = z.object({ purpose: z.string().min(3).max(200).describe('why the CV is read; recorded with the read') });

const PoolCount = z.object({ jobcentre: z.number().int(), candidates: z.number().int() });
const Cv = z
  .object({
    jobcentre: z.number().int(),
    candidateRef: z.string(),
    revision: z.string(),
    headline: z.string(),
    occupations: z.array(z.string()),
    skills: z.array(z.string()),
    languages: z.array(z.string()),
    municipality: z.number().int(),
    availableFrom: z.string().optional(),
    drivingLicence: z.boolean().optional(),
    summary: z.string(),
  })
  .meta({ id: 'Cv' });

const notFound = () => new HttpError(404, 'not-found', { en: 'Not found', da: 'Ikke fundet' });

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
      const found = await readCv(deps, principal, code, ref, purpose);
      if (!found) throw notFound();
      return { status: 200, body: found };
    },
  });

  return (router: Router) => mountRoutes(router, [pool, cv]);
}
