import { type CooperationsNow, cooperationIdOf } from '@rs/contracts';
import { isJobcentre } from '@rs/reference-data';
import { isOpen, STATE_DA } from './lifecycle';
import type { Order } from './order';

export type HandoverDecision = { kind: 'hand-over' } | { kind: 'refused'; status: 400 | 409 | 422; reason: string };

/**
 * Whether the lead may hand the order over to `to`: an open order, to another jobcentre, and —
 * for an order of a cooperation — to one of its members (the cooperation's agreement, its
 * secretariat and R7's "every jobcentre" stay the same).
 */
export function decideHandover(
  order: Pick<Order, 'status' | 'leadJobcentre' | 'cooperation'>,
  to: number,
  cooperations: CooperationsNow,
): HandoverDecision {
  if (!isOpen(order.status)) {
    return { kind: 'refused', status: 409, reason: `the order is ${order.status} / ordren er ${STATE_DA[order.status]}` };
  }
  if (!isJobcentre(to)) return { kind: 'refused', status: 400, reason: `${to} is not a jobcentre / ${to} er ikke et jobcenter` };
  if (to === order.leadJobcentre) {
    return { kind: 'refused', status: 409, reason: `${to} leads the order already / ${to} er allerede tovholder` };
  }
  if (order.cooperation && cooperationIdOf(cooperations, to) !== order.cooperation) {
    return {
      kind: 'refused',
      status: 422,
      reason: `${to} is not a member of ${order.cooperation} / ${to} er ikke med i ${order.cooperation}`,
    };
  }
  return { kind: 'hand-over' };
}
