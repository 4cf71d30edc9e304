/** Who may see and do what with orders (the shape of service-kit's Principal, without depending on it). */
export type Actor =
  | { role: 'admin' }
  | { role: 'phone-line' }
  | { role: 'jobcentre'; jobcentre: number }
  | { role: 'secretariat'; cooperation: string }
  | { role: 'onboarding'; cooperation: string };

/** What decides who may read: an order has its recipients; a record without them (service goals) is its lead's. */
type Visible = { leadJobcentre: number; cooperation: string | null; recipientJobcentres?: readonly number[] };

/**
 * Who may open an order: its lead and every jobcentre that received a round of it, the
 * secretariat of its cooperation, the phone line (it takes the company's calls) and admins. The
 * onboarding consultant sees follow-ups, not orders (R10).
 */
export function mayRead(actor: Actor, order: Visible): boolean {
  switch (actor.role) {
    case 'admin':
    case 'phone-line':
      return true;
    case 'jobcentre':
      return actor.jobcentre === order.leadJobcentre || (order.recipientJobcentres ?? []).includes(actor.jobcentre);
    case 'secretariat':
      return actor.cooperation === order.cooperation;
    case 'onboarding':
      return false;
  }
}

/** Running the order (its lifecycle, referrals, hires, amendments, handover): its lead jobcentre, or an admin. */
export function mayAct(actor: Actor, leadJobcentre: number): boolean {
  return actor.role === 'admin' || (actor.role === 'jobcentre' && actor.jobcentre === leadJobcentre);
}

/**
 * How much of an order an actor sees. Candidates are personal data: the phone line sees none;
 * a recipient jobcentre sees its own candidates only; the lead, the secretariat and admins all.
 */
export type CandidateView = { kind: 'all' } | { kind: 'none' } | { kind: 'own'; jobcentre: number };

export function candidateView(actor: Actor, order: { leadJobcentre: number }): CandidateView {
  if (actor.role === 'phone-line' || actor.role === 'onboarding') return { kind: 'none' };
  if (actor.role === 'jobcentre' && actor.jobcentre !== order.leadJobcentre) return { kind: 'own', jobcentre: actor.jobcentre };
  return { kind: 'all' };
}

/** What a list of lead-only records (service goals) shows an actor: a jobcentre those it leads, a secretariat its cooperation's. */
export function listFilter(actor: Actor): { leadJobcentre?: number; cooperation?: string } {
  if (actor.role === 'jobcentre') return { leadJobcentre: actor.jobcentre };
  if (actor.role === 'secretariat') return { cooperation: actor.cooperation };
  return {};
}

/** The orders a list shows an actor: a jobcentre those it leads or received, a secretariat its cooperation's; onboarding none. */
export function orderListScope(actor: Actor): { visibleTo?: number; cooperation?: string } | 'none' {
  if (actor.role === 'jobcentre') return { visibleTo: actor.jobcentre };
  if (actor.role === 'secretariat') return { cooperation: actor.cooperation };
  if (actor.role === 'onboarding') return 'none';
  return {};
}
