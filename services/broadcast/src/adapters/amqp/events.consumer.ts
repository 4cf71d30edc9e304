import { type Bus, consume } from '@rs/bus';
import { SERVICE_QUEUES } from '@rs/contracts';
import { closeRoundsOfOrder } from '../../app/close-rounds';
import type { BroadcastDeps } from '../../app/deps';
import { followHandover } from '../../app/follow-handover';
import { openRoundForOrder, saveOrderSnapshot } from '../../app/open-round';
import { receiveShortlists } from '../../app/shortlists';
import { withdrawHiredCandidate } from '../../app/withdraw-hired';

/**
 * order.registered: remember the order; open its first round when the lead asked for one.
 * order.closed: close its rounds and withdraw them from everyone who has not answered.
 * order.shortlisted: matching's suggestions, for the rounds of the order (each recipient its own).
 * order.candidate-hired: withdraw the candidate from every other order's rounds.
 * order.lead-changed: the order's rounds follow the new lead (replies, notices, who may manage).
 */
export function consumeOrderEvents(bus: Bus, deps: BroadcastDeps) {
  return consume(bus, SERVICE_QUEUES.broadcastEvents, {
    'order.registered': async (data) => {
      const snapshot = {
        orderId: data.orderId,
        leadJobcentre: data.leadJobcentre,
        cooperation: data.cooperation,
        order: data.order,
        ...(data.silenceMeansNone ? { silenceMeansNone: true } : {}),
      };
      // A round holds the snapshot itself (loadOrderSnapshot reads it there): one write less per
      // order. An opening that fails keeps the snapshot, so the lead can still open a round.
      if (!data.broadcast) return saveOrderSnapshot(deps, snapshot);
      try {
        await openRoundForOrder(deps, snapshot, data.broadcast.scope, 1);
      } catch (error) {
        await saveOrderSnapshot(deps, snapshot);
        throw error;
      }
    },
    'order.closed': async (data, ctx) => {
      await closeRoundsOfOrder(deps, data.orderId, data.outcome, ctx.envelope.id);
    },
    'order.shortlisted': async (data) => {
      await receiveShortlists(deps, data);
    },
    'order.candidate-hired': async (data, ctx) => {
      await withdrawHiredCandidate(deps, data, ctx.envelope.id);
    },
    'order.lead-changed': async (data, ctx) => {
      await followHandover(deps, data, ctx.envelope.id);
    },
  });
}
