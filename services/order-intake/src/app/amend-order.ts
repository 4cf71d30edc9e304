import { changedSearchFields, type OrderDetails, sentRequirementsOf, summaryOf } from '../domain/details';
import { isOpen } from '../domain/lifecycle';
import type { Order } from '../domain/order';
import { appendTimeline } from '../domain/timeline';
import type { Acting } from './acting';
import type { OrderIntakeDeps } from './deps';
import { type CommandResult, type OutgoingMessage, runOrderCommand } from './order-command';

export interface AmendRequest {
  details: Partial<Omit<OrderDetails, 'occupation'>>;
  /** Any part of the occupation; the rest stays. */
  occupation?: Partial<OrderDetails['occupation']> | undefined;
  largeProject?: boolean | undefined;
}

/** The terms a searching jobcentre is sent besides the summary. */
export function termsOf(details: OrderDetails) {
  return {
    requirements: sentRequirementsOf(details.requirements),
    wishes: details.wishes,
    shortNotice: details.shortNotice,
    ...(details.applicationDeadline ? { applicationDeadline: details.applicationDeadline } : {}),
  };
}

/** The rounds still searching for the order: their recipients are told of a change. */
export const openRoundRecipients = (order: Order) =>
  order.rounds.filter((r) => r.status === 'open').flatMap((r) => r.recipients.map((recipient) => ({ roundId: r.roundId, recipient })));

/**
 * The lead changes what the order asks for. A change of what a jobcentre searches by is an
 * amendment: numbered, on the timeline, order.amended for matching (new shortlists), and
 * round.order-amended to every recipient of an open round. A change of the contact alone is
 * recorded without telling anyone. The same change again changes nothing.
 */
export function amendOrder(deps: OrderIntakeDeps, orderId: string, request: AmendRequest, acting: Acting): Promise<CommandResult> {
  return runOrderCommand(deps, orderId, acting.may, (order, now) => {
    if (!isOpen(order.status)) {
      return {
        kind: 'refused',
        reason: `the order is ${order.status}: it can no longer change / ordren er lukket (${order.status}) og kan ikke ændres`,
      };
    }
    const occupation = request.occupation ? { ...order.details.occupation, ...request.occupation } : order.details.occupation;
    const details: OrderDetails = { ...order.details, ...request.details, occupation };
    if (details.positions < order.hires.length) {
      return {
        kind: 'refused',
        field: 'body.positions',
        reason: `the order has ${order.hires.length} hires: positions cannot be fewer / ordren har ${order.hires.length} ansættelser: antallet af stillinger kan ikke være mindre`,
      };
    }
    const changed = changedSearchFields(order.details, details);
    const contactChanged = JSON.stringify(order.details.contact ?? null) !== JSON.stringify(details.contact ?? null);
    const flagChanged = request.largeProject !== undefined && request.largeProject !== order.largeProject;
    if (changed.length === 0 && !contactChanged && !flagChanged) return { kind: 'unchanged' };
    const at = now.toISOString();
    const noted = [...changed, ...(contactChanged ? ['contact'] : []), ...(flagChanged ? ['largeProject'] : [])];
    const amendment = changed.length > 0 ? order.amendments + 1 : order.amendments;
    const summary = summaryOf(details, order.company.name);
    const messages: OutgoingMessage[] = [];
    if (changed.length > 0) {
      const terms = termsOf(details);
      messages.push({
        name: 'order.amended',
        data: {
          orderId,
          leadJobcentre: order.leadJobcentre,
          cooperation: order.cooperation,
          amendment,
          amendedAt: at,
          order: summary,
          terms,
          changed,
        },
      });
      for (const { roundId, recipient } of openRoundRecipients(order)) {
        messages.push({
          name: 'round.order-amended',
          to: recipient,
          data: { roundId, orderId, recipient, amendment, amendedAt: at, order: summary, terms, changed },
        });
      }
    }
    return {
      kind: 'write',
      set: {
        details,
        order: summary,
        amendments: amendment,
        ...(flagChanged ? { largeProject: request.largeProject } : {}),
        timeline: appendTimeline(order.id, order.timeline, at, acting.by, [{ kind: 'amended', note: noted.join(', ') }]),
      },
      messages,
    };
  });
}
