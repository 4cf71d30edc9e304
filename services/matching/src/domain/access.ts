import type { ScopeId } from '@rs/contracts';
import { cooperationOf, recipientsFor } from '@rs/reference-data';

/**
 * Which home jobcentres a consultant's search may reach (R13: search the unemployed of other
 * municipalities directly): its own and those of the scope it chose — its cooperation, East
 * Denmark or the whole country. Undefined when the scope is not open to it (a cooperation
 * search by a jobcentre in none).
 */
export function searchableJobcentres(ownJobcentre: number, scope: ScopeId): ReadonlySet<number> | undefined {
  if (scope === 'cooperation' && !cooperationOf(ownJobcentre)) return undefined;
  return new Set([ownJobcentre, ...recipientsFor(scope, ownJobcentre)]);
}
