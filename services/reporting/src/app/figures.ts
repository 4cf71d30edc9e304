import { cooperation as cooperationById, cooperationOf } from '@rs/reference-data';
import type { Actor } from '../domain/access';
import { audienceOf } from '../domain/access';
import { type Report, report } from '../domain/figures';
import type { Period } from '../domain/period';
import type { ReportingDeps } from './deps';

export type FiguresAnswer =
  | { kind: 'report'; report: Report }
  | { kind: 'unknown-cooperation' }
  | { kind: 'forbidden' }
  | { kind: 'not-a-member'; cooperation: string; jobcentre: number };

/** R11: the figures of a cooperation (or one of its jobcentres) for a period, as the actor may see them. */
export async function figuresFor(
  deps: ReportingDeps,
  actor: Actor,
  query: { cooperation?: string | undefined; period: Period; jobcentre?: number | undefined },
): Promise<FiguresAnswer> {
  const id = query.cooperation ?? defaultCooperation(actor, query.jobcentre);
  const coop = id ? cooperationById(id) : undefined;
  if (!coop) return id || actor.role === 'admin' ? { kind: 'unknown-cooperation' } : { kind: 'forbidden' };
  // An admin may see any jobcentre: one outside the cooperation is a mistake in the query, not a
  // matter of access (the others get 403 as before, so membership probing tells them nothing new).
  if (actor.role === 'admin' && query.jobcentre !== undefined && !coop.members.includes(query.jobcentre)) {
    return { kind: 'not-a-member', cooperation: coop.id, jobcentre: query.jobcentre };
  }
  const audience = audienceOf(actor, coop.id, coop.members, query.jobcentre);
  if (audience.see === 'nothing') return { kind: 'forbidden' };
  const facts = await deps.facts.ofCooperation(coop.id);
  return {
    kind: 'report',
    report: report(facts, {
      cooperation: coop.id,
      period: query.period,
      members: coop.members,
      ...(audience.see === 'jobcentre' ? { jobcentre: audience.jobcentre } : {}),
      targetPerQuarter: deps.targets[coop.id],
      thresholds: deps.thresholds,
      cooperationOf: (j) => cooperationOf(j)?.id,
    }),
  };
}

function defaultCooperation(actor: Actor, jobcentre: number | undefined): string | undefined {
  if (actor.role === 'secretariat' || actor.role === 'onboarding') return actor.cooperation;
  if (actor.role === 'jobcentre') return cooperationOf(actor.jobcentre)?.id;
  // An admin naming only a jobcentre means that jobcentre's own cooperation.
  if (actor.role === 'admin' && jobcentre !== undefined) return cooperationOf(jobcentre)?.id;
  return undefined;
}
