import { CEFR_LEVELS, type HardRequirements } from '@rs/contracts';
import { type Candidate, certificateMask, languageLevel, licenceMask } from './candidate';

/** Hard requirements prepared once per order or search: masks and day numbers. */
export interface PreparedRequirements {
  certificates: number;
  licences: number;
  languages: readonly { code: string; level: number }[];
  /** The last day (days since 1970) the candidate must be able to start by; undefined: any time. */
  startByDay: number | undefined;
}

export function prepareRequirements(requirements: HardRequirements | undefined, todayDay: number): PreparedRequirements {
  return {
    certificates: certificateMask(requirements?.certificates),
    licences: licenceMask(requirements?.licenceCategories),
    languages: (requirements?.languages ?? []).map((l) => ({ code: l.code, level: CEFR_LEVELS.indexOf(l.level) })),
    startByDay: requirements?.startWithinDays === undefined ? undefined : todayDay + requirements.startWithinDays,
  };
}

/** The first day the candidate can start: the date given, else today plus the notice, else today (unemployed: free now). */
export function startDay(candidate: Candidate, todayDay: number): number {
  if (candidate.availableDay !== undefined) return Math.max(candidate.availableDay, todayDay);
  return todayDay + (candidate.noticeDays ?? 0);
}

/**
 * Whether the candidate has everything the order requires. A language named without a level
 * does not meet a level requirement: when in doubt, the requirement is not met.
 */
export function meetsRequirements(candidate: Candidate, req: PreparedRequirements, todayDay: number): boolean {
  if ((candidate.certificates & req.certificates) !== req.certificates) return false;
  if ((candidate.licences & req.licences) !== req.licences) return false;
  for (const l of req.languages) if ((languageLevel(candidate, l.code) ?? -1) < l.level) return false;
  if (req.startByDay !== undefined && startDay(candidate, todayDay) > req.startByDay) return false;
  return true;
}
