/** Who asks for figures (service-kit's Principal, without depending on it). */
export type Actor =
  | { role: 'admin' }
  | { role: 'jobcentre'; jobcentre: number }
  | { role: 'secretariat'; cooperation: string }
  | { role: 'onboarding'; cooperation: string }
  | { role: 'phone-line' };

/** What the actor may see of a cooperation's figures: all of it, one jobcentre's, or nothing. */
export type Audience = { see: 'cooperation' } | { see: 'jobcentre'; jobcentre: number } | { see: 'nothing' };

/**
 * A consultant sees its own jobcentre's figures; the secretariat (the steering group's) its own
 * cooperation's, with every member's row; an admin any. Nobody else sees another cooperation's
 * per-jobcentre detail.
 */
export function audienceOf(actor: Actor, cooperation: string, members: readonly number[], jobcentre?: number): Audience {
  switch (actor.role) {
    case 'admin':
      return jobcentre === undefined
        ? { see: 'cooperation' }
        : members.includes(jobcentre)
          ? { see: 'jobcentre', jobcentre }
          : { see: 'nothing' };
    case 'secretariat':
      if (actor.cooperation !== cooperation) return { see: 'nothing' };
      return jobcentre === undefined
        ? { see: 'cooperation' }
        : members.includes(jobcentre)
          ? { see: 'jobcentre', jobcentre }
          : { see: 'nothing' };
    case 'jobcentre':
      if (!members.includes(actor.jobcentre) || (jobcentre !== undefined && jobcentre !== actor.jobcentre)) return { see: 'nothing' };
      return { see: 'jobcentre', jobcentre: actor.jobcentre };
    default:
      return { see: 'nothing' };
  }
}
