import type { CooperationView } from './cooperations';
import type { RecipientState, Round } from './round';

/**
 * Who may see and do what with rounds, as pure rules (the HTTP edge only maps the answers to
 * status codes). `Actor` has the shape of service-kit's Principal without depending on it.
 */
export type Actor =
  | { role: 'admin' }
  | { role: 'jobcentre'; jobcentre: number }
  | { role: 'secretariat'; cooperation: string }
  | { role: 'onboarding'; cooperation: string }
  | { role: 'phone-line' };

/** The lead jobcentre of the order, or the secretariat of its cooperation, may open and read rounds. */
export function mayManage(actor: Actor, order: { leadJobcentre: number; cooperation: string | null }): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role === 'jobcentre') return actor.jobcentre === order.leadJobcentre;
  if (actor.role === 'secretariat') return order.cooperation === actor.cooperation;
  return false;
}

/** A recipient sees the round and its own entry, never other jobcentres' candidates. */
export function ownEntry(actor: Actor, round: Round): RecipientState | undefined {
  return actor.role === 'jobcentre' ? round.recipients.find((r) => r.jobcentre === actor.jobcentre) : undefined;
}

/**
 * R11: the jobcentres whose compliance an actor may see (an admin may narrow it to a
 * cooperation), or undefined when it may see none. A cooperation's jobcentres are every one that
 * was a member at some time (a report covers a period; one that left still answered in it).
 */
export function complianceAudience(actor: Actor, view: CooperationView, narrowTo?: string): ((jobcentre: number) => boolean) | undefined {
  const membersOf = (id: string) => view.find((c) => c.id === id)?.members.map((m) => m.jobcentre);
  switch (actor.role) {
    case 'admin': {
      const members = narrowTo ? membersOf(narrowTo) : undefined;
      return members ? (j) => members.includes(j) : () => true;
    }
    case 'secretariat': {
      const members = membersOf(actor.cooperation) ?? [];
      return (j) => members.includes(j);
    }
    case 'jobcentre':
      return (j) => j === actor.jobcentre;
    default:
      return undefined;
  }
}

/** The catch-up feed of a jobcentre is for that jobcentre (and an admin) only. */
export function mayReadFeed(actor: Actor, jobcentre: number): boolean {
  return actor.role === 'admin' || (actor.role === 'jobcentre' && actor.jobcentre === jobcentre);
}
