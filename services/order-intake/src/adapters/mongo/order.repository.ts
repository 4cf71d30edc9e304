import { createStore, type Handoff } from '@rs/db';
import type { OrderFilter, OrderStore } from '../../app/ports';
import { detailsFromSummary } from '../../domain/details';
import { stateOf } from '../../domain/lifecycle';
import type { Hire, Order, OrderChanges, RoundProgress } from '../../domain/order';
import type { OrderModels } from './order.model';

const hireKey = (jobcentre: number, candidateRef: string) => `${jobcentre}/${candidateRef}`;
const recipientsOf = (rounds: readonly RoundProgress[]) => [...new Set(rounds.flatMap((r) => r.recipients))].sort((a, b) => a - b);

/** The query fields derived from what a write changes: FerretDB queries flat arrays reliably, not fields inside arrays of subdocuments. */
function derived(set: OrderChanges): Record<string, unknown> {
  return {
    ...set,
    ...(set.rounds ? { recipientJobcentres: recipientsOf(set.rounds) } : {}),
    ...(set.hires ? { hiredCandidates: set.hires.map((h) => hireKey(h.jobcentre, h.candidateRef)) } : {}),
  };
}

/** Orders in MongoDB, written through the change log (see @rs/db createStore). */
export function orderRepository(models: OrderModels, relay: Handoff): OrderStore {
  const model = models.orders;
  const store = createStore(model, relay);
  return {
    async load(id) {
      const found = await store.load(id);
      return found && { state: toOrder(found.doc), revision: found.revision };
    },
    save(id, write) {
      return store.save(id, {
        revision: write.revision,
        set: derived(write.state),
        outbox: write.outbox,
        ...(write.processedId ? { processedId: write.processedId } : {}),
      });
    },
    insert({ id, ...fields }, outbox) {
      return store.insert({ _id: id, ...derived(fields) }, outbox);
    },
    async list(filter, limit) {
      const docs = await model.collection
        .find(listQuery(filter), { projection: { processed: 0, changeTokens: 0 } })
        .sort({ registeredAt: -1, _id: -1 })
        .limit(limit)
        .toArray();
      return docs.map((d) => toOrder(d as Record<string, unknown>));
    },
    async claimHireSlot(slot, orderId, at) {
      try {
        await models.hireClaims.collection.insertOne({ _id: slot as never, orderId, claimedAt: at });
        return { claimed: true };
      } catch (error) {
        if ((error as { code?: number }).code !== 11000) throw error;
        const held = await models.hireClaims.collection.findOne({ _id: slot as never });
        // Released between our insert and this read: report a holder that is neither us nor stale.
        return {
          claimed: false,
          holder: held ? { orderId: String(held.orderId), claimedAt: String(held.claimedAt) } : { orderId: '', claimedAt: at },
        };
      }
    },
    async releaseHireSlot(slot, holder) {
      await models.hireClaims.collection.deleteOne({ _id: slot as never, orderId: holder.orderId, claimedAt: holder.claimedAt });
    },
    async hiresOf(jobcentre, candidateRef) {
      const docs = await model.collection
        .find(
          // Orders written before issue 15 have no hiredCandidates yet: found by the hire itself.
          {
            $or: [
              { hiredCandidates: hireKey(jobcentre, candidateRef) },
              { hiredCandidates: { $exists: false }, 'hires.candidateRef': candidateRef },
            ],
          },
          { projection: { hires: 1 } },
        )
        .limit(100)
        .toArray();
      return docs.flatMap((d) =>
        ((d.hires as Hire[] | undefined) ?? [])
          .filter((h) => h.jobcentre === jobcentre && h.candidateRef === candidateRef)
          .map((h) => ({ orderId: String(d._id), startDate: h.startDate, weeklyHours: h.weeklyHours })),
      );
    },
  };
}

/** Every value in the query is a number or a plain string the edge validated (never an object from a request). */
function listQuery({ registeredFrom, registeredBefore, after, visibleTo, status, ids, ...exact }: OrderFilter): Record<string, unknown> {
  // registeredAt is an ISO instant in UTC, so string order is time order.
  const and: Record<string, unknown>[] = [];
  const range = { ...(registeredFrom ? { $gte: registeredFrom } : {}), ...(registeredBefore ? { $lt: registeredBefore } : {}) };
  if (Object.keys(range).length > 0) and.push({ registeredAt: range });
  if (after)
    and.push({ $or: [{ registeredAt: { $lt: after.registeredAt } }, { registeredAt: after.registeredAt, _id: { $lt: after.id } }] });
  if (visibleTo !== undefined) {
    // Orders written before issue 15 have no recipientJobcentres yet: found by their rounds.
    and.push({
      $or: [
        { leadJobcentre: visibleTo },
        { recipientJobcentres: visibleTo },
        { recipientJobcentres: { $exists: false }, 'rounds.recipients': visibleTo },
      ],
    });
  }
  // Orders stored before issue 15 say `unfilled` for closed-unfilled.
  if (status) and.push({ status: { $in: status.includes('closed-unfilled') ? [...status, 'unfilled'] : status } });
  if (ids) and.push({ _id: { $in: ids } });
  return { ...exact, ...(and.length > 0 ? { $and: and } : {}) };
}

function toOrder(doc: Record<string, unknown>): Order {
  const { _id, version: _v, processed: _p, changeTokens: _t, hiredCandidates: _h, ...rest } = doc;
  const order = rest as Omit<Order, 'id'> & { status: string };
  const rounds = order.rounds ?? [];
  return {
    ...order,
    id: String(_id),
    status: stateOf(order.status),
    channel: order.channel ?? 'jobcentre',
    details: order.details ?? detailsFromSummary(order.order),
    largeProject: order.largeProject ?? false,
    rounds,
    recipientJobcentres: recipientsOf(rounds),
    hires: order.hires ?? [],
    referrals: order.referrals ?? [],
    timeline: order.timeline ?? [],
    amendments: order.amendments ?? 0,
  };
}
