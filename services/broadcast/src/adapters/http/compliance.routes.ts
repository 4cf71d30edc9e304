import { cooperation } from '@rs/reference-data';
import { HttpError, parseInput, principalOf } from '@rs/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import type { BroadcastDeps } from '../../app/deps';
import { compliance } from '../../domain/compliance';
import { loadRound } from '../mongo/round.repository';

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
      let include: (jobcentre: number) => boolean;
      if (principal.role === 'admin') {
        const members = query.cooperation ? cooperation(query.cooperation)?.members : undefined;
        include = members ? (j) => members.includes(j) : () => true;
      } else if (principal.role === 'secretariat') {
        const members = cooperation(principal.cooperation)?.members ?? [];
        include = (j) => members.includes(j);
      } else if (principal.role === 'jobcentre') {
        include = (j) => j === principal.jobcentre;
      } else {
        throw new HttpError(403, 'forbidden', 'Not allowed / Ikke tilladt');
      }
      const end = new Date(`${query.to}T00:00:00Z`);
      end.setUTCDate(end.getUTCDate() + 1);
      const docs = await deps.models.rounds.collection
        .find({ openedAt: { $gte: `${query.from}T00:00:00.000Z`, $lt: end.toISOString() } }, { projection: { _id: 1 } })
        .toArray();
      const rounds = [];
      for (const doc of docs) {
        const stored = await loadRound(deps.models, String(doc._id));
        if (stored) rounds.push(stored.round);
      }
      res.json({ from: query.from, to: query.to, rounds: rounds.length, jobcentres: compliance(rounds, include) });
    });
  };
}
