import { CandidateRef } from '@rs/contracts';
import { allJobcentres } from '@rs/reference-data';
import { HttpError, parseInput, principalOf } from '@rs/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import type { MatchingModels } from '../mongo/pool.model';
import { poolKey } from '../mongo/pool.repository';

const JobcentreParams = z.object({ code: z.coerce.number().int().min(100).max(999) });
const CandidateParams = JobcentreParams.extend({
  ref: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/),
});
const Purpose = z.object({ purpose: z.string().min(3).max(200) });

/**
 * The pool over HTTP. A jobcentre sees only its own candidates; reading a CV requires a stated
 * purpose and is recorded (who, when, which, why) — the CV is personal data.
 */
export function poolRoutes(models: MatchingModels) {
  return (router: Router) => {
    router.get('/jobcentres/:code/pool', async (req, res) => {
      const principal = principalOf(req);
      const { code } = parseInput(JobcentreParams, req.params, 'params');
      if (
        !(
          principal.role === 'admin' ||
          principal.role === 'secretariat' ||
          (principal.role === 'jobcentre' && principal.jobcentre === code)
        )
      ) {
        throw new HttpError(404, 'not-found', 'Not found / Ikke fundet');
      }
      if (!allJobcentres().some((j) => j.code === code))
        throw new HttpError(404, 'not-found', `No jobcentre ${code} / Intet jobcenter ${code}`);
      const candidates = await models.pool.countDocuments({ jobcentre: code });
      res.json({ jobcentre: code, candidates });
    });

    router.get('/jobcentres/:code/candidates/:ref', async (req, res) => {
      const principal = principalOf(req);
      const { code, ref } = parseInput(CandidateParams, req.params, 'params');
      const { purpose } = parseInput(Purpose, req.query, 'query');
      if (!(principal.role === 'jobcentre' && principal.jobcentre === code))
        throw new HttpError(404, 'not-found', 'Not found / Ikke fundet');
      const doc = await models.pool.collection.findOne({ _id: poolKey(code, ref) as never });
      if (!doc) throw new HttpError(404, 'not-found', 'Not found / Ikke fundet');
      await models.candidateReads.create({ at: new Date(), by: principal.sub, role: principal.role, candidate: String(doc._id), purpose });
      const { _id, occupationGroups: _groups, ...cv } = doc;
      res.json({ ...cv, revision: (cv.revision as Date).toISOString() });
    });
  };
}
