/** Who may see and do what with orders (the shape of service-kit's Principal, without depending on it). */
export type Actor =
  | { role: 'admin' }
  | { role: 'phone-line' }
  | { role: 'jobcentre'; jobcentre: number }
  | { role: 'secretariat'; cooperation: string }
  | { role: 'onboarding'; cooperation: string };

export function mayRead(actor: Actor, order: { leadJobcentre: number; cooperation: string | null }): boolean {
  switch (actor.role) {
    case 'admin':
    case 'phone-line':
      return true;
    case 'jobcentre':
      return actor.jobcentre === order.leadJobcentre;
    case 'secretariat':
      return actor.cooperation === order.cooperation;
    // Follow-ups only, not orders (R10); issue 15 gives the onboarding consultant its own list.
    case 'onboarding':
      return false;
  }
}

/** Closing an order and recording hires: its lead jobcentre (or an admin). */
export function mayAct(actor: Actor, leadJobcentre: number): boolean {
  return actor.role === 'admin' || (actor.role === 'jobcentre' && actor.jobcentre === leadJobcentre);
}

/** The orders a list shows an actor: a jobcentre those it leads, a secretariat its cooperation's. */
export function listFilter(actor: Actor): { leadJobcentre?: number; cooperation?: string } {
  if (actor.role === 'jobcentre') return { leadJobcentre: actor.jobcentre };
  if (actor.role === 'secretariat') return { cooperation: actor.cooperation };
  return {};
}
