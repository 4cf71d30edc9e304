import { type CooperationsNow, cooperationById, cooperationIdOf, cooperationsAt, membersOn } from '@rs/contracts';
import type { Actor } from '../domain/access';
import { audienceOf } from '../domain/access';
import { type Report, report } from '../domain/figures';
import type { Period } from '../domain/period';
import type { ReportingDeps } from './deps';

export type FiguresAnswer =
  | { kind: 'report'; report: Report }
  | { kind: 'unknown-cooperation' }
  /** The query named a cooperation that does not exist (now): a mistake in the query, named at its field. */
  | { kind: 'no-such-cooperation'; cooperation: string }
  | { kind: 'forbidden' }
  | { kind: 'not-a-member'; cooperation: string; jobcentre: number };

/** R11: the figures of a cooperation (or one of its jobcentres) for a period, as the actor may see them. */
export async function figuresFor(
  deps: ReportingDeps,
  actor: Actor,
  query: { cooperation?: string | undefined; period: Period; jobcentre?: number | undefined },
): Promise<FiguresAnswer> {
  const cooperations = cooperationsAt(deps.cooperations(), deps.now());
  if (query.cooperation !== undefined && !cooperationById(cooperations.view, query.cooperation)) {
    return { kind: 'no-such-cooperation', cooperation: query.cooperation };
  }
  const id = query.cooperation ?? defaultCooperation(actor, query.jobcentre, cooperations);
  const coop = id ? cooperationById(cooperations.view, id) : undefined;
  if (!coop) return id || actor.role === 'admin' ? { kind: 'unknown-cooperation' } : { kind: 'forbidden' };
  // An admin may see any jobcentre: one outside the cooperation is a mistake in the query, not a
  // matter of access (the others get 403 as before, so membership probing tells them nothing new).
  const members = membersOn(coop, cooperations.day);
  if (actor.role === 'admin' && query.jobcentre !== undefined && !members.includes(query.jobcentre)) {
    return { kind: 'not-a-member', cooperation: coop.id, jobcentre: query.jobcentre };
  }
  const audience = audienceOf(actor, coop.id, members, query.jobcentre);
  if (audience.see === 'nothing') return { kind: 'forbidden' };
  const facts = await deps.facts.ofCooperation(coop.id);
  return {
    kind: 'report',
    report: report(facts, {
      cooperation: coop.id,
      period: query.period,
      members,
      ...(audience.see === 'jobcentre' ? { jobcentre: audience.jobcentre } : {}),
      // PLACEMENT_TARGETS first (as before); else the cooperation's own target a year, so one the
      // admin created or re-targeted has its placements against target too.
      targetPerQuarter: deps.targets[coop.id] ?? (coop.targets.placementsPerYear === null ? undefined : coop.targets.placementsPerYear / 4),
      thresholds: deps.thresholds,
      cooperationOf: (j) => cooperationIdOf(cooperations, j),
    }),
  };
}

function defaultCooperation(actor: Actor, jobcentre: number | undefined, cooperations: CooperationsNow): string | undefined {
  if (actor.role === 'secretariat' || actor.role === 'onboarding') return actor.cooperation;
  if (actor.role === 'jobcentre') return cooperationIdOf(cooperations, actor.jobcentre);
  // An admin naming only a jobcentre means that jobcentre's own cooperation.
  if (actor.role === 'admin' && jobcentre !== undefined) return cooperationIdOf(cooperations, jobcentre);
  return undefined;
}
