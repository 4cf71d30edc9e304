import { type Actor, type CandidateView, candidateView } from '../../domain/access';
import { LAW_STATUS } from '../../domain/lifecycle';
import { everyJobcentreSearched, type Order } from '../../domain/order';

/** Timeline lines that name a candidate: shown with their note only to who may see candidates. */
const CANDIDATE_LINES = /^(referral|hire)/;

/**
 * An order as the caller may see it (OrderView): candidates (referrals, hires, the timeline's
 * notes on them) only as far as candidateView allows.
 */
export function orderView(order: Order, actor: Actor, candidates: CandidateView = candidateView(actor, order)) {
  const shows = (jobcentre: number) => candidates.kind === 'all' || (candidates.kind === 'own' && candidates.jobcentre === jobcentre);
  return {
    id: order.id,
    leadJobcentre: order.leadJobcentre,
    cooperation: order.cooperation,
    channel: order.channel,
    registeredAt: order.registeredAt,
    status: order.status,
    lawStatus: LAW_STATUS[order.status],
    company: order.company,
    order: order.order,
    details: order.details,
    ...(order.agreementId ? { agreementId: order.agreementId } : {}),
    largeProject: order.largeProject,
    broadcastRequested: order.broadcastRequested,
    rounds: order.rounds,
    hires: order.hires.filter((h) => shows(h.jobcentre)),
    referrals: order.referrals.filter((r) => shows(r.jobcentre)),
    positions: { wanted: order.details.positions, filled: order.hires.length },
    timeline: order.timeline.map((line) => {
      if (candidates.kind === 'all' || !CANDIDATE_LINES.test(line.kind)) return line;
      const { note: _note, ...rest } = line;
      return rest;
    }),
    amendments: order.amendments,
    ...(order.closedAt ? { closedAt: order.closedAt } : {}),
    everyJobcentreSearched: everyJobcentreSearched(order.rounds),
  };
}
