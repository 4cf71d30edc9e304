import { type CooperationsNow, cooperationIdOf, membersOf, type ScopeId } from '@rs/contracts';
import { recipientsFor } from '@rs/reference-data';

/**
 * Which home jobcentres a consultant's search may reach (R13: search the unemployed of other
 * municipalities directly): its own and those of the scope it chose — its cooperation (its
 * members that day, as the cooperations are now), East Denmark or the whole country. Undefined
 * when the scope is not open to it (a cooperation search by a jobcentre in none).
 */
export function searchableJobcentres(ownJobcentre: number, scope: ScopeId, cooperations: CooperationsNow): ReadonlySet<number> | undefined {
  if (scope !== 'cooperation') return new Set([ownJobcentre, ...recipientsFor(scope, ownJobcentre)]);
  const own = cooperationIdOf(cooperations, ownJobcentre);
  if (!own) return undefined;
  return new Set([ownJobcentre, ...membersOf(cooperations, own)]);
}
