import { type CooperationState, cooperationOn, membersOn, type ScopeId } from '@rs/contracts';
import { recipientsFor } from '@rs/reference-data';

/**
 * The cooperations as broadcast knows them now (seeded from the reference data, followed from
 * cooperation.changed), passed into these rules as data: nothing here reads a global, so a
 * round's recipients follow from the view it was opened with, and only from that.
 */
export type CooperationView = readonly CooperationState[];

/** The cooperation the jobcentre is a member of on `day` (YYYY-MM-DD, Danish), if any. */
export function cooperationOfOn(view: CooperationView, jobcentre: number, day: string): CooperationState | undefined {
  return cooperationOn(view, jobcentre, day);
}

/**
 * R5: the recipients of a round in this scope, ascending, the lead never among them:
 * 'cooperation' — the other members of the lead's cooperation on `day`; throws if it has none;
 * 'east-denmark' and 'national' — by region, as the reference data says (no cooperation decides them).
 */
export function roundRecipients(
  view: CooperationView,
  scope: ScopeId,
  lead: number,
  day: string,
  exclude: readonly number[] = [],
): number[] {
  if (scope !== 'cooperation') return recipientsFor(scope, lead, { exclude });
  const own = cooperationOn(view, lead, day);
  if (!own) throw new Error(`roundRecipients: jobcentre ${lead} is in no cooperation; choose 'east-denmark' or 'national'`);
  const excluded = new Set([lead, ...exclude]);
  return membersOn(own, day).filter((code) => !excluded.has(code));
}

/**
 * The jobcentre a round's secretariat notices go to: the lead's cooperation's secretariat when
 * its policy asks for notices, unless the lead hosts it itself (it knows already).
 */
export function secretariatFor(cooperation: CooperationState | undefined, lead: number): number | undefined {
  if (!cooperation?.escalation.notifySecretariat) return undefined;
  const host = cooperation.secretariat.jobcentre;
  return host === null || host === lead ? undefined : host;
}
