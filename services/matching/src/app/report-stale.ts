import { createHash } from 'node:crypto';
import { makeEnvelope, routeOf, type StaleCvs } from '@rs/contracts';
import { isStale } from '../domain/visibility';
import { type MatchingDeps, SOURCE } from './deps';

const MAX_LISTED = 500;

/** The visible CVs of each jobcentre not updated for staleCvDays, oldest first (from the index). */
export function staleCvs(deps: Pick<MatchingDeps, 'index' | 'settings' | 'now'>, onlyJobcentre?: number): Map<number, StaleCvs> {
  const now = deps.now();
  const days = deps.settings.staleCvDays;
  const found = new Map<number, { candidateRef: string; revisionMs: number }[]>();
  for (const c of deps.index.all()) {
    if (!c.visible || (onlyJobcentre !== undefined && c.jobcentre !== onlyJobcentre) || !isStale(c.revisionMs, now, days)) continue;
    let list = found.get(c.jobcentre);
    if (!list) {
      list = [];
      found.set(c.jobcentre, list);
    }
    list.push({ candidateRef: c.candidateRef, revisionMs: c.revisionMs });
  }
  const reports = new Map<number, StaleCvs>();
  for (const [jobcentre, list] of found) {
    list.sort((a, b) => a.revisionMs - b.revisionMs || a.candidateRef.localeCompare(b.candidateRef));
    reports.set(jobcentre, {
      jobcentre,
      staleAfterDays: days,
      count: list.length,
      candidates: list.slice(0, MAX_LISTED).map((s) => ({ candidateRef: s.candidateRef, revision: new Date(s.revisionMs).toISOString() })),
      reportedAt: now.toISOString(),
    });
  }
  return reports;
}

/**
 * Tells each jobcentre with stale CVs on its own queue, once a day: the day's mark (a unique
 * id per jobcentre and day) is looked up first and written after the publish, so a second
 * replica in the same turn sends the same envelope id, which the connector counts once.
 */
export async function reportStaleCvs(deps: Pick<MatchingDeps, 'index' | 'settings' | 'now' | 'publish' | 'staleReports'>): Promise<number> {
  let sent = 0;
  const day = deps.now().toISOString().slice(0, 10);
  for (const [jobcentre, report] of staleCvs(deps)) {
    const markId = `${jobcentre}-${day}`;
    if (await deps.staleReports.has(markId)) continue;
    const id = dayId(markId);
    const envelope = makeEnvelope('pool.stale-cvs', report, { id, time: deps.now(), source: SOURCE });
    await deps.publish({ kind: 'publish', id, ...routeOf('pool.stale-cvs', jobcentre), envelope });
    await deps.staleReports.mark(markId, deps.now());
    sent++;
  }
  return sent;
}

/** A UUID-shaped id derived from the jobcentre and day (the same on every replica). */
function dayId(mark: string): string {
  const hex = createHash('sha256').update(`pool.stale-cvs/${mark}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
