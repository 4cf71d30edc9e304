import { type CooperationState, cooperationOn, danishDay, membersOn } from '@rs/contracts';
import { cooperationSeeds } from '@rs/reference-data';
import { apiClient } from './api';

/*
 * The cooperations as the pages need them (which exist, their members, their names): read from
 * reporting's GET /cooperations — the one that administers them — with the signed-in user's
 * token, and kept for a short while per process, so a cooperation the admin created or a member
 * added shows on every page within CACHE_MS without a restart. The web front has no database;
 * it never decides access with this list (a token naming a cooperation is the APIs' to check:
 * each follows the cooperations itself). Until reporting has answered once, or while it is away,
 * the last list read, else the reference data's seed.
 */
export type Cooperation = CooperationState;

/** How long a read list is used before the next page asks reporting again. */
export const CACHE_MS = 15_000;

const cache = new Map<string, { at: number; list: readonly Cooperation[] }>();

/** The cooperations as reporting keeps them now (at most CACHE_MS old). */
export async function cooperationsFor(
  reportingBase: string,
  accessToken: string | undefined,
  now: () => number = Date.now,
): Promise<readonly Cooperation[]> {
  const kept = cache.get(reportingBase);
  if (kept && now() - kept.at < CACHE_MS) return kept.list;
  if (!accessToken) return kept?.list ?? cooperationSeeds();
  try {
    const list = await apiClient(accessToken).get<Cooperation[]>(reportingBase, '/cooperations');
    cache.set(reportingBase, { at: now(), list });
    return list;
  } catch {
    // A page still renders with what was known (the APIs decide what it may do).
    return kept?.list ?? cooperationSeeds();
  }
}

/** Forgets the list read from this reporting (after the admin created a cooperation: the next page reads it again). */
export function forgetCooperations(reportingBase: string): void {
  cache.delete(reportingBase);
}

/** The member jobcentres of a cooperation today (memberships have dates), ascending; empty if unknown. */
export function membersOf(list: readonly Cooperation[], id: string | null | undefined, today = new Date()): number[] {
  const found = id ? list.find((c) => c.id === id) : undefined;
  return found ? membersOn(found, danishDay(today)) : [];
}

/** The cooperation a jobcentre is a member of today, if any. */
export function cooperationOfJobcentre(list: readonly Cooperation[], jobcentre: number, today = new Date()): Cooperation | undefined {
  return cooperationOn(list, jobcentre, danishDay(today));
}
