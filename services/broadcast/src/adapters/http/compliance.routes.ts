import { HttpError, parseInput, principalOf } from '@rs/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import type { BroadcastDeps } from '../../app/deps';
import { complianceAudience } from '../../domain/access';
import { compliance } from '../../domain/compliance';

const ComplianceQuery = z
  .object({
    from: z.iso.date(),
    to: z.iso.date(),
    cooperation: z.enum(['HRS', 'JRS']).optional(),
  })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] });

/** R11: reply compliance per jobcentre for rounds opened in [from, to] (dates in UTC). */
export function complianceRoutes(deps: BroadcastDeps) {
  return (router: Router) => {
    router.get('/compliance', async (req, res) => {
      const principal = principalOf(req);
      const query = parseInput(ComplianceQuery, req.query, 'query');
      const include = complianceAudience(principal, query.cooperation);
      if (!include) throw new HttpError(403, 'forbidden', 'Not allowed / Ikke tilladt');
      const end = new Date(`${query.to}T00:00:00Z`);
      end.setUTCDate(end.getUTCDate() + 1);
      const rounds = await deps.rounds.openedBetween(`${query.from}T00:00:00.000Z`, end.toISOString());
      res.json({ from: query.from, to: query.to, rounds: rounds.length, jobcentres: compliance(rounds, include) });
    });
  };
}
