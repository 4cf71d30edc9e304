import { cooperationOf } from './cooperations';
import { SCOPES } from './data/scopes';
import { allJobcentres, isJobcentre } from './jobcentres';
import type { Scope, ScopeId } from './types';

/** The scope's definition; throws on an unknown id (the type makes that a caller bug). */
export function scope(id: ScopeId): Scope {
  const found = SCOPES.find((s) => s.id === id);
  if (!found) throw new Error(`unknown scope '${String(id)}'`);
  return found;
}

/** Every scope, narrowest first. */
export function allScopes(): readonly Scope[] {
  return SCOPES;
}

/** R7: the next wider scope ('cooperation' → 'east-denmark' → 'national'), or undefined after 'national'. */
export function nextScope(id: ScopeId): ScopeId | undefined {
  const index = SCOPES.findIndex((s) => s.id === id);
  return index < 0 ? undefined : SCOPES[index + 1]?.id;
}

/** Options of {@link recipientsFor}. */
export interface RecipientOptions {
  /** Jobcentre codes to leave out, e.g. those already asked in an earlier round. Default: none. */
  exclude?: readonly number[];
}

/**
 * R5: the jobcentres a broadcast round in this scope goes to, ascending. The lead jobcentre
 * is never a recipient.
 * - 'cooperation': the other members of the lead's cooperation; throws if it has none.
 * - 'east-denmark': every jobcentre of Hovedstaden and Sjælland (44).
 * - 'national': every jobcentre.
 * Throws if leadJobcentre is not a jobcentre code.
 */
export function recipientsFor(id: ScopeId, leadJobcentre: number, options: RecipientOptions = {}): number[] {
  if (!isJobcentre(leadJobcentre)) throw new Error(`recipientsFor: ${leadJobcentre} is not a jobcentre code`);
  const excluded = new Set([leadJobcentre, ...(options.exclude ?? [])]);
  return candidates(id, leadJobcentre)
    .filter((code) => !excluded.has(code))
    .sort((a, b) => a - b);
}

function candidates(id: ScopeId, leadJobcentre: number): number[] {
  const { regionCodes } = scope(id);
  if (regionCodes === undefined) {
    const own = cooperationOf(leadJobcentre);
    if (!own) {
      throw new Error(`recipientsFor: jobcentre ${leadJobcentre} is in no cooperation; choose 'east-denmark' or 'national'`);
    }
    return [...own.members];
  }
  // A jobcentre's region is its host municipality's region; every municipality it serves lies
  // in the same region in the source data, so this equals "serves a municipality in the regions".
  return allJobcentres()
    .filter((j) => regionCodes.includes(j.regionCode))
    .map((j) => j.code);
}
